// The hot read path: a node:http request listener in front of the Express app that answers the
// successful GET /v1/log/proof/inclusion and /v1/log/proof/consistency requests itself, without
// Express's router, middleware stack and response helpers (~10x less CPU per request).
//
// It takes a request only when it is certainly one Express would answer with 200: the exact path,
// exactly the two query parameters as canonical decimals, a Bearer token, no conditional headers.
// Everything else, and every candidate that then fails (bad token, over the rate limit, a range
// the log refuses), goes to Express untouched: nothing has been written to the response and the
// request stream is never read, so errors keep Express's status, code and body.
//
// The success answer is Express's: the same JSON bytes (proof-body.ts builds the body for both and
// writes it as text byte-identical to Express's JSON.stringify), the
// security headers the helmet middleware sets (recorded once by recordHeaders), the draft-7 rate
// limit headers from the org limiter's own store, Content-Type and Content-Length; and it is
// recorded in the request metrics and log like an Express request (ops/request-log.ts).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { bearerToken } from './auth.js';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { LogService } from '../log/index.js';
import type { GatewayMetrics } from '../ops/metrics.js';
import { orgKey, type RateLimitCounter, type RateLimitGrant } from './rate-limit.js';
import { recordRequest } from './request-log.js';
import { consistencyProofBody, consistencyProofJson, inclusionProofBody, inclusionProofJson } from './proof-body.js';
import { canonicalIndex } from './query.js';

export const INCLUSION_ROUTE = '/v1/log/proof/inclusion';
export const CONSISTENCY_ROUTE = '/v1/log/proof/consistency';
/** What Express's res.json sets. */
const JSON_TYPE = 'application/json; charset=utf-8';

export interface HotReadPathOptions {
  readonly log: LogService;
  /** The verifier Express's authenticate uses (its cache of verified tokens is shared). */
  readonly verify: TokenVerifier;
  /** [name, value, …] as the security middleware sets them: recordHeaders(helmet()). */
  readonly securityHeaders: readonly string[];
  /** The org limiter's counter (ops/rate-limit.ts); undefined when rate limiting is off. */
  readonly rateLimit: RateLimitCounter | undefined;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** true once the gateway is shutting down: then every request goes to Express. */
  readonly closing: () => boolean;
}

export interface HotReadStats {
  /** answered by the hot path */
  readonly served: number;
  /** candidates handed to Express after all (token, rate limit or log refused) */
  readonly delegated: number;
}

export interface HotReadPath {
  /** The server's request listener: answers what it can, hands everything else to `fallback`. */
  readonly listener: RequestListener;
  stats(): HotReadStats;
}

interface Candidate {
  readonly route: string;
  readonly token: string;
  /** the JSON text Express's res.json would send */
  readonly body: (log: LogService) => Promise<string>;
}

/** `a=<n>&b=<n>` in either order, nothing else; values canonical decimals (so no %-escapes). */
function twoParams(query: string, a: string, b: string): [number, number] | undefined {
  const amp = query.indexOf('&');
  if (amp < 0 || query.includes('&', amp + 1)) return undefined;
  const first = param(query.slice(0, amp));
  const second = param(query.slice(amp + 1));
  if (first === undefined || second === undefined) return undefined;
  if (first[0] === a && second[0] === b) return [first[1], second[1]];
  if (first[0] === b && second[0] === a) return [second[1], first[1]];
  return undefined;
}

function param(pair: string): [string, number] | undefined {
  const eq = pair.indexOf('=');
  if (eq < 0) return undefined;
  const n = canonicalIndex(pair.slice(eq + 1));
  return n === undefined ? undefined : [pair.slice(0, eq), n];
}

