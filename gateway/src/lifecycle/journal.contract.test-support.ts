// The one contract every LifecycleJournal passes (run by journal.test.ts on memory and LevelDB).
import { describe, expect, it } from 'vitest';
import type { DoneRecord, LifecycleJournal, PendingBatch } from './journal.js';

import type { StoreHarness } from '../../test/support/store-contract.js';

const batch = (key: string, ids: string[], attachment?: unknown): PendingBatch => ({
  key,
  createdAt: 1_800_000_000_000,
  format: 'test',
  items: ids.map((appendId, i) => ({
    appendId,
    leaf: 'e30=',
    digest: `digest-${i}`,
    transition: { type: 'terminate', employer: '91370102MA3C5XLE1J', contractId: `HT-${appendId}`, effectiveDate: '2026-12-01', reasonCode: 'R1' },
  })),
  ...(attachment === undefined ? {} : { attachment }),
});

const done = (appendId: string, index: number): DoneRecord => ({
  appendId,
  digest: `digest-${appendId}`,
  receipt: { id: appendId, index, leafHash: 'bGg=', time: 1_800_000_000_123, signature: 'c2ln', batch: { start: index, size: 1, proof: [] } },
  tx: { channel: 'elc', txId: `tx-${appendId}`, blockNumber: 7, txTime: '2026-12-01T00:00:00.000Z', result: undefined },
});

export function journalContract(name: string, open: () => Promise<StoreHarness<LifecycleJournal>>): void {
  describe(`lifecycle journal contract: ${name}`, () => {
    it('keeps pending batches in key order, with their attachment, across a restart', async () => {
      const h = await open();
      await h.store.putPending(batch('0002-b', ['b1']));
      await h.store.putPending(batch('0001-a', ['a1', 'a2'], { kind: 'sd', n: [1, 2] }));
      expect((await h.store.pending()).map((p) => p.key)).toEqual(['0001-a', '0002-b']);
      await h.store.close();
      const j = await h.reopen();
      const [first] = await j.pending();
      expect(first).toEqual(batch('0001-a', ['a1', 'a2'], { kind: 'sd', n: [1, 2] }));
      await j.close();
    });

    it('replaces a pending batch put again under its key, and drops it', async () => {
      const h = await open();
      await h.store.putPending(batch('k', ['x1']));
      await h.store.putPending(batch('k', ['x1', 'x2']));
      expect((await h.store.pending()).map((p) => p.items.length)).toEqual([2]);
      await h.store.dropPending('k');
      expect(await h.store.pending()).toEqual([]);
      await h.store.close();
    });

    it('finish writes the done records and removes the batch together; done answers in the order asked', async () => {
      const h = await open();
      await h.store.putPending(batch('k1', ['i1', 'i2']));
      await h.store.putPending(batch('k2', ['i3']));
      await h.store.finish('k1', [done('i1', 0), done('i2', 1)]);
      expect((await h.store.pending()).map((p) => p.key)).toEqual(['k2']);
      expect(await h.store.done(['i2', 'nope', 'i1'])).toEqual([done('i2', 1), undefined, done('i1', 0)]);
      expect(await h.store.done([])).toEqual([]);
      await h.store.close();
      const j = await h.reopen();
      expect(await j.done(['i1'])).toEqual([done('i1', 0)]);
      await j.close();
    });

    it('hands out copies: changing what it returned changes nothing stored', async () => {
      const h = await open();
      await h.store.putPending(batch('k', ['c1']));
      const [p] = await h.store.pending();
      (p?.items as unknown as unknown[]).pop();
      expect((await h.store.pending())[0]?.items).toHaveLength(1);
      await h.store.close();
    });
  });
}
