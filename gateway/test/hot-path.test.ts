// The hot read path (http/hot-path.ts) over real HTTP: the gateway's own server
// (hot path in front of Express) against a second server on the same gateway's Express app
// alone, so both answer from one log, one token cache and one rate-limit store. Successful
// proof reads are served by the hot path and byte-identical to Express's; everything else is
// handed to Express and answered exactly as Express answers it.
import { createServer, request, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHotReadPath } from '../src/http/hot-path.js';
import type { LogService } from '../src/log/index.js';
import type { GatewayMetrics } from '../src/ops/metrics.js';
import { makeEvents } from './support/events.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { checkConsistency, checkInclusion, openNoteCheckpoint, type ConsistencyJson, type InclusionJson } from './support/verify.js';

interface Raw {
  readonly status: number;
  /** [name, value, …] as received, without Date (the one header that may differ by timing) */
  readonly headers: string[];
  readonly body: string;
}

function get(port: number, path: string, opts: { method?: string; headers?: OutgoingHttpHeaders; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i] ?? '';
          if (name.toLowerCase() !== 'date') headers.push(name, res.rawHeaders[i + 1] ?? '');
        }
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('latin1') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function header(r: Raw, name: string): string | undefined {
  for (let i = 0; i < r.headers.length; i += 2) if (r.headers[i]?.toLowerCase() === name) return r.headers[i + 1];
  return undefined;
}

/** The RateLimit header's remaining and reset, when there is one. */
function rateLimitOf(r: Raw): { remaining: number; reset: number } | undefined {
  const m = /^limit=\d+, remaining=(\d+), reset=(\d+)$/.exec(header(r, 'ratelimit') ?? '');
  return m === null ? undefined : { remaining: Number(m[1]), reset: Number(m[2]) };
}

/**
 * `exp` (Express, asked right after `hot` by the same org) is the same answer: status, body and
 * every header in order and value, but that the rate limit count went on by one (the two servers
 * share it) and the reset may have ticked a second.
 */
function expectSameAnswer(hot: Raw, exp: Raw, what: string): void {
  const blank = (r: Raw): Raw => ({ ...r, headers: r.headers.map((v, i) => (r.headers[i - 1]?.toLowerCase() === 'ratelimit' ? '…' : v)) });
  expect(blank(hot), what).toEqual(blank(exp));
  const h = rateLimitOf(hot);
  const e = rateLimitOf(exp);
  if (h === undefined || e === undefined) {
    expect(e, what).toBe(h);
    return;
  }
  expect(e.remaining, what).toBe(h.remaining - 1);
  expect(Math.abs(e.reset - h.reset), what).toBeLessThanOrEqual(1);
}

/** A second server answering with the gateway's Express app alone (no hot path). */
async function expressOnly(t: TestGateway): Promise<{ server: Server; port: number }> {
  const server = createServer(t.gw.app);
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  if (addr === null || typeof addr !== 'object') throw new Error('no port');
  return { server, port: addr.port };
}

async function closeServer(s: Server | undefined): Promise<void> {
  if (s === undefined) return;
  await new Promise<void>((resolve) => s.close(() => resolve()));
}

async function fill(t: TestGateway, token: string, batches: number, per: number): Promise<void> {
  for (let b = 0; b < batches; b++) {
    const r = await t.postEvents({ events: makeEvents(b * per, per) }, token, '?wait=checkpoint');
    expect(r.status).toBe(200);
  }
}

