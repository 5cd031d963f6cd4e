// The one contract every SdStore passes (run by store.test.ts on memory and LevelDB).
import { describe, expect, it } from 'vitest';
import type { StoreHarness } from '../../test/support/store-contract.js';
import { K, type SdStore } from './store.js';


export function sdStoreContract(name: string, open: () => Promise<StoreHarness<SdStore>>): void {
  describe(`Shandong store contract: ${name}`, () => {
    it('puts and deletes in one write, and reads back JSON values (not the objects written)', async () => {
      const { store } = await open();
      const unit = { uscc: 'U', region: '370100', vendors: ['a'] };
      await store.write([
        { type: 'put', key: K.unit('U'), value: unit },
        { type: 'put', key: K.lastSeq, value: 3 },
        { type: 'put', key: 'gone', value: true },
      ]);
      unit.vendors.push('b');
      expect(await store.get(K.unit('U'))).toEqual({ uscc: 'U', region: '370100', vendors: ['a'] });
      expect(await store.get<number>(K.lastSeq)).toBe(3);
      await store.write([{ type: 'del', key: 'gone' }, { type: 'put', key: K.lastSeq, value: 4 }]);
      expect(await store.get('gone')).toBeUndefined();
      expect(await store.get<number>(K.lastSeq)).toBe(4);
      await store.close();
    });

    it('ranges over [gte, lt) in key order, up to a limit: stream records in sequence order', async () => {
      const { store } = await open();
      await store.write([12, 2, 100, 1].map((seq) => ({ type: 'put' as const, key: K.record(seq), value: { seq } })));
      await store.write([{ type: 'put', key: K.item('x'), value: 1 }]);
      const all = await store.range<{ seq: number }>(K.record(1), 'rec"', 10);
      expect(all.map((r) => r.value.seq)).toEqual([1, 2, 12, 100]);
      expect((await store.range<{ seq: number }>(K.record(3), 'rec"', 2)).map((r) => r.value.seq)).toEqual([12, 100]);
      expect(await store.range('rec"', 'rec#', 10)).toEqual([]);
      await store.close();
    });

    it('keeps everything across a restart', async () => {
      const h = await open();
      await h.store.write([{ type: 'put', key: K.contract('U', 'HT-1'), value: { worker: 'w' } }]);
      await h.store.close();
      const again = await h.reopen();
      expect(await again.get(K.contract('U', 'HT-1'))).toEqual({ worker: 'w' });
      await again.close();
    });
  });
}
