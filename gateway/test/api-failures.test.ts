// Failure mapping over real HTTP: log pushback is 503 + Retry-After, a crash inside a route is a
// 500 that shows nothing of it, and the rate limit answers 429 with Retry-After.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ElcError } from '@elc/core';
import { createLogger } from '../src/ops/logger.js';
import { openLogForConfig } from '../src/compose/log.js';
import { Pushback, type LogService } from '../src/log/index.js';
import { makeEvent } from './support/events.js';
import { errorOf, startTestGateway, type TestGateway } from './support/gateway.js';

/** The real log with some methods replaced. */
function patched(overrides: Partial<LogService>) {
  return async (config: Parameters<typeof openLogForConfig>[0]): Promise<LogService> => {
    const real = await openLogForConfig(config);
    return new Proxy(real, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && prop in overrides) return overrides[prop as keyof LogService];
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  };
}

describe('gateway failure mapping', () => {
  let t: TestGateway | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('maps log pushback to 503 with Retry-After', async () => {
    t = await startTestGateway({}, { openLog: patched({ append: () => Promise.reject(new Pushback('queue full', 2)) }) });
    const r = await t.postEvents({ events: [makeEvent(1)] }, await t.token('vendor'));
    expect(r.headers.get('retry-after')).toBe('2');
    expect(await errorOf(r)).toMatchObject({ status: 503, code: 'LOG_PUSHBACK' });
  });

  it('hides the details of an internal failure', async () => {
    const secret = 'leveldb exploded at /var/secret/path';
    t = await startTestGateway({}, { openLog: patched({ entry: () => Promise.reject(new Error(secret)) }) });
    const r = await t.call('/v1/log/entries/0', { token: await t.token('regulator') });
    const text = await r.text();
    expect(r.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(text).not.toContain('exploded');
  });

  it('rate-limits per org with 429 and Retry-After', async () => {
    t = await startTestGateway({ ELC_RATE_LIMIT_PER_MINUTE: '3' });
    const token = await t.token('regulator', { org: 'busy-org' });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await t.call('/v1/log/proof/consistency?from=1&to=1', { token });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 3)).not.toContain(429);
    if (last === undefined) throw new Error('no response');
    expect(last.headers.get('retry-after')).not.toBeNull();
    expect(await errorOf(last)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // Another org has its own budget.
    const other = await t.call('/v1/log/proof/consistency?from=1&to=1', { token: await t.token('regulator', { org: 'calm-org' }) });
    expect(other.status).not.toBe(429);
  });

  it('answers 202 with "wait": "timeout" when no checkpoint comes in time (the events are durable)', async () => {
    const neverCheckpoint = (_size: number, opts?: { signal?: AbortSignal }) =>
      new Promise<never>((_resolve, reject) => {
        opts?.signal?.addEventListener('abort', () => reject(new ElcError('LOG_WAIT_ABORTED', 'aborted')));
      });
    t = await startTestGateway({ ELC_WAIT_TIMEOUT_MS: '200' }, { openLog: patched({ waitForCheckpoint: neverCheckpoint }) });
    const r = await t.postEvents({ events: [makeEvent(7)] }, await t.token('vendor'), '?wait=checkpoint');
    expect(r.status).toBe(202);
    const body = (await r.json()) as { receipts: { index: number }[]; wait: string };
    expect(body.wait).toBe('timeout');
    expect(body.receipts).toHaveLength(1);
    expect(await t.treeSize()).toBe(1);
  });

  it('logs one line per request with org, role, route and status, and never the body or the token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    t = await startTestGateway({}, { logger: createLogger('info', sink) });
    const token = await t.token('vendor', { org: 'logged-org' });
    const event = makeEvent(8, { contractId: 'HT-SECRET-CONTRACT' });
    expect((await t.postEvents({ events: [event] }, token)).status).toBe(202);
    const all = lines.join('\n');
    const rec = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['route'] === '/v1/events');
    expect(rec).toMatchObject({ msg: 'request', method: 'POST', status: 202, org: 'logged-org', role: 'vendor' });
    expect(typeof rec?.['ms']).toBe('number');
    expect(all).not.toContain('HT-SECRET-CONTRACT');
    expect(all).not.toContain(String(event['docHash']));
    expect(all).not.toContain(token);
  });
});
