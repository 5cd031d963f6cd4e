import { createLogHasher, fromBase64, fromUtf8, openCheckpoint, pureHashProvider, rootOfLeafHashes, toBase64, verifyConsistency, verifyInclusion } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { verifyReceipt } from '@elc/core/receipt';
import { decodeEntryBundle } from '@elc/core/tiles';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';
import { entries, expectCode, leaf, openService, ORIGIN, SIGNER, verifier } from './log-service.test-support.js';
import type { LogSigner } from './types.js';

const hasher = createLogHasher(nativeHashProvider('sha256'));

describe('log service: append', () => {
  it('sequences entries in order and signs a verifiable receipt for each', async () => {
    const log = await openService(createMemoryStore(), { clock: () => 1_763_800_000_000 });
    const receipts = await log.append(entries(0, 3));
    expect(receipts.map((r) => [r.id, r.index])).toEqual([['e-0', 0], ['e-1', 1], ['e-2', 2]]);
    for (const r of receipts) {
      expect(r.leafHash).toBe(toBase64(hasher.leafHash(leaf(r.index))));
      expect(r.time).toBe(1_763_800_000_000);
      expect(Object.keys(r).sort()).toEqual(['batch', 'id', 'index', 'leafHash', 'signature', 'time']);
      expect({ start: r.batch.start, size: r.batch.size, proofLength: r.batch.proof.length }).toEqual({ start: 0, size: 3, proofLength: r.index === 2 ? 1 : 2 });
      verifyReceipt(r, ORIGIN, verifier, hasher);
    }
    const [r0] = receipts;
    if (r0 === undefined) throw new Error('no receipt');
    await expectCode(() => verifyReceipt({ ...r0, index: 1 }, ORIGIN, verifier, hasher), 'LOG_RECEIPT_INVALID');
    await expectCode(() => verifyReceipt(r0, 'other.example/log', verifier, hasher), 'LOG_RECEIPT_INVALID');
    expect(log.stats()).toMatchObject({ size: 3, integratedSize: 3, appendedTotal: 3, pending: 0 });
    await log.close();
  });

  it('batch-signs: one signature per flush, shared by its receipts; a retry gets the identical stored receipt', async () => {
    const receiptSignatures: Uint8Array[] = [];
    // Receipts and checkpoints both sign with sign(): count the receipt batch messages.
    const signer: LogSigner = {
      name: SIGNER.name,
      keyId: SIGNER.keyId,
      sign: (m) => {
        const sig = SIGNER.sign(m);
        if (fromUtf8(m).startsWith('elc-receipt-batch/')) receiptSignatures.push(sig);
        return sig;
      },
    };
    const log = await openService(createMemoryStore(), { signer, clock: () => 1_763_800_000_000 });
    // three calls queued together are one flush; e-2 and e-3, twice in it, get one index each
    const [a, b, c] = await Promise.all([log.append(entries(0, 3)), log.append(entries(3, 1)), log.append(entries(2, 5))]);
    const flush = [...(a ?? []), ...(b ?? []), ...(c ?? []).slice(2)];
    expect(log.stats().batchesTotal).toBe(1);
    expect(receiptSignatures).toHaveLength(1);
    expect(c?.slice(0, 2)).toEqual([a?.[2], b?.[0]]);
    expect(flush.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const r of flush) {
      expect([r.signature, r.time, r.batch.start, r.batch.size]).toEqual([toBase64(receiptSignatures[0] as Uint8Array), 1_763_800_000_000, 0, 7]);
      verifyReceipt(r, ORIGIN, verifier, hasher);
    }
    // the next flush: its own signature over its own batch
    const next = await log.append(entries(7, 2));
    expect(receiptSignatures).toHaveLength(2);
    expect(next.map((r) => [r.index, r.batch.start, r.batch.size, r.signature])).toEqual([7, 8].map((i) => [i, 7, 2, toBase64(receiptSignatures[1] as Uint8Array)]));
    for (const r of next) verifyReceipt(r, ORIGIN, verifier, hasher);
    // retries, alone and mixed with a new entry: the stored receipts, unchanged; the new one a batch of one
    expect(await log.append(entries(4, 1))).toEqual([flush[4]]);
    const mixed = await log.append([...entries(8, 1), ...entries(9, 1), ...entries(0, 1)]);
    expect(receiptSignatures).toHaveLength(3);
    expect([mixed[0], mixed[2]]).toEqual([next[1], flush[0]]);
    expect(mixed[1]).toMatchObject({ index: 9, batch: { start: 9, size: 1, proof: [] } });
    for (const r of mixed) verifyReceipt(r, ORIGIN, verifier, hasher);
    await log.close();
  });

  it('answers a repeated id with the same receipt and appends nothing', async () => {
    const log = await openService(createMemoryStore());
    const first = await log.append(entries(0, 2));
    const again = await log.append([...entries(1, 1), ...entries(0, 1)]);
    expect(again).toEqual([first[1], first[0]]);
    // within one call, and racing calls: one index each
    const [a, b] = await Promise.all([log.append(entries(2, 2)), log.append(entries(3, 2))]);
    expect(b?.[0]).toEqual(a?.[1]);
    const dup = await log.append([...entries(10, 1), ...entries(10, 1)]);
    expect(dup[0]).toEqual(dup[1]);
    expect(log.stats().size).toBe(6);
    expect(log.stats().duplicateTotal).toBeGreaterThanOrEqual(4);
    await log.close();
  });

  it("looks a batch's ids up during the previous batch's write and still answers the ids that write holds", async () => {
    const store = createMemoryStore();
    const log = await openService(store, { limits: { batchMaxSize: 4, batchMaxAgeMs: 1, checkpointIntervalMs: 5 } });
    const realAppend = store.append.bind(store);
    const realLookup = store.getReceipts.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let writesStarted = 0;
    const lookups: (string | undefined)[][] = [];
    store.append = async (w) => {
      writesStarted++;
      await gate;
      return realAppend(w);
    };
    store.getReceipts = async (ids) => {
      const found = await realLookup(ids);
      lookups.push(found.map((r) => r?.id));
      return found;
    };
    const first = log.append(entries(0, 4)); // a full batch: its write waits at the gate
    while (writesStarted === 0) await new Promise((r) => setTimeout(r, 1));
    // The next batch: e-1 again, a fresh e-4, and e-2 with another leaf (its own call)
    const second = log.append([...entries(1, 1), ...entries(4, 1)]);
    const third = log.append(entries(2, 1, 'x'));
    while (lookups.length < 2) await new Promise((r) => setTimeout(r, 1));
    expect(lookups[1]).toEqual([undefined, undefined, undefined]); // the store has none of them yet
    expect(writesStarted).toBe(1); // and the second batch waits for the first write
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(b[0]).toEqual(a[1]);
    expect(b[1]?.index).toBe(4);
    await expectCode(third, 'LOG_ID_CONFLICT');
    expect(await third.catch((e: unknown) => (e as { field?: string }).field)).toBe('entries.0.id');
    expect(log.stats()).toMatchObject({ size: 5, batchesTotal: 2 });
    expect((await log.entry(4)).leaf).toEqual(leaf(4));
    // and once both writes are in, a plain retry is answered from the store
    expect(await log.append(entries(1, 1))).toEqual([a[1]]);
    await log.close();
  });

  it('refuses an id with another leaf (LOG_ID_CONFLICT) and then appends none of the call', async () => {
    const log = await openService(createMemoryStore());
    await log.append(entries(0, 2));
    await expectCode(log.append([...entries(5, 1), ...entries(1, 1, 'x')]), 'LOG_ID_CONFLICT');
    // the field names the entry of the call at fault
    expect(await log.append([...entries(5, 1), ...entries(1, 1, 'x')]).catch((e: unknown) => (e as { field?: string }).field)).toBe('entries.1.id');
    await expectCode(log.append([{ id: 'z', leaf: leaf(1) }, { id: 'z', leaf: leaf(2) }]), 'LOG_ID_CONFLICT');
    expect(log.stats().size).toBe(2);
    // a conflict found only at sequencing time (both calls queued together) refuses that call alone
    const [ok, bad] = await Promise.allSettled([log.append(entries(7, 2)), log.append([...entries(9, 1), ...entries(8, 1, 'x')])]);
    expect(ok.status).toBe('fulfilled');
    expect(bad.status === 'rejected' && (bad.reason as { code?: string }).code).toBe('LOG_ID_CONFLICT');
    expect(bad.status === 'rejected' && (bad.reason as { field?: string }).field).toBe('entries.1.id');
    expect(log.stats().size).toBe(4);
    await expectCode(log.entry(4), 'LOG_INDEX_OUT_OF_RANGE');
    await log.close();
  });

  it('checks its input at the door', async () => {
    const log = await openService(createMemoryStore());
    expect(await log.append([])).toEqual([]);
    await expectCode(log.append([{ id: '', leaf: leaf(0) }]), 'LOG_ID_INVALID');
    await expectCode(log.append([{ id: 'x'.repeat(257), leaf: leaf(0) }]), 'LOG_ID_INVALID');
    await expectCode(log.append([{ id: 'a\uD800', leaf: leaf(0) }]), 'LOG_ID_INVALID');
    await expectCode(log.append([{ id: 'a', leaf: new Uint8Array(0) }]), 'LOG_ENTRY_INVALID');
    await expectCode(log.append([{ id: 'a', leaf: new Uint8Array(65536) }]), 'LOG_ENTRY_INVALID');
    await expectCode(log.append([{ id: 'a', leaf: 'text' as unknown as Uint8Array }]), 'LOG_ENTRY_INVALID');
    await expectCode(log.append([...entries(0, 1), { id: 'b', leaf: new Uint8Array(0) }]), 'LOG_ENTRY_INVALID');
    expect(log.stats().size).toBe(0);
    expect((await log.append([{ id: 'max', leaf: new Uint8Array(65535) }]))[0]?.index).toBe(0);
    await log.close();
  });

  it('pushes back when the queue is full instead of queueing without bound', async () => {
    const log = await openService(createMemoryStore(), { limits: { batchMaxAgeMs: 60_000, maxPending: 3, checkpointIntervalMs: 5 } });
    const queued = log.append(entries(0, 3));
    await expectCode(log.append(entries(3, 1)), 'LOG_PUSHBACK');
    expect(log.stats()).toMatchObject({ pending: 3, maxPending: 3, pushbackTotal: 1, size: 0 });
    await expectCode(log.append(entries(3, 4)), 'LOG_APPEND_TOO_LARGE');
    await log.close(); // flushes what was accepted
    expect((await queued).map((r) => r.index)).toEqual([0, 1, 2]);
    await expectCode(log.append(entries(3, 1)), 'LOG_CLOSED');
  });

  it('stops taking writes after a failed durable write', async () => {
    const store = createMemoryStore();
    const log = await openService(store);
    await log.append(entries(0, 1));
    store.append = () => Promise.reject(new Error('disk full'));
    await expectCode(log.append(entries(1, 1)), 'LOG_STORE_FAILED');
    await expectCode(log.append(entries(2, 1)), 'LOG_STORE_FAILED');
    expect(log.stats().size).toBe(1);
    expect((await log.entry(0)).leaf).toEqual(leaf(0));
    await log.close();
  });
});