describe('hot read path', () => {
  let t: TestGateway;
  let ex: { server: Server; port: number } | undefined;
  let token: string;
  let size: number;
  let rootHash: Uint8Array;

  beforeAll(async () => {
    t = await startTestGateway({ ELC_BATCH_MAX_AGE_MS: '10', ELC_CHECKPOINT_INTERVAL_MS: '30' });
    ex = await expressOnly(t);
    const vendor = await t.token('vendor', { org: 'platform-a' });
    await fill(t, vendor, 3, 110);
    const vkey = await (await t.call('/v1/log/key')).text();
    const cp = openNoteCheckpoint(await (await t.call('/v1/log/checkpoint')).text(), vkey, t.gw.log.origin);
    size = cp.size;
    rootHash = cp.rootHash;
    expect(size).toBeGreaterThanOrEqual(330);
    token = await t.token('arbitration', { org: 'court-1' });
  });
  afterAll(async () => {
    await closeServer(ex?.server);
    await t.close();
  });

  const expressPort = (): number => {
    if (ex === undefined) throw new Error('no express server');
    return ex.port;
  };

  it('serves successful proof reads itself, byte for byte as Express answers them', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const paths = [
      `/v1/log/proof/inclusion?index=0&size=${size}`,
      `/v1/log/proof/inclusion?index=${size - 1}&size=${size}`,
      '/v1/log/proof/inclusion?index=5&size=17',
      '/v1/log/proof/inclusion?index=255&size=256',
      '/v1/log/proof/inclusion?index=0&size=1',
      `/v1/log/proof/inclusion?size=${size}&index=200`,
      `/v1/log/proof/consistency?from=1&to=${size}`,
      `/v1/log/proof/consistency?from=${size}&to=${size}`,
      '/v1/log/proof/consistency?from=7&to=300',
      '/v1/log/proof/consistency?to=300&from=256',
    ];
    const before = t.gw.hotReads();
    for (const path of paths) {
      const hot = await get(t.gw.port, path, { headers: auth });
      const exp = await get(expressPort(), path, { headers: auth });
      expect(hot.status, path).toBe(200);
      expectSameAnswer(hot, exp, path);
      expect(rateLimitOf(hot)).toBeDefined();
      expect(header(hot, 'content-type')).toBe('application/json; charset=utf-8');
      expect(header(hot, 'content-length')).toBe(String(Buffer.byteLength(hot.body)));
      expect(header(hot, 'content-security-policy')).toBeDefined();
      expect(header(hot, 'x-content-type-options')).toBe('nosniff');
      expect(header(hot, 'x-powered-by')).toBeUndefined();
      expect(header(hot, 'etag')).toBeUndefined();
    }
    expect(t.gw.hotReads()).toEqual({ served: before.served + paths.length, delegated: before.delegated });
    // The answers are real proofs.
    const inc = JSON.parse((await get(t.gw.port, `/v1/log/proof/inclusion?index=42&size=${size}`, { headers: auth })).body) as InclusionJson;
    checkInclusion(inc, rootHash);
    const con = JSON.parse((await get(t.gw.port, `/v1/log/proof/consistency?from=100&to=${size}`, { headers: auth })).body) as ConsistencyJson;
    expect(con.toRoot).toBe(Buffer.from(rootHash).toString('base64'));
    const small = JSON.parse((await get(t.gw.port, '/v1/log/proof/consistency?from=100&to=100', { headers: auth })).body) as ConsistencyJson;
    checkConsistency(con, Buffer.from(small.fromRoot, 'base64'), rootHash);
  });

  it('hands everything else to Express: the same status, body and headers', async () => {
    const good = `Bearer ${token}`;
    const expired = `Bearer ${await t.token('vendor', { ttlSeconds: -120 })}`;
    const incl = '/v1/log/proof/inclusion';
    const cons = '/v1/log/proof/consistency';
    // [path, Authorization, method, handed over after a token check (a candidate) or at once]
    const cases: [string, string | undefined, string, 'candidate' | 'not', number][] = [
      [`${incl}?index=0&size=5`, undefined, 'GET', 'not', 401],
      [`${incl}?index=0&size=5`, 'Basic dXNlcjpwYXNz', 'GET', 'not', 401],
      [`${incl}?index=0&size=5`, 'Bearer not.a.token', 'GET', 'candidate', 401],
      [`${incl}?index=0&size=5`, expired, 'GET', 'candidate', 401],
      [`${incl}?index=5&size=5`, good, 'GET', 'candidate', 400],
      [`${incl}?index=0&size=${size + 1000}`, good, 'GET', 'candidate', 400],
      [`${cons}?from=0&to=5`, good, 'GET', 'candidate', 400],
      [`${cons}?from=6&to=5`, good, 'GET', 'candidate', 400],
      [`${cons}?from=1&to=${size + 1}`, good, 'GET', 'candidate', 400],
      [`${incl}?index=01&size=5`, good, 'GET', 'not', 400],
      [`${incl}?index=1e3&size=5000`, good, 'GET', 'not', 400],
      [`${incl}?index=-1&size=5`, good, 'GET', 'not', 400],
      [`${incl}?index=+1&size=5`, good, 'GET', 'not', 400],
      [`${incl}?index=99999999999999999&size=5`, good, 'GET', 'not', 400],
      [`${incl}?index=0&index=1&size=5`, good, 'GET', 'not', 400],
      [`${incl}?index=0`, good, 'GET', 'not', 400],
      [incl, good, 'GET', 'not', 400],
      // Express would answer these with 200; they are just not the hot path's.
      [`${incl}?index=0&size=5&x=1`, good, 'GET', 'not', 200],
      [`${incl}?index=%31&size=5`, good, 'GET', 'not', 200],
      [`${incl}/?index=0&size=5`, good, 'GET', 'not', 200],
      [`${cons}?from=1&to=5&`, good, 'GET', 'not', 200],
      [`${incl}?index=0&size=5`, good, 'HEAD', 'not', 200],
      [`${incl}?index=0&size=5`, good, 'POST', 'not', 404],
      [`${cons}?from=1&to=5`, good, 'DELETE', 'not', 404],
      [`/v1/log/proof/inclusions?index=0&size=5`, good, 'GET', 'not', 404],
    ];
    for (const [path, authorization, method, kind, status] of cases) {
      const headers = authorization === undefined ? {} : { authorization };
      const before = t.gw.hotReads();
      const hot = await get(t.gw.port, path, { method, headers });
      const after = t.gw.hotReads();
      const exp = await get(expressPort(), path, { method, headers });
      const what = `${method} ${path} (${authorization?.slice(0, 12) ?? 'no token'})`;
      expect(hot.status, what).toBe(status);
      expectSameAnswer(hot, exp, what);
      expect(after, what).toEqual({ served: before.served, delegated: before.delegated + (kind === 'candidate' ? 1 : 0) });
      if (status >= 400) expect(JSON.parse(hot.body), what).toHaveProperty('error.code');
    }
  });

  it('leaves conditional requests to Express (which answers If-None-Match: * with 304)', async () => {
    const path = '/v1/log/proof/inclusion?index=0&size=5';
    const before = t.gw.hotReads();
    const headers = { authorization: `Bearer ${token}`, 'if-none-match': '*' };
    const hot = await get(t.gw.port, path, { headers });
    const exp = await get(expressPort(), path, { headers });
    expect(hot.status).toBe(304);
    expectSameAnswer(hot, exp, 'if-none-match');
    expect(t.gw.hotReads()).toEqual(before);
  });

  it('answers a GET that carries a body without reading it, as Express does', async () => {
    const path = '/v1/log/proof/inclusion?index=3&size=9';
    const init = { headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'content-length': '5' }, body: 'hello' };
    const before = t.gw.hotReads();
    const hot = await get(t.gw.port, path, init);
    const exp = await get(expressPort(), path, init);
    expect(hot.status).toBe(200);
    expectSameAnswer(hot, exp, 'with a body');
    expect(t.gw.hotReads().served).toBe(before.served + 1);
  });

  it('records its requests in the request metrics with the route and status', async () => {
    const metric = async (route: string): Promise<number> => {
      const text = await (await t.call('/metrics')).text();
      const line = text.split('\n').find((l) => l.startsWith(`elc_http_request_duration_seconds_count{method="GET",route="${route}",status="200"}`));
      return line === undefined ? 0 : Number(line.split(' ').pop());
    };
    const inclusion0 = await metric('/v1/log/proof/inclusion');
    const consistency0 = await metric('/v1/log/proof/consistency');
    for (let i = 0; i < 7; i++) expect((await t.call(`/v1/log/proof/inclusion?index=${i}&size=${size}`, { token })).status).toBe(200);
    for (let i = 1; i < 4; i++) expect((await t.call(`/v1/log/proof/consistency?from=${i}&to=${size}`, { token })).status).toBe(200);
    expect(await metric('/v1/log/proof/inclusion')).toBe(inclusion0 + 7);
    expect(await metric('/v1/log/proof/consistency')).toBe(consistency0 + 3);
  });
});

