// The evidence index on LevelDB: the key layout of store.ts.
import { Level } from 'level';
import type { EvidenceIndexStore } from './store.js';

const SYNC = { sync: true } as const;
const pad = (n: number): string => n.toString().padStart(16, '0');
const contractKey = (employer: string, contractId: string): string => `${employer}\u0000${contractId}`;

export async function openEvidenceIndexStore(location: string): Promise<EvidenceIndexStore> {
  const db = new Level<string, string>(location, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
  await db.open();
  return {
    async indexedSize() {
      return Number((await db.get('m!size')) ?? '0');
    },
    async add(from, entries) {
      const batch = db.batch();
      const regions = new Map<string, string>();
      for (const e of entries) {
        if (e === undefined) continue;
        const c = contractKey(e.employer, e.contractId);
        batch.put(`c!${c}\u0000${pad(e.index)}`, '');
        if (e.docHash !== undefined) batch.put(`d!${e.docHash}\u0000${pad(e.index)}`, '');
        if (e.org !== undefined) batch.put(`o!${c}\u0000${e.org}`, '');
        if (!regions.has(c)) regions.set(c, e.region);
      }
      // One read for every contract of the batch: the region of its first event wins.
      const contracts = [...regions.keys()];
      const stored = contracts.length === 0 ? [] : await db.getMany(contracts.map((c) => `r!${c}`));
      contracts.forEach((c, i) => {
        if (stored[i] === undefined) batch.put(`r!${c}`, regions.get(c) as string);
      });
      batch.put('m!size', String(from + entries.length));
      await batch.write(SYNC);
    },
    async contract(employer, contractId) {
      const c = contractKey(employer, contractId);
      const keys = await db.keys({ gt: `c!${c}\u0000`, lt: `c!${c}\u0001` }).all();
      const orgKeys = await db.keys({ gt: `o!${c}\u0000`, lt: `o!${c}\u0001` }).all();
      return {
        indices: keys.map((k) => Number(k.slice(k.lastIndexOf('\u0000') + 1))),
        orgs: orgKeys.map((k) => k.slice(`o!${c}\u0000`.length)),
        region: await db.get(`r!${c}`),
      };
    },
    async docHash(docHash) {
      const keys = await db.keys({ gt: `d!${docHash}\u0000`, lt: `d!${docHash}\u0001` }).all();
      return keys.map((k) => Number(k.slice(k.lastIndexOf('\u0000') + 1)));
    },
    close: () => db.close(),
  };
}
