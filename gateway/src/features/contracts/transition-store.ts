/**
 * The transitions outbox: a lifecycle batch is committed on the ledger first (a refusal must
 * change nothing, the log included) and its evidence events are appended to the log after. So
 * that a crash between the two loses no evidence event, the batch with its prepared leaves is
 * written here (synced) before the ledger sees it, marked committed with its transaction once
 * the ledger answers, and removed once the log acknowledged the events; a done record per event
 * id answers retries. A LevelDB of its own under <dataDir>/transitions/:
 *
 *   p!<createdAt16>-<nonce>   pending batch (JSON PendingBatch)
 *   d!<append id>             done: {digest, response} of the batch that used the event id
 */
import { Level } from 'level';
import type { TxRef } from '../../ledger/index.js';

export const TRANSITION_STORE_DIR = 'transitions';

export interface PendingBatch {
  readonly key: string;
  readonly createdAt: number;
  /** the chaincode transitions, in batch order */
  readonly transitions: readonly Record<string, unknown>[];
  /** the evidence entries: log append id and base64 leaf */
  readonly entries: readonly { readonly id: string; readonly leaf: string }[];
  /** per event id, the digest of its request item (idempotency) */
  readonly digests: readonly string[];
  /** set once the ledger committed the batch */
  readonly committed?: TxRef & { readonly results: readonly unknown[] };
}

export interface DoneRecord {
  readonly digest: string;
  readonly response: unknown;
}

export interface TransitionStore {
  putPending(p: PendingBatch): Promise<void>;
  pending(): Promise<PendingBatch[]>;
  dropPending(key: string): Promise<void>;
  /** marks the ids done with the response and drops the pending batch, atomically */
  finish(key: string, ids: readonly string[], digests: readonly string[], response: unknown): Promise<void>;
  done(id: string): Promise<DoneRecord | undefined>;
  close(): Promise<void>;
}

const SYNC = { sync: true } as const;

export async function openTransitionStore(location: string): Promise<TransitionStore> {
  const db = new Level<string, string>(location, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
  await db.open();
  return {
    putPending: (p) => db.put(`p!${p.key}`, JSON.stringify(p), SYNC),
    async pending() {
      return (await db.values({ gte: 'p!', lt: 'p"' }).all()).map((v) => JSON.parse(v) as PendingBatch);
    },
    dropPending: (key) => db.del(`p!${key}`, SYNC),
    async finish(key, ids, digests, response) {
      const batch = db.batch();
      ids.forEach((id, i) => batch.put(`d!${id}`, JSON.stringify({ digest: digests[i] ?? '', response })));
      await batch.del(`p!${key}`).write(SYNC);
    },
    async done(id) {
      const v = await db.get(`d!${id}`);
      return v === undefined ? undefined : (JSON.parse(v) as DoneRecord);
    },
    close: () => db.close(),
  };
}