describe('log service: checkpoints and proofs', () => {
  it('publishes signed checkpoints that cover what was appended', async () => {
    const log = await openService(createMemoryStore());
    const empty = await log.latestCheckpoint();
    expect(empty.size).toBe(0);
    const receipts = await log.append(entries(0, 5));
    const cp = await log.waitForCheckpoint(5);
    expect(cp.size).toBeGreaterThanOrEqual(5);
    const opened = openCheckpoint(cp.note, [verifier], { origin: ORIGIN });
    expect(opened.checkpoint.size).toBe(cp.size);
    expect(opened.checkpoint.rootHash).toEqual(rootOfLeafHashes(hasher, receipts.map((r) => fromBase64(r.leafHash))));
    expect(await log.waitForCheckpoint(3)).toEqual(await log.latestCheckpoint());
    await expectCode(log.waitForCheckpoint(6), 'LOG_SIZE_BEYOND_LOG');
    await log.close();
  });

  it('rejects a wait when its signal aborts, and waiters when the log closes', async () => {
    // the empty tree's checkpoint is published at start; the next one waits for the interval
    const log = await openService(createMemoryStore(), { limits: { batchMaxAgeMs: 1, checkpointIntervalMs: 60_000 } });
    await log.append(entries(0, 2));
    const ac = new AbortController();
    const waiting = log.waitForCheckpoint(2, { signal: ac.signal });
    ac.abort();
    await expectCode(waiting, 'LOG_WAIT_ABORTED');
    const pending = log.waitForCheckpoint(2);
    const closed = log.close();
    await expect(pending).resolves.toMatchObject({ size: 2 }); // close publishes a last checkpoint
    await closed;
  });

  it('serves inclusion and consistency proofs that verify, up to the latest checkpoint only', async () => {
    const log = await openService(createMemoryStore());
    const all: Uint8Array[] = [];
    const sizes: number[] = [];
    for (const n of [1, 2, 5, 8, 13, 40]) {
      const rs = await log.append(entries(all.length, n));
      all.push(...rs.map((r) => fromBase64(r.leafHash)));
      sizes.push((await log.waitForCheckpoint(all.length)).size);
    }
    const size = all.length;
    for (const n of [1, 2, 3, 7, 8, 9, 31, 32, 33, size]) {
      const root = rootOfLeafHashes(hasher, all.slice(0, n));
      for (let i = 0; i < n; i++) {
        const p = await log.inclusionProof(i, n);
        expect(p.rootHash).toEqual(root);
        expect(p.leafHash).toEqual(all[i]);
        verifyInclusion(hasher, i, n, p.leafHash, p.proof, root);
      }
      for (const m of [1, 2, 5, n - 1, n]) {
        if (m < 1 || m > n) continue;
        const c = await log.consistencyProof(m, n);
        expect(c.fromRoot).toEqual(rootOfLeafHashes(hasher, all.slice(0, m)));
        expect(c.toRoot).toEqual(root);
        verifyConsistency(hasher, m, n, c.proof, c.fromRoot, c.toRoot);
      }
    }
    expect(sizes.at(-1)).toBe(size);
    await expectCode(log.inclusionProof(0, size + 1), 'LOG_SIZE_BEYOND_CHECKPOINT');
    await expectCode(log.inclusionProof(size, size), 'LOG_INDEX_OUT_OF_RANGE');
    await expectCode(log.inclusionProof(-1, size), 'LOG_BAD_RANGE');
    await expectCode(log.consistencyProof(0, size), 'LOG_BAD_RANGE');
    await expectCode(log.consistencyProof(5, 4), 'LOG_BAD_RANGE');
    await expectCode(log.consistencyProof(1, size + 1), 'LOG_SIZE_BEYOND_CHECKPOINT');
    await expectCode(log.consistencyProof(1.5, 3), 'LOG_BAD_RANGE');
    expect((await log.consistencyProof(4, 4)).proof).toEqual([]);
    await log.close();
  });

  it('runs an SM3 log whose proofs verify with an independent (pure JS) SM3 hasher', async () => {
    const sm3 = createLogHasher(pureHashProvider('sm3'));
    const log = await openService(createMemoryStore(), { hashAlg: 'sm3' });
    const rs = await log.append(entries(0, 11));
    for (const r of rs) {
      verifyReceipt(r, ORIGIN, verifier, sm3); // the receipts' batch tree is SM3 too
      await expectCode(() => verifyReceipt(r, ORIGIN, verifier, hasher), 'LOG_RECEIPT_INVALID');
    }
    const cp = await log.waitForCheckpoint(11);
    const hashes = rs.map((r) => fromBase64(r.leafHash));
    expect(hashes[3]).toEqual(sm3.leafHash(leaf(3)));
    expect(cp.rootHash).toEqual(rootOfLeafHashes(sm3, hashes));
    const p = await log.inclusionProof(6, 11);
    verifyInclusion(sm3, 6, 11, p.leafHash, p.proof, cp.rootHash);
    expect(log.hashAlg).toBe('sm3');
    await log.close();
  });

  it('refuses limits that are not positive integers', async () => {
    for (const limits of [{ batchMaxSize: 0 }, { maxPending: 1.5 }, { checkpointIntervalMs: -1 }, { tileCacheSize: -1 }]) {
      await expectCode(openService(createMemoryStore(), { limits }), 'LOG_LIMIT_INVALID');
    }
    await (await openService(createMemoryStore(), { limits: { tileCacheSize: 0 } })).close();
  });

  it('refuses reads once closed', async () => {
    const log = await openService(createMemoryStore());
    await log.append(entries(0, 2));
    await log.close();
    await log.close(); // idempotent
    await expectCode(log.entry(0), 'LOG_CLOSED');
    await expectCode(log.inclusionProof(0, 2), 'LOG_CLOSED');
    await expectCode(log.readTile(0, 0, 2), 'LOG_CLOSED');
    await expectCode(log.latestCheckpoint(), 'LOG_CLOSED');
  });

  it('serves entries, tiles and entry bundles in the C2SP layout', async () => {
    const log = await openService(createMemoryStore(), { limits: { ...{ batchMaxAgeMs: 2, checkpointIntervalMs: 5 }, batchMaxSize: 1000 } });
    const total = 3 * 256 + 17;
    const all: Uint8Array[] = [];
    for (let from = 0; from < total; from += 300) {
      const rs = await log.append(entries(from, Math.min(300, total - from)));
      all.push(...rs.map((r) => fromBase64(r.leafHash)));
    }
    const e = await log.entry(700);
    expect(e).toEqual({ index: 700, leaf: leaf(700), leafHash: all[700] });
    const tile = (level: number, n: number, w: number): Uint8Array => {
      const out = new Uint8Array(w * 32);
      const span = 256 ** level;
      for (let i = 0; i < w; i++) out.set(rootOfLeafHashes(hasher, all.slice((n * 256 + i) * span, (n * 256 + i + 1) * span)), i * 32);
      return out;
    };
    expect(await log.readTile(0, 1)).toEqual(tile(0, 1, 256));
    expect(await log.readTile(0, 3, 17)).toEqual(tile(0, 3, 17));
    expect(await log.readTile(0, 3, 5)).toEqual(tile(0, 3, 5));
    expect(await log.readTile(1, 0, 3)).toEqual(tile(1, 0, 3));
    await expectCode(log.readTile(0, 3), 'LOG_TILE_NOT_FOUND');
    await expectCode(log.readTile(0, 3, 18), 'LOG_TILE_NOT_FOUND');
    await expectCode(log.readTile(1, 0, 4), 'LOG_TILE_NOT_FOUND');
    await expectCode(log.readTile(0, 0, 256), 'LOG_TILE_NOT_FOUND'); // a full tile has no .p/256
    const bundle = decodeEntryBundle(await log.readEntryBundle(2));
    expect(bundle).toHaveLength(256);
    expect(bundle[5]).toEqual(leaf(517));
    expect(decodeEntryBundle(await log.readEntryBundle(3, 17)).map((b) => toBase64(hasher.leafHash(b)))).toEqual(all.slice(768).map(toBase64));
    await expectCode(log.readEntryBundle(4, 1), 'LOG_TILE_NOT_FOUND');
    await log.close();
  });
});
