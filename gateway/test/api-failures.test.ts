// Failure mapping over real HTTP: log pushback is 503 + Retry-After, a crash inside a route is a
// 500 that shows nothing of it, and the rate limit answers 429 with Retry-After.
import { afterEach, describe, expect, it } from 'vitest';
import { openLogForConfig } from '../src/open-log.js';
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
});
