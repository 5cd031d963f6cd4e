/**
 * The one contract every LogStore passes (run by store-memory.test.ts and store-level.test.ts).
 * The store does not check hashes, so the tiles here are labelled dummies, not a real tree.
 */
import { isElcError } from '@elc/core';
import { describe, expect, it } from 'vitest';
import { popCount } from './key-codec.js';
import type { LogStore, LogWrite, StoredTile } from './store.js';
import type { Receipt, SignedCheckpoint } from './types.js';

export interface StoreHarness {
  store: LogStore;
  /** Closes nothing: the suite closes `store` first, then asks for a fresh one over the same data. */
  reopen(): Promise<LogStore>;
}

const label = (...xs: number[]): Uint8Array => {
  const h = new Uint8Array(32);
  xs.forEach((x, i) => new DataView(h.buffer).setUint32(i * 4, x));
  return h;
};

/** A write of n leaves after `from`, with a receipt each and the level-0 tiles they touch (dummy values). */
export function dummyWrite(from: number, n: number, idPrefix = 'id-'): LogWrite {
  const leaves = Array.from({ length: n }, (_, i) => new TextEncoder().encode(`leaf ${from + i}`));
  const receipts: Receipt[] = leaves.map((_, i) => ({
    id: `${idPrefix}${from + i}`,
    index: from + i,
    leafHash: `lh${from + i}`,
    time: 1_700_000_000_000 + from + i,
    signature: `sig${from}`,
    batch: { start: from, size: n, proof: Array.from({ length: i % 3 }, (_, k) => `proof${from + i}.${k}`) },
  }));
  const tiles: StoredTile[] = [];
  for (let t = Math.floor(from / 256); t * 256 < from + n; t++) tiles.push({ level: 0, index: t, nodes: label(0, t, from + n) });
  return { fromSize: from, leaves, receipts, tiles, state: { size: from + n, hashes: Array.from({ length: popCount(from + n) }, (_, k) => label(99, from + n, k)) } };
}

const checkpoint = (size: number, root = size): SignedCheckpoint => ({
  size,
  rootHash: label(7, root),
  note: `origin\n${size}\nroot\n\n— key sig\n`,
  time: 1_700_000_000_000 + size,
});

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(isElcError(e, code), `expected ${code}, got ${String(e)}`).toBe(true);
}