describe('hot read path without rate limiting', () => {
  it('answers byte for byte as Express, with no rate limit headers, and writes the same request log line', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n')) if (l !== '') lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const t = await startTestGateway({ ELC_RATE_LIMIT_PER_MINUTE: '0', ELC_BATCH_MAX_AGE_MS: '10', ELC_CHECKPOINT_INTERVAL_MS: '30' }, { logger: pino({ level: 'info' }, sink) });
    let ex: { server: Server; port: number } | undefined;
    try {
      ex = await expressOnly(t);
      const auth = { authorization: `Bearer ${await t.token('regulator', { org: 'bureau-9' })}` };
      expect((await t.postEvents({ events: makeEvents(0, 9) }, await t.token('vendor'), '?wait=checkpoint')).status).toBe(200);
      const paths = ['/v1/log/proof/inclusion?index=1&size=3', '/v1/log/proof/inclusion?index=8&size=9', '/v1/log/proof/consistency?from=2&to=9'];
      const served = t.gw.hotReads().served;
      for (const path of paths) {
        const hot = await get(t.gw.port, path, { headers: auth });
        const exp = await get(ex.port, path, { headers: auth });
        expect(hot.status).toBe(200);
        expect(hot).toEqual(exp);
        expect(header(hot, 'ratelimit')).toBeUndefined();
        expect(header(hot, 'ratelimit-policy')).toBeUndefined();
      }
      expect(t.gw.hotReads().served).toBe(served + paths.length);
      // An error is Express's too.
      const bad = '/v1/log/proof/inclusion?index=3&size=3';
      expect(await get(t.gw.port, bad, { headers: auth })).toEqual(await get(ex.port, bad, { headers: auth }));

      await new Promise((r) => setTimeout(r, 50));
      const proofLines = lines.filter((l) => l['msg'] === 'request' && l['route'] === '/v1/log/proof/inclusion' && l['status'] === 200);
      expect(proofLines).toHaveLength(4);
      const strip = (l: Record<string, unknown>): Record<string, unknown> => {
        const { time, ms, ...rest } = l;
        expect(typeof time).toBe('number');
        expect(typeof ms).toBe('number');
        return rest;
      };
      const [hot, exp] = proofLines.map(strip);
      expect(hot).toEqual(exp);
      expect(hot).toMatchObject({ level: 30, method: 'GET', route: '/v1/log/proof/inclusion', status: 200, org: 'bureau-9', role: 'regulator' });
    } finally {
      await closeServer(ex?.server);
      await t.close();
    }
  });
});

