// What a feature hands the HTTP app: its routes, public or behind authentication. Features are
// made by create<X>Feature(narrow deps) in features/, and composed in compose/.
import type { Router } from 'express';

export interface Feature {
  /** served without a token, before authentication */
  readonly publicRoutes?: Router;
  /** the paths of publicRoutes, limited per client IP */
  readonly publicPaths?: readonly string[];
  /** served behind authentication (and the per-org limit) */
  readonly routes?: Router;
}