export function storeContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`LogStore contract: ${name}`, () => {
    it('starts empty', async () => {
      const { store } = await open();
      expect(await store.readConfig()).toBeUndefined();
      expect(await store.readState()).toEqual({ size: 0, hashes: [] });
      expect(await store.getEntry(0)).toBeUndefined();
      expect(await store.getEntries(0, 10)).toEqual([]);
      expect(await store.getReceipts(['a'])).toEqual([undefined]);
      expect(await store.getTiles([{ level: 0, index: 0 }])).toEqual([undefined]);
      expect(await store.latestCheckpoint()).toBeUndefined();
      expect(await store.listCheckpoints(0, 10)).toEqual([]);
      await store.close();
    });

    it('round-trips the config', async () => {
      const { store } = await open();
      await store.writeConfig({ origin: 'example.org/log', hashAlg: 'sm3' });
      expect(await store.readConfig()).toEqual({ origin: 'example.org/log', hashAlg: 'sm3' });
      await store.close();
    });

    it('stores a group commit: entries, receipts, nodes and state', async () => {
      const { store } = await open();
      const w1 = dummyWrite(0, 3);
      const w2 = dummyWrite(3, 4);
      await store.append(w1);
      await store.append(w2);
      expect(await store.readState()).toEqual(w2.state);
      expect(await store.getEntry(4)).toEqual(w2.leaves[1]);
      expect(await store.getEntry(7)).toBeUndefined();
      expect(await store.getEntries(1, 3)).toEqual([w1.leaves[1], w1.leaves[2], w2.leaves[0]]);
      expect(await store.getEntries(5, 10)).toEqual([w2.leaves[2], w2.leaves[3]]);
      expect(await store.getReceipts(['id-5', 'nope', 'id-0'])).toEqual([w2.receipts[2], undefined, w1.receipts[0]]);
      // a later write replaces a tile's value
      expect(await store.getTiles([{ level: 0, index: 0 }, { level: 1, index: 0 }, { level: 0, index: 1 }])).toEqual([label(0, 0, 7), undefined, undefined]);
      await store.close();
    });

    it('keeps numeric order across key byte boundaries', async () => {
      const { store } = await open();
      await store.append(dummyWrite(0, 300));
      await store.append({ ...dummyWrite(300, 0), tiles: [{ level: 2, index: 256, nodes: label(2, 256) }, { level: 2, index: 1, nodes: label(2, 1) }] });
      expect(await store.getTiles([{ level: 0, index: 1 }, { level: 2, index: 1 }, { level: 2, index: 256 }, { level: 1, index: 1 }])).toEqual([
        label(0, 1, 300),
        label(2, 1),
        label(2, 256),
        undefined,
      ]);
      expect((await store.getEntries(254, 4)).map((b) => new TextDecoder().decode(b))).toEqual(['leaf 254', 'leaf 255', 'leaf 256', 'leaf 257']);
      await store.close();
    });

    it('refuses a write that does not start at the stored size, and changes nothing', async () => {
      const { store } = await open();
      await store.append(dummyWrite(0, 2));
      await expectCode(store.append(dummyWrite(1, 2, 'other-')), 'LOG_STORE_CORRUPT');
      await expectCode(store.append(dummyWrite(3, 1, 'other-')), 'LOG_STORE_CORRUPT');
      const bad = dummyWrite(2, 2, 'other-');
      await expectCode(store.append({ ...bad, state: { size: 5, hashes: [] } }), 'LOG_STORE_CORRUPT');
      await expectCode(store.append({ ...bad, receipts: bad.receipts.slice(1) }), 'LOG_STORE_CORRUPT');
      expect((await store.readState()).size).toBe(2);
      expect(await store.getEntry(2)).toBeUndefined();
      expect(await store.getReceipts(['other-1', 'other-2'])).toEqual([undefined, undefined]);
      await store.close();
    });

    it('keeps checkpoints by size, latest last, and never lets them shrink or fork', async () => {
      const { store } = await open();
      for (const size of [0, 3, 5]) await store.putCheckpoint(checkpoint(size));
      expect((await store.latestCheckpoint())?.size).toBe(5);
      expect(await store.getCheckpoint(3)).toEqual(checkpoint(3));
      expect(await store.getCheckpoint(4)).toBeUndefined();
      expect((await store.listCheckpoints(1, 10)).map((c) => c.size)).toEqual([3, 5]);
      expect((await store.listCheckpoints(0, 2)).map((c) => c.size)).toEqual([0, 3]);
      await expectCode(store.putCheckpoint(checkpoint(4)), 'LOG_STORE_CORRUPT');
      await expectCode(store.putCheckpoint(checkpoint(5, 55)), 'LOG_STORE_CORRUPT');
      await store.putCheckpoint(checkpoint(5)); // the same again is a no-op
      expect((await store.listCheckpoints(0, 10)).map((c) => c.size)).toEqual([0, 3, 5]);
      await store.putCheckpoint(checkpoint(300));
      expect((await store.latestCheckpoint())?.size).toBe(300);
      await store.close();
    });

    it('keeps everything across a reopen', async () => {
      const h = await open();
      await h.store.writeConfig({ origin: 'o', hashAlg: 'sha256' });
      const w = dummyWrite(0, 5, 'ключ-');
      await h.store.append(w);
      await h.store.putCheckpoint(checkpoint(5));
      await h.store.close();
      const store = await h.reopen();
      expect(await store.readConfig()).toEqual({ origin: 'o', hashAlg: 'sha256' });
      expect(await store.readState()).toEqual(w.state);
      expect(await store.getEntries(0, 5)).toEqual(w.leaves);
      expect(await store.getReceipts(['ключ-4'])).toEqual([w.receipts[4]]);
      expect(await store.getTiles([{ level: 0, index: 0 }])).toEqual([label(0, 0, 5)]);
      expect(await store.latestCheckpoint()).toEqual(checkpoint(5));
      await store.append(dummyWrite(5, 1, 'ключ-'));
      expect((await store.readState()).size).toBe(6);
      await store.close();
    });
  });
}