describe('hot read path with rate limiting', () => {
  let t: TestGateway;
  let ex: { server: Server; port: number } | undefined;

  beforeAll(async () => {
    t = await startTestGateway({ ELC_RATE_LIMIT_PER_MINUTE: '5', ELC_BATCH_MAX_AGE_MS: '10', ELC_CHECKPOINT_INTERVAL_MS: '30' });
    ex = await expressOnly(t);
    await fill(t, await t.token('vendor', { org: 'filler' }), 1, 20);
  });
  afterAll(async () => {
    await closeServer(ex?.server);
    await t.close();
  });

  it('shares one count per org with Express: draft-7 headers while allowed, then 429 from either', async () => {
    if (ex === undefined) throw new Error('no express server');
    const auth = { authorization: `Bearer ${await t.token('regulator', { org: 'busy-org' })}` };
    const sequence: [number, string][] = [
      [t.gw.port, '/v1/log/proof/inclusion?index=0&size=20'],
      [ex.port, '/v1/log/proof/consistency?from=1&to=20'],
      [t.gw.port, '/v1/log/proof/consistency?from=3&to=20'],
      [ex.port, '/v1/log/proof/inclusion?index=4&size=20'],
      [t.gw.port, '/v1/log/proof/inclusion?index=19&size=20'],
    ];
    const before = t.gw.hotReads();
    const allowed: Raw[] = [];
    for (const [port, path] of sequence) allowed.push(await get(port, path, { headers: auth }));
    expect(t.gw.hotReads()).toEqual({ served: before.served + 3, delegated: before.delegated });
    allowed.forEach((r, i) => {
      expect(r.status).toBe(200);
      expect(header(r, 'ratelimit-policy')).toBe('5;w=60');
      const m = /^limit=5, remaining=(\d+), reset=(\d+)$/.exec(header(r, 'ratelimit') ?? '');
      expect(m?.[1]).toBe(String(4 - i));
      expect(Number(m?.[2])).toBeGreaterThan(0);
      expect(Number(m?.[2])).toBeLessThanOrEqual(60);
      expect(header(r, 'retry-after')).toBeUndefined();
    });
    // Hot and Express answers carry the same headers in the same order, the same values but for
    // the count and the length.
    const shape = (r: Raw): string[] => r.headers.map((v, i) => (['ratelimit', 'content-length'].includes(r.headers[i - 1]?.toLowerCase() ?? '') ? '' : v));
    for (const r of allowed) expect(shape(r)).toEqual(shape(allowed[1] as Raw));
    expect(header(allowed[0] as Raw, 'ratelimit')).not.toBe(header(allowed[1] as Raw, 'ratelimit'));

    // The sixth request in the minute, to either server, is refused by Express with 429.
    const hot429 = await get(t.gw.port, '/v1/log/proof/inclusion?index=1&size=20', { headers: auth });
    expect(t.gw.hotReads()).toEqual({ served: before.served + 3, delegated: before.delegated + 1 });
    const exp429 = await get(ex.port, '/v1/log/proof/consistency?from=2&to=20', { headers: auth });
    for (const r of [hot429, exp429]) {
      expect(r.status).toBe(429);
      expect(header(r, 'retry-after')).toBe('60');
      expect(JSON.parse(r.body)).toEqual({ error: { code: 'RATE_LIMITED', message: 'more than 5 requests in a minute; slow down' } });
      expect(header(r, 'ratelimit')).toMatch(/^limit=5, remaining=0, reset=\d+$/);
    }
    // Another org has its own budget, on the hot path too.
    const other = await get(t.gw.port, '/v1/log/proof/inclusion?index=1&size=20', {
      headers: { authorization: `Bearer ${await t.token('regulator', { org: 'calm-org' })}` },
    });
    expect(other.status).toBe(200);
    expect(header(other, 'ratelimit')).toMatch(/^limit=5, remaining=4, reset=\d+$/);
    expect(t.gw.hotReads().served).toBe(before.served + 4);
  });

  it('gives the hit back when the log refuses, so Express counts the request once', async () => {
    if (ex === undefined) throw new Error('no express server');
    const auth = { authorization: `Bearer ${await t.token('regulator', { org: 'careful-org' })}` };
    const refused = await get(t.gw.port, '/v1/log/proof/inclusion?index=0&size=99999', { headers: auth });
    expect(refused.status).toBe(400);
    expect(header(refused, 'ratelimit')).toMatch(/^limit=5, remaining=4, reset=\d+$/);
    const next = await get(t.gw.port, '/v1/log/proof/inclusion?index=0&size=20', { headers: auth });
    expect(next.status).toBe(200);
    expect(header(next, 'ratelimit')).toMatch(/^limit=5, remaining=3, reset=\d+$/);
  });
});