/** The request as a hot-path candidate, decided synchronously; undefined: Express's. */
function candidateOf(req: IncomingMessage): Candidate | undefined {
  if (req.method !== 'GET') return undefined;
  const url = req.url ?? '';
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  const path = url.slice(0, q);
  let body: Candidate['body'];
  if (path === INCLUSION_ROUTE) {
    const p = twoParams(url.slice(q + 1), 'index', 'size');
    if (p === undefined) return undefined;
    body = async (log) => inclusionProofJson(await inclusionProofBody(log, p[0], p[1]));
  } else if (path === CONSISTENCY_ROUTE) {
    const p = twoParams(url.slice(q + 1), 'from', 'to');
    if (p === undefined) return undefined;
    body = async (log) => consistencyProofJson(await consistencyProofBody(log, p[0], p[1]));
  } else {
    return undefined;
  }
  const h = req.headers;
  // Express's res.send answers a fresh conditional GET with 304.
  if (h['if-none-match'] !== undefined || h['if-modified-since'] !== undefined) return undefined;
  const token = h.authorization === undefined ? undefined : bearerToken(h.authorization);
  return token === undefined ? undefined : { route: path, token, body };
}

export function createHotReadPath(o: HotReadPathOptions, fallback: RequestListener): HotReadPath {
  let served = 0;
  let delegated = 0;

  /** true: answered; false: nothing written, Express's to answer. */
  async function serve(c: Candidate, res: ServerResponse, start: bigint): Promise<boolean> {
    let principal: Principal;
    try {
      principal = await o.verify(c.token);
    } catch {
      return false;
    }
    let grant: RateLimitGrant | undefined;
    if (o.rateLimit !== undefined) {
      grant = await o.rateLimit.hit(orgKey(principal.org));
      if (grant === undefined) return false;
    }
    let json: string;
    try {
      json = await c.body(o.log);
    } catch {
      await grant?.undo();
      return false;
    }
    const headers = [...o.securityHeaders, ...(grant?.headers ?? []), 'Content-Type', JSON_TYPE, 'Content-Length', String(Buffer.byteLength(json))];
    try {
      res.writeHead(200, headers);
    } catch {
      // Thrown before anything is stored or sent (a bad header value): Express answers.
      await grant?.undo();
      return false;
    }
    res.end(json);
    // The request log records on 'finish'; here end() has just handed the bytes to the socket,
    // which is as good a stop for the clock, without a listener per request.
    recordRequest(o.logger, o.metrics, { method: 'GET', route: c.route, status: 200, seconds: Number(process.hrtime.bigint() - start) / 1e9, principal });
    return true;
  }

  const listener: RequestListener = (req, res) => {
    const c = o.closing() ? undefined : candidateOf(req);
    if (c === undefined) {
      fallback(req, res);
      return;
    }
    serve(c, res, process.hrtime.bigint()).then(
      (ok) => {
        if (ok) {
          served++;
          return;
        }
        delegated++;
        fallback(req, res);
      },
      (e: unknown) => {
        if (!res.headersSent) {
          delegated++;
          fallback(req, res);
          return;
        }
        o.logger.error({ err: e, route: c.route }, 'hot read path failed after answering');
        res.destroy();
      },
    );
  };
  return { listener, stats: () => ({ served, delegated }) };
}

/**
 * The headers a response middleware (helmet()) sets, as [name, value, …] in its order: runs it
 * once against a recording stand-in for the response. It must finish synchronously.
 */
export function recordHeaders(middleware: RequestHandler): string[] {
  const headers = new Map<string, { name: string; value: string | string[] }>();
  const stub = {
    setHeader(name: string, value: number | string | readonly string[]) {
      headers.set(name.toLowerCase(), { name, value: typeof value === 'number' ? String(value) : typeof value === 'string' ? value : [...value] });
      return stub;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase())?.value,
    hasHeader: (name: string) => headers.has(name.toLowerCase()),
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
    headersSent: false,
  };
  let done = false;
  let failure: unknown;
  middleware({ headers: {}, method: 'GET', url: '/' } as unknown as Request, stub as unknown as Response, (e?: unknown) => {
    done = true;
    failure = e;
  });
  if (!done || failure !== undefined) throw new Error('the security header middleware did not finish synchronously', { cause: failure });
  const flat: string[] = [];
  for (const { name, value } of headers.values()) {
    for (const v of typeof value === 'string' ? [value] : value) flat.push(name, v);
  }
  return flat;
}
