/**
 * The HTTP side of the gateway: one Express app for every feature, in this order — security
 * headers, the request log, health and metrics, the public routes (limited per client IP),
 * authentication for everything under /v1 (then limited per org), the authenticated routes, the
 * 404 and the one error mapper — and the server's request listener, which answers the successful
 * proof reads ahead of Express (hot-path.ts) and hands everything else to it.
 */
import type { RequestListener } from 'node:http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { LogService } from '../log/index.js';
import type { GatewayMetrics } from '../ops/metrics.js';
import { authenticate } from './auth.js';
import { errorMiddleware, notFoundHandler } from './error-mapper.js';
import type { Feature } from './feature.js';
import { healthRoutes } from './health.js';
import { createHotReadPath, recordHeaders, type HotReadStats } from './hot-path.js';
import { createRateLimit } from './rate-limit.js';
import { requestLog } from './request-log.js';

export interface HttpAppDeps {
  readonly features: readonly Feature[];
  readonly log: LogService;
  readonly verify: TokenVerifier;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** requests per minute per org (authenticated) or per IP (public); 0 disables */
  readonly rateLimitPerMinute: number;
  /** true once the gateway is shutting down */
  readonly closing: () => boolean;
}

export interface HttpApp {
  readonly app: Express;
  /** the server's request listener: the hot read path in front of the app */
  readonly listener: RequestListener;
  hotReads(): HotReadStats;
}

export function createHttpApp(d: HttpAppDeps): HttpApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const securityHeaders = helmet();
  app.use(securityHeaders);
  app.use(requestLog(d.logger, d.metrics));
  app.use(healthRoutes(() => d.log, d.closing));
  app.get('/metrics', async (_req, res) => {
    res.type(d.metrics.registry.contentType).send(await d.metrics.registry.metrics());
  });
  const byIp = createRateLimit(d.rateLimitPerMinute, 'ip');
  const byOrg = createRateLimit(d.rateLimitPerMinute, 'org');
  for (const f of d.features) {
    if (f.publicRoutes === undefined) continue;
    if (f.publicPaths !== undefined && f.publicPaths.length > 0) app.use([...f.publicPaths], byIp.middleware);
    app.use(f.publicRoutes);
  }
  app.use('/v1', authenticate(d.verify), byOrg.middleware);
  for (const f of d.features) if (f.routes !== undefined) app.use(f.routes);
  app.use(notFoundHandler);
  app.use(errorMiddleware(d.logger));
  // The successful proof reads are answered ahead of Express, as the routes above would answer
  // them; hot-path.test.ts holds the two to the same status, headers and body.
  const hot = createHotReadPath(
    { log: d.log, verify: d.verify, securityHeaders: recordHeaders(securityHeaders), rateLimit: byOrg.counter, metrics: d.metrics, logger: d.logger, closing: d.closing },
    app,
  );
  return { app, listener: hot.listener, hotReads: () => hot.stats() };
}
