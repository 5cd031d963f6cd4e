/**
 * The lifecycle journal: what the saga (saga.ts) writes before it touches the log or the ledger,
 * so that a crash at any step is finished on the next start, and what it keeps afterwards to
 * answer retries. Two record kinds:
 *
 *   pending  a prepared batch: its items (log append id, leaf, chaincode transition, request
 *            digest), the format that made it and that format's attachment; written (synced)
 *            before the first append, removed when the batch is finished
 *   done     per log append id: the digest of the request item, its receipt and where its
 *            transition was committed; written in the same atomic batch that removes the pending
 *
 * Two implementations pass one contract suite (journal.contract.test-support.ts): LevelDB
 * (level-journal.ts) and memory (memory-journal.ts).
 */
import type { Transition } from '@elc/chaincode/domain';
import type { TransitionResult, TxRef } from '../ledger/index.js';
import type { Receipt } from '../log/index.js';

export interface JournalItem {
  /** the log's idempotency id of the evidence event */
  readonly appendId: string;
  /** base64 of the canonical leaf */
  readonly leaf: string;
  /** the chaincode record, without its evidence index (the log assigns it) */
  readonly transition: Transition;
  /** digest of the request item the format made this from (idempotency) */
  readonly digest: string;
}

export interface PendingBatch {
  /** unique, ordered by creation: recovery finishes batches in the order they were made */
  readonly key: string;
  readonly createdAt: number;
  /** the format that prepared the batch: its finisher runs when the batch is recorded */
  readonly format: string;
  readonly items: readonly JournalItem[];
  /** what the format needs to finish the batch after a crash (JSON) */
  readonly attachment?: unknown;
}

/** Where an item's transition was committed, and what the chaincode answered for it. */
export interface CommittedTx extends TxRef {
  readonly result: TransitionResult | undefined;
}

export interface DoneRecord {
  readonly appendId: string;
  readonly digest: string;
  readonly receipt: Receipt;
  readonly tx: CommittedTx;
}

export interface LifecycleJournal {
  putPending(batch: PendingBatch): Promise<void>;
  /** every pending batch, oldest first */
  pending(): Promise<PendingBatch[]>;
  dropPending(key: string): Promise<void>;
  /** Writes the done records and removes the pending batch, atomically. */
  finish(key: string, done: readonly DoneRecord[]): Promise<void>;
  done(appendIds: readonly string[]): Promise<(DoneRecord | undefined)[]>;
  close(): Promise<void>;
}

/** Directory of the LevelDB journal under the data dir (the name of its first version). */
export const LIFECYCLE_JOURNAL_DIR = 'transitions';
