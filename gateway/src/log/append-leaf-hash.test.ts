// Entries that arrive with their leaf hash (the ingest workers compute it off the write path):
// the log uses it instead of hashing the leaf again, and refuses one that is not a hash.
import { createLogHasher } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';
import { countingProvider, entries, expectCode, openService } from './log-service.test-support.js';

const hasher = createLogHasher(nativeHashProvider('sha256'));

describe('append with caller-computed leaf hashes', () => {
  it('gives the same receipts leaf hashes and tree root as hashing in the log, without hashing the leaves again', async () => {
    const plainCount = countingProvider();
    const hashedCount = countingProvider();
    const plain = await openService(createMemoryStore(), { clock: () => 1_763_800_000_000, hashProvider: plainCount });
    const hashed = await openService(createMemoryStore(), { clock: () => 1_763_800_000_000, hashProvider: hashedCount });
    const batch = entries(0, 40);
    const [p0, h0] = [plainCount.calls, hashedCount.calls];
    const a = await plain.append(batch);
    const b = await hashed.append(batch.map((e) => ({ ...e, leafHash: hasher.leafHash(e.leaf) })));
    // Everything else the two logs do is the same: the difference is the 40 leaf hashes.
    expect(plainCount.calls - p0 - (hashedCount.calls - h0)).toBe(40);
    expect(b.map((r) => [r.index, r.leafHash])).toEqual(a.map((r) => [r.index, r.leafHash]));
    const [ca, cb] = await Promise.all([plain.waitForCheckpoint(40), hashed.waitForCheckpoint(40)]);
    expect(cb.rootHash).toEqual(ca.rootHash);
    await Promise.all([plain.close(), hashed.close()]);
  });

  it.each([
    ['31 bytes', new Uint8Array(31)],
    ['33 bytes', new Uint8Array(33)],
    ['a string', 'AAAA'],
  ])('refuses a leaf hash of %s with LOG_ENTRY_INVALID and appends nothing', async (_name, bad) => {
    const log = await openService(createMemoryStore());
    const batch = entries(0, 3).map((e, i) => (i === 1 ? { ...e, leafHash: bad as Uint8Array } : e));
    await expectCode(log.append(batch), 'LOG_ENTRY_INVALID');
    expect(log.stats().size).toBe(0);
    await log.close();
  });
});