describe('hot read path while the gateway closes', () => {
  it('hands every request to Express once closing, and takes candidates again otherwise', async () => {
    let closing = true;
    const verified: string[] = [];
    const toExpress: string[] = [];
    const hot = createHotReadPath(
      {
        // Nothing past the token check is reached here: the token is refused.
        log: {} as LogService,
        metrics: {} as GatewayMetrics,
        verify: (token) => {
          verified.push(token);
          return Promise.reject(new Error('refused'));
        },
        securityHeaders: [],
        rateLimit: undefined,
        logger: pino({ level: 'silent' }),
        closing: () => closing,
      },
      (req) => toExpress.push(req.url ?? ''),
    );
    const req = { method: 'GET', url: '/v1/log/proof/inclusion?index=1&size=2', headers: { authorization: 'Bearer tok' } } as IncomingMessage;
    const res = { headersSent: false } as ServerResponse;
    hot.listener(req, res);
    expect(toExpress).toEqual([req.url]); // at once, without looking at the token
    expect(verified).toEqual([]);
    closing = false;
    hot.listener(req, res);
    await vi.waitFor(() => expect(toExpress).toHaveLength(2));
    expect(verified).toEqual(['tok']);
    expect(hot.stats()).toEqual({ served: 0, delegated: 1 });
  });
});
