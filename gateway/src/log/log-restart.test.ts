// The log across restarts, on a real LevelDB in a temp dir: what was acknowledged is there, ids
// stay idempotent, the tree resumes from the stored compact range and checkpoints stay consistent.
import { createLogHasher, fromBase64, openCheckpoint, rootOfLeafHashes, verifyConsistency, verifyInclusion } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { verifyReceipt } from '@elc/core/receipt';
import { afterAll, describe, expect, it } from 'vitest';
import { openLevelStore } from './level-store.js';
import { countingProvider, entries, expectCode, FAST, KEY, openService, ORIGIN, removeAll, tempDir, verifier } from './log-service.test-support.js';
import { createLogService } from './log-service.js';
import { nativeLogSigner } from './native-signer.js';
import type { LogStore } from './store.js';
import type { SignedCheckpoint } from './types.js';

const hasher = createLogHasher(nativeHashProvider('sha256'));
const dirs: string[] = [];
afterAll(() => removeAll(dirs));

describe('log service across restarts (LevelDB)', () => {
  it('keeps acknowledged entries and answers known ids with their original receipts', async () => {
    const dir = await tempDir(dirs);
    let log = await openService(await openLevelStore(dir));
    const first = await log.append(entries(0, 10));
    await log.close();

    log = await openService(await openLevelStore(dir));
    expect(log.stats().size).toBe(10);
    expect(await log.append(entries(3, 2))).toEqual(first.slice(3, 5));
    await expectCode(log.append(entries(4, 1, 'changed')), 'LOG_ID_CONFLICT');
    const more = await log.append(entries(8, 4)); // two known, two new
    expect(more.map((r) => r.index)).toEqual([8, 9, 10, 11]);
    expect(more.slice(0, 2)).toEqual(first.slice(8));
    // the stored receipts come back from LevelDB whole (batch and proof) and still verify
    for (const r of [...first, ...more]) verifyReceipt(r, ORIGIN, verifier, hasher);
    expect(more.slice(2).map((r) => r.batch)).toMatchObject([{ start: 10, size: 2 }, { start: 10, size: 2 }]);
    expect((await log.entry(9)).leaf).toEqual(entries(9, 1)[0]?.leaf);
    await log.close();
  });

  it('resumes from the stored compact range without reading or re-hashing the log', async () => {
    const dir = await tempDir(dirs);
    let log = await openService(await openLevelStore(dir), { limits: { ...FAST, batchMaxSize: 1000 } });
    const leafHashes: Uint8Array[] = [];
    for (let i = 0; i < 2000; i += 500) leafHashes.push(...(await log.append(entries(i, 500))).map((r) => fromBase64(r.leafHash)));
    await log.close();

    const store = await openLevelStore(dir);
    const reads = { entries: 0, tiles: 0 };
    const spied: LogStore = {
      ...store,
      getEntry: (i) => (reads.entries++, store.getEntry(i)),
      getEntries: (s, n) => ((reads.entries += n), store.getEntries(s, n)),
      getTiles: (ids) => ((reads.tiles += ids.length), store.getTiles(ids)),
    };
    const counting = countingProvider();
    log = await openService(spied, { hashProvider: counting });
    // Opening computes the root from popcount(2000) = 5 stored range hashes, reads the two edge
    // tiles and checks the latest checkpoint against its tiles: a handful of hashes and reads,
    // never the 2000 leaves.
    expect(counting.calls).toBeLessThan(20);
    expect(reads.entries).toBe(0);
    expect(reads.tiles).toBeLessThan(10);

    const next = await log.append(entries(2000, 3));
    leafHashes.push(...next.map((r) => fromBase64(r.leafHash)));
    const cp = await log.waitForCheckpoint(2003);
    expect(cp.rootHash).toEqual(rootOfLeafHashes(hasher, leafHashes));
    const p = await log.inclusionProof(1999, cp.size);
    verifyInclusion(hasher, 1999, cp.size, leafHashes[1999] as Uint8Array, p.proof, cp.rootHash);
    await log.close();
  });

  it('keeps every checkpoint consistent with every earlier one, across restarts', async () => {
    const dir = await tempDir(dirs);
    const seen: SignedCheckpoint[] = [];
    let from = 0;
    for (const batch of [3, 1, 7, 16, 5]) {
      const log = await openService(await openLevelStore(dir));
      seen.push(await log.latestCheckpoint());
      await log.append(entries(from, batch));
      from += batch;
      seen.push(await log.waitForCheckpoint(from));
      await log.close();
    }
    const store = await openLevelStore(dir);
    const history = await store.listCheckpoints(0, 1000);
    await store.close();
    expect(history.map((c) => c.size)).toEqual([...new Set(history.map((c) => c.size))].sort((a, b) => a - b));
    expect(history.at(-1)?.size).toBe(from);
    for (const c of history) expect(openCheckpoint(c.note, [verifier], { origin: ORIGIN }).checkpoint.size).toBe(c.size);

    const log = await openService(await openLevelStore(dir));
    for (const older of [...seen, ...history]) {
      for (const newer of history) {
        if (older.size === 0 || older.size > newer.size) continue;
        const c = await log.consistencyProof(older.size, newer.size);
        verifyConsistency(hasher, older.size, newer.size, c.proof, older.rootHash, newer.rootHash);
      }
    }
    await log.close();
  });

  it('refuses to open a store under another origin or hash algorithm', async () => {
    const dir = await tempDir(dirs);
    const log = await openService(await openLevelStore(dir));
    await log.close();
    for (const [origin, hashAlg] of [['other.example/log', 'sha256'], [ORIGIN, 'sm3']] as const) {
      const store = await openLevelStore(dir);
      await expectCode(createLogService({ store, origin, hashAlg, signer: nativeLogSigner(KEY.skey) }), 'LOG_CONFIG_MISMATCH');
      await store.close();
    }
  });
});
