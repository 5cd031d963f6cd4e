// The one contract every EvidenceIndexStore passes (run by store.test.ts on memory and LevelDB).
import { describe, expect, it } from 'vitest';
import type { StoreHarness } from '../../test/support/store-contract.js';
import type { EvidenceIndexStore, IndexedEntry } from './store.js';


const E = '91370102MA3C5XLE1J';
const entry = (index: number, contractId: string, o: Partial<IndexedEntry> = {}): IndexedEntry => ({
  index,
  employer: E,
  contractId,
  region: '370102',
  docHash: undefined,
  org: undefined,
  ...o,
});

export function indexStoreContract(name: string, open: () => Promise<StoreHarness<EvidenceIndexStore>>): void {
  describe(`evidence index store contract: ${name}`, () => {
    it('starts empty and answers nothing for unknown contracts and hashes', async () => {
      const { store } = await open();
      expect(await store.indexedSize()).toBe(0);
      expect(await store.contract(E, 'HT-1')).toEqual({ indices: [], orgs: [], region: undefined });
      expect(await store.docHash(`sha256:${'0'.repeat(64)}`)).toEqual([]);
      await store.close();
    });

    it('indexes entries by contract, document hash and submitting org; skips non-evidence entries; sets the size', async () => {
      const { store } = await open();
      const doc = `sha256:${'ab'.repeat(32)}`;
      await store.add(0, [entry(0, 'HT-1', { org: 'vendor-b', docHash: doc }), undefined, entry(2, 'HT-2', { org: 'vendor-a' }), entry(3, 'HT-1', { org: 'vendor-a' })]);
      expect(await store.indexedSize()).toBe(4);
      expect(await store.contract(E, 'HT-1')).toEqual({ indices: [0, 3], orgs: ['vendor-a', 'vendor-b'], region: '370102' });
      expect(await store.docHash(doc)).toEqual([0]);
      await store.add(4, [entry(4, 'HT-1', { docHash: doc, org: 'vendor-a' })]);
      expect(await store.docHash(doc)).toEqual([0, 4]);
      expect((await store.contract(E, 'HT-1')).orgs).toEqual(['vendor-a', 'vendor-b']);
      await store.close();
    });

    it('keeps the region of the first event of a contract, within a batch and across batches', async () => {
      const { store } = await open();
      await store.add(0, [entry(0, 'HT-R', { region: '370102' }), entry(1, 'HT-R', { region: '440100' })]);
      await store.add(2, [entry(2, 'HT-R', { region: '110000' })]);
      expect((await store.contract(E, 'HT-R')).region).toBe('370102');
      await store.close();
    });

    it('returns indices in log order past 10, 100 and 1000 (not string order)', async () => {
      const { store } = await open();
      const entries = [2, 10, 100, 1000].map((i) => entry(i, 'HT-O'));
      await store.add(0, Array.from({ length: 1001 }, (_, i) => entries.find((e) => e.index === i)));
      expect((await store.contract(E, 'HT-O')).indices).toEqual([2, 10, 100, 1000]);
      await store.close();
    });

    it('keeps everything across a restart', async () => {
      const h = await open();
      await h.store.add(0, [entry(0, 'HT-P', { org: 'vendor-a', docHash: `sha256:${'cd'.repeat(32)}` })]);
      await h.store.close();
      const again = await h.reopen();
      expect(await again.indexedSize()).toBe(1);
      expect(await again.contract(E, 'HT-P')).toEqual({ indices: [0], orgs: ['vendor-a'], region: '370102' });
      expect(await again.docHash(`sha256:${'cd'.repeat(32)}`)).toEqual([0]);
      await again.close();
    });
  });
}
