// The checkpoint timestamper on a real LevelDB token store. The TSA is a TEST DOUBLE
// (`flakyTsa`: fails a given number of times, then answers with a fixed token) where the point is
// failure and retry; the real local TSA is used where the token must verify.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ElcError, fromBase64, utf8, verifyTimestampToken } from '@elc/core';
import { createTimestamper } from './timestamper.js';
import { openTokenStore, type TokenStore } from './token-store.js';
import { openTsaSource, type TsaSource } from './tsa-source.js';

/** TEST DOUBLE of a TSA source: TSA_UNAVAILABLE for the first `failures` requests. */
function flakyTsa(failures: number): TsaSource & { requests: string[] } {
  const requests: string[] = [];
  let left = failures;
  return {
    kind: 'remote',
    name: 'https://tsa.test.invalid/',
    trustedRoots: [],
    certificatePem: undefined,
    local: undefined,
    requests,
    timestamp(data) {
      requests.push(new TextDecoder().decode(data));
      if (left > 0) {
        left--;
        return Promise.reject(new ElcError('TSA_UNAVAILABLE', 'down'));
      }
      const info = { genTime: new Date('2026-11-22T08:00:00Z'), serialNumber: '01', tsaName: 'CN=test', policy: '1.2.3', hashAlg: 'sha256' as const, signerCertificateSha256: '00' };
      return Promise.resolve({ token: new Uint8Array([1, 2, 3]), info });
    },
  };
}

const until = async (check: () => Promise<boolean> | boolean): Promise<void> => {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('checkpoint timestamper', () => {
  let dir: string;
  let store: TokenStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-ts-'));
    store = await openTokenStore(join(dir, 'timestamps'));
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('retries a failing TSA with backoff, shows the backlog meanwhile, and stores the token over the note', async () => {
    const tsa = flakyTsa(2);
    const t = createTimestamper({ store, tsa, retryInitialMs: 5, retryMaxMs: 20 });
    await t.start();
    await t.add({ size: 5, note: 'note-5\n' });
    expect(t.backlog().pending).toBe(1);
    await until(() => t.backlog().consecutiveFailures >= 1);
    expect(t.backlog().lastErrorCode).toBe('TSA_UNAVAILABLE');
    const token = await t.waitForToken(5, AbortSignal.timeout(5000));
    expect(token).toMatchObject({ size: 5, token: 'AQID', tsa: 'https://tsa.test.invalid/', local: false, serialNumber: '01' });
    expect(tsa.requests).toEqual(['note-5\n', 'note-5\n', 'note-5\n']);
    expect(t.backlog()).toMatchObject({ pending: 0, consecutiveFailures: 0, tokensTotal: 1 });
    // A checkpoint that has its token is not timestamped again.
    await t.add({ size: 5, note: 'note-5\n' });
    expect(tsa.requests).toHaveLength(3);
    await t.close();
  });

  it('keeps pending checkpoints across a restart and timestamps them then', async () => {
    const down = createTimestamper({ store, tsa: flakyTsa(1_000_000), retryInitialMs: 10_000 });
    await down.start();
    await down.add({ size: 3, note: 'three' });
    await down.add({ size: 8, note: 'eight' });
    await down.close();
    await store.close();

    store = await openTokenStore(join(dir, 'timestamps'));
    expect((await store.pending()).map((p) => p.size)).toEqual([3, 8]);
    const tsa = flakyTsa(0);
    const up = createTimestamper({ store, tsa });
    await up.start();
    expect(await up.waitForToken(3, AbortSignal.timeout(5000))).toMatchObject({ size: 3 });
    expect(await up.waitForToken(8, AbortSignal.timeout(5000))).toMatchObject({ size: 8 });
    expect(await store.pending()).toEqual([]);
    expect((await store.latest())?.size).toBe(8);
    expect(tsa.requests).toEqual(['three', 'eight']);
    await up.close();
  });

  it('waitForToken gives up with undefined when its signal aborts', async () => {
    const t = createTimestamper({ store, tsa: flakyTsa(1_000_000), retryInitialMs: 10_000 });
    await t.add({ size: 1, note: 'one' });
    expect(await t.waitForToken(1, AbortSignal.timeout(20))).toBeUndefined();
    await t.close();
  });

  it('with the local TSA, stores a token that verifies against the local root', async () => {
    const tsa = await openTsaSource({ dataDir: dir, hashAlg: 'sha256' });
    expect(tsa.kind).toBe('local');
    const t = createTimestamper({ store, tsa });
    await t.add({ size: 2, note: 'elc.test/log\n2\nAAAA\n' });
    const token = await t.waitForToken(2, AbortSignal.timeout(10_000));
    expect(token?.local).toBe(true);
    const info = await verifyTimestampToken(fromBase64(token?.token ?? ''), { data: utf8('elc.test/log\n2\nAAAA\n'), trustedRoots: tsa.trustedRoots });
    expect(info.genTime.toISOString()).toBe(token?.genTime);
    await t.close();
  });

  it('refuses a remote TSA without roots', async () => {
    await expect(openTsaSource({ dataDir: dir, hashAlg: 'sha256', url: 'https://tsa.test.invalid/' })).rejects.toMatchObject({ code: 'TSA_ROOTS_MISSING' });
  });
});
