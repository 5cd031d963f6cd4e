// Rate limits with express-rate-limit: per org on authenticated routes, per client IP on public
// ones, in a fixed one-minute window. 429 with our error body and Retry-After.
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Principal } from '../auth/principal.js';
import { errorBody } from '../errors/middleware.js';

const WINDOW_MS = 60_000;

export function createRateLimit(perMinute: number, by: 'org' | 'ip'): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const p = res.locals['principal'] as Principal | undefined;
      if (by === 'org' && p !== undefined) return `org:${p.org}`;
      return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res) => {
      res.setHeader('Retry-After', String(Math.ceil(WINDOW_MS / 1000)));
      res.status(429).json(errorBody('RATE_LIMITED', `more than ${perMinute} requests in a minute; slow down`));
    },
  });
}
