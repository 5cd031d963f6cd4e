// Rate limits with express-rate-limit: per org on authenticated routes, per client IP on public
// ones, in a fixed one-minute window. 429 with our error body and Retry-After.
// The org limiter's count lives in one MemoryStore that the middleware and the hot read path
// (features/log-read/hot-path.ts) both use, so a client's requests count once whichever answers.
import type { RequestHandler } from 'express';
import { MemoryStore, ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Principal } from '../auth/principal.js';
import { errorBody } from './error-mapper.js';

const WINDOW_MS = 60_000;
const WINDOW_SECONDS = Math.ceil(WINDOW_MS / 1000);

export interface RateLimit {
  /** The Express middleware; a pass-through when rate limiting is off. */
  readonly middleware: RequestHandler;
  /** The same count for code outside Express; undefined when rate limiting is off. */
  readonly counter: RateLimitCounter | undefined;
}

export interface RateLimitCounter {
  /**
   * Counts one request for `key` as the middleware would. Within the limit: the headers the
   * middleware would set. Over it: undefined, and the hit is already given back (hand the request
   * to the middleware, which counts it again and answers 429).
   */
  hit(key: string): Promise<RateLimitGrant | undefined>;
}

export interface RateLimitGrant {
  /** RateLimit-Policy and RateLimit (draft-7) as [name, value, name, value]. */
  readonly headers: readonly string[];
  /** Gives the hit back (the request goes to the middleware after all, which counts it again). */
  undo(): Promise<void>;
}

/** The store key of an org's budget (authenticated routes). */
export function orgKey(org: string): string {
  return `org:${org}`;
}

export function createRateLimit(perMinute: number, by: 'org' | 'ip'): RateLimit {
  if (perMinute === 0) return { middleware: (_req, _res, next) => next(), counter: undefined };
  const store = new MemoryStore();
  const middleware = rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store,
    keyGenerator: (req, res) => {
      const p = res.locals['principal'] as Principal | undefined;
      if (by === 'org' && p !== undefined) return orgKey(p.org);
      return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res) => {
      res.setHeader('Retry-After', String(WINDOW_SECONDS));
      res.status(429).json(errorBody('RATE_LIMITED', `more than ${perMinute} requests in a minute; slow down`));
    },
  });
  // rateLimit() has init()ed the store with the window.
  return { middleware, counter: memoryStoreCounter(store, perMinute) };
}

/** The draft-7 headers exactly as express-rate-limit v8 writes them (setDraft7Headers). */
function draft7Headers(limit: number, totalHits: number, resetTime: Date): string[] {
  const reset = Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000));
  const remaining = Math.max(limit - totalHits, 0);
  return ['RateLimit-Policy', `${limit};w=${WINDOW_SECONDS}`, 'RateLimit', `limit=${limit}, remaining=${remaining}, reset=${reset}`];
}

function memoryStoreCounter(store: MemoryStore, limit: number): RateLimitCounter {
  // As express-rate-limit's own decrement: not once the window the hit was counted in is over.
  const giveBack = async (key: string, resetTime: Date): Promise<void> => {
    if (Date.now() < resetTime.getTime()) await store.decrement(key);
  };
  return {
    async hit(key) {
      const { totalHits, resetTime } = await store.increment(key);
      const reset = resetTime ?? new Date(Date.now() + WINDOW_MS);
      if (totalHits > limit) {
        await giveBack(key, reset);
        return undefined;
      }
      return { headers: draft7Headers(limit, totalHits, reset), undo: () => giveBack(key, reset) };
    },
  };
}
