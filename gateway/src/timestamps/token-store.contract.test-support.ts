// The one contract every TokenStore passes (run by token-store.test.ts on memory and LevelDB).
import { describe, expect, it } from 'vitest';
import type { StoreHarness } from '../../test/support/store-contract.js';
import type { StoredToken, TokenStore } from './token-store.js';


const token = (size: number): StoredToken => ({ size, token: `dG9rZW4${size}`, tsa: 'CN=test TSA', local: true, genTime: '2026-12-01T00:00:00Z', serialNumber: String(size) });

export function tokenStoreContract(name: string, open: () => Promise<StoreHarness<TokenStore>>): void {
  describe(`timestamp token store contract: ${name}`, () => {
    it('keeps pending checkpoints in size order until their token replaces them', async () => {
      const { store } = await open();
      expect(await store.latest()).toBeUndefined();
      for (const size of [100, 9, 1000]) await store.addPending({ size, note: `note ${size}` });
      expect((await store.pending()).map((p) => p.size)).toEqual([9, 100, 1000]);
      await store.put(token(100));
      expect((await store.pending()).map((p) => p.size)).toEqual([9, 1000]);
      expect(await store.get(100)).toEqual(token(100));
      expect(await store.get(9)).toBeUndefined();
      await store.close();
    });

    it('does not queue a checkpoint whose token it has; latest is the token of the greatest size', async () => {
      const { store } = await open();
      await store.put(token(1000));
      await store.put(token(20));
      await store.addPending({ size: 1000, note: 'again' });
      expect(await store.pending()).toEqual([]);
      expect(await store.latest()).toEqual(token(1000));
      await store.close();
    });

    it('keeps tokens and pending checkpoints across a restart', async () => {
      const h = await open();
      await h.store.put(token(5));
      await h.store.addPending({ size: 7, note: 'n7' });
      await h.store.close();
      const again = await h.reopen();
      expect(await again.get(5)).toEqual(token(5));
      expect(await again.pending()).toEqual([{ size: 7, note: 'n7' }]);
      await again.close();
    });
  });
}
