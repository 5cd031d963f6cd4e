// The evidence index in memory, for tests and tools; reopen() keeps what was written, as the
// LevelDB index does across a restart.
import type { ContractIndex, EvidenceIndexStore } from './store.js';

export interface MemoryEvidenceIndexStore extends EvidenceIndexStore {
  /** A store over the same index (what a restart finds). */
  reopen(): MemoryEvidenceIndexStore;
}

interface ContractEntry {
  readonly indices: Set<number>;
  readonly orgs: Set<string>;
  region: string | undefined;
}

const ascending = (a: number, b: number): number => a - b;

export function createMemoryEvidenceIndexStore(): MemoryEvidenceIndexStore {
  let size = 0;
  const contracts = new Map<string, ContractEntry>();
  const docHashes = new Map<string, Set<number>>();
  const open = (): MemoryEvidenceIndexStore => ({
    indexedSize: () => Promise.resolve(size),
    add(from, entries) {
      for (const e of entries) {
        if (e === undefined) continue;
        const key = `${e.employer}\u0000${e.contractId}`;
        let c = contracts.get(key);
        if (c === undefined) contracts.set(key, (c = { indices: new Set(), orgs: new Set(), region: undefined }));
        c.indices.add(e.index);
        if (e.org !== undefined) c.orgs.add(e.org);
        // The region of the contract's first event wins.
        c.region ??= e.region;
        if (e.docHash !== undefined) {
          let d = docHashes.get(e.docHash);
          if (d === undefined) docHashes.set(e.docHash, (d = new Set()));
          d.add(e.index);
        }
      }
      size = from + entries.length;
      return Promise.resolve();
    },
    contract(employer, contractId): Promise<ContractIndex> {
      const c = contracts.get(`${employer}\u0000${contractId}`);
      return Promise.resolve({ indices: [...(c?.indices ?? [])].sort(ascending), orgs: [...(c?.orgs ?? [])].sort(), region: c?.region });
    },
    docHash: (docHash) => Promise.resolve([...(docHashes.get(docHash) ?? [])].sort(ascending)),
    close: () => Promise.resolve(),
    reopen: open,
  });
  return open();
}
