/**
 * The Shandong store (LevelDB, `<dataDir>/sd`): registered units, reported contracts (worker
 * commitment and sealed personal data), the result of every accepted item (idempotency) and the
 * record stream that export reads and the upstream outbox forwards. One root keyspace with
 * string prefixes; every commit is one batch written with `sync: true`, so a record and its outbox
 * entry land together or not at all. Batches between validation and commit are the lifecycle
 * journal's (lifecycle/journal.ts); the first version kept its own `journal!` records here, and a
 * store that still holds one is refused at open (that version's recovery is not repeated).
 */
import { ElcError } from '@elc/core';
import { Level } from 'level';
import type { SealedRecord } from '../pii/index.js';

export type SdKind = 'units' | 'contracts' | 'rescissions' | 'renewals' | 'terminations';

export interface UnitRecord {
  readonly uscc: string;
  /** GB/T 2260 region of the org that registered the unit */
  readonly region: string;
  /** vendor orgs that may report for the unit (a bureau of the region always may) */
  readonly vendors: readonly string[];
  readonly sealed: SealedRecord;
  readonly updatedAt: string;
}

export interface ContractRecord {
  readonly uscc: string;
  readonly contractNo: string;
  readonly region: string;
  readonly startDate: string;
  /** hmac-sha256 worker commitment */
  readonly worker: string;
  /** name, ID type and number, phone of the worker */
  readonly sealed: SealedRecord;
}

/** What an accepted item answers, now and on every repeat. */
export interface ItemResult {
  readonly id: string;
  readonly contractNo?: string;
  readonly uscc: string;
  readonly logIndex?: number;
  readonly leafHash?: string;
  readonly txId?: string;
  readonly blockNumber?: number;
}

/** One accepted record in the spec format (English keys), sealed: exported and forwarded. */
export interface StreamRecord {
  readonly seq: number;
  readonly kind: SdKind;
  readonly uscc: string;
  readonly region: string;
  readonly contractNo?: string;
  readonly acceptedAt: string;
  readonly sealed: SealedRecord;
}

export type StoreOp =
  | { readonly type: 'put'; readonly key: string; readonly value: unknown }
  | { readonly type: 'del'; readonly key: string };

export const K = {
  unit: (uscc: string) => `unit!${uscc}`,
  contract: (uscc: string, no: string) => `contract!${uscc}!${no}`,
  item: (id: string) => `item!${id}`,
  record: (seq: number) => `rec!${String(seq).padStart(16, '0')}`,
  forwarded: 'meta!forwarded',
  lastSeq: 'meta!lastSeq',
} as const;

export interface SdStore {
  get<T>(key: string): Promise<T | undefined>;
  /** one atomic, fsynced batch */
  write(ops: readonly StoreOp[]): Promise<void>;
  /** values with keys in [gte, lt), in key order */
  range<T>(gte: string, lt: string, limit: number): Promise<{ key: string; value: T }[]>;
  close(): Promise<void>;
}

export async function openSdStore(location: string): Promise<SdStore> {
  const db = new Level<string, unknown>(location, { valueEncoding: 'json' });
  await db.open();
  if ((await db.keys({ gte: 'journal!', lt: 'journal"', limit: 1 }).all()).length > 0) {
    await db.close();
    throw new ElcError('LOG_CONFIG_MISMATCH', `${location} holds Shandong batches an earlier version left unfinished; start that version once to finish them`);
  }
  return {
    async get<T>(key: string) {
      return (await db.get(key)) as T | undefined;
    },
    async write(ops) {
      const b = db.batch();
      for (const op of ops) {
        if (op.type === 'put') b.put(op.key, op.value);
        else b.del(op.key);
      }
      await b.write({ sync: true });
    },
    async range<T>(gte: string, lt: string, limit: number) {
      const out: { key: string; value: T }[] = [];
      for await (const [key, value] of db.iterator({ gte, lt, limit })) out.push({ key, value: value as T });
      return out;
    },
    close: () => db.close(),
  };
}
