/**
 * Recording lifecycle transitions and their evidence events: the one write path behind every
 * format (POST /v1/contracts/transitions, the Shandong interface). For a batch of items, each an
 * evidence event (leaf) and a chaincode transition:
 *
 *  1. check: the ledger simulates RecordTransitions (no commit) — a refusal throws here and
 *     nothing anywhere has changed;
 *  2. journal: the prepared batch is written, synced;
 *  3. log: the events are appended under their stable ids (a repeat is answered, not appended);
 *  4. ledger: the transitions, each with its event's log index, in transactions of at most 50;
 *  5. finish: the format's finisher runs (its own records), then the done records replace the
 *     journal entry, atomically.
 *
 * A crash after 2 is finished by recover() on the next start (or by settle() when the client
 * retries first): 3 is idempotent, and a transaction of 4 that was committed before the crash is
 * found in the contract's history by its evidence index instead of submitted again. Callers hold the contracts' locks (locked()) from their own
 * checks through record(), so the simulation of 1 still holds at 4 as far as this gateway goes; a
 * refusal at 4 can only come from another gateway's write in between, and leaves the events of
 * the refused transactions in the log without a ledger record (the verifier's replay of the
 * contract's events refuses them in the same way).
 */
import { createHash } from 'node:crypto';
import type { Transition } from '@elc/chaincode/domain';
import { ElcError, fromBase64 } from '@elc/core';
import { isLedgerRefusal, LedgerRefusal, type ContractVersion, type LedgerPort, type TransitionResult } from '../ledger/index.js';
import type { LogService, Receipt } from '../log/index.js';
import type { CommittedTx, DoneRecord, JournalItem, LifecycleJournal, PendingBatch } from './journal.js';
import { createKeyedLock } from './keyed-lock.js';

/** RecordTransitions takes at most 50 records a transaction (the Shandong spec's 最大数组数量). */
export const LEDGER_CHUNK = 50;

/** An item of a batch once recorded. */
export interface RecordedItem extends DoneRecord {
  /** its position in the batch */
  readonly position: number;
}

/**
 * Runs when a batch is recorded, before its journal entry is replaced by the done records, with
 * the items that were committed. Also after a crash, so it must be idempotent.
 */
export type Finisher = (batch: PendingBatch, recorded: readonly RecordedItem[]) => Promise<void>;

export interface RecordInput {
  readonly format: string;
  readonly items: readonly JournalItem[];
  readonly attachment?: unknown;
}

export interface LifecycleSaga {
  /** Names a format and what finishes its batches; every format registers before recover(). */
  register(format: string, finisher: Finisher): void;
  /** Runs fn holding the locks of these contracts (employer and contract id). */
  locked<T>(contracts: readonly ContractKey[], fn: () => Promise<T>): Promise<T>;
  /** Steps 1-5 for one batch; call inside locked() for its contracts. Throws LedgerRefusal with the item's position. */
  record(input: RecordInput): Promise<RecordedItem[]>;
  /** The done records of these append ids (retries). */
  done(appendIds: readonly string[]): Promise<(DoneRecord | undefined)[]>;
  /**
   * Finishes the pending batches that hold any of these append ids (a retry after a failure left
   * its batch in the journal), so that a retry finds them done instead of submitting them again.
   */
  settle(appendIds: readonly string[]): Promise<void>;
  /** Finishes the batches a crash left; returns how many. */
  recover(): Promise<number>;
}

export interface ContractKey {
  readonly employer: string;
  readonly contractId: string;
}

export interface SagaDeps {
  readonly log: Pick<LogService, 'append'>;
  readonly ledger: Pick<LedgerPort, 'checkTransitions' | 'recordTransitions' | 'getContractHistory' | 'channel'>;
  readonly journal: LifecycleJournal;
  readonly now?: () => number;
}

/** A digest of a request item, for retries: the same id with other content is a conflict. */
export function itemDigest(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}

const lockKey = (c: ContractKey): string => `${c.employer}\u0000${c.contractId}`;

function chunks<T>(xs: readonly T[]): { start: number; items: T[] }[] {
  const out: { start: number; items: T[] }[] = [];
  for (let start = 0; start < xs.length; start += LEDGER_CHUNK) out.push({ start, items: xs.slice(start, start + LEDGER_CHUNK) });
  return out;
}

/** The refusal with its index counted in the whole batch. */
function atPosition(e: LedgerRefusal, offset: number): LedgerRefusal {
  return new LedgerRefusal({ code: e.code, message: e.message, index: (e.index ?? 0) + offset, ...(e.field === undefined ? {} : { field: e.field }) }, e);
}

function resultOf(t: Transition, v: ContractVersion): TransitionResult | undefined {
  const s = v.value;
  return s === null ? undefined : { employer: t.employer, contractId: t.contractId, type: t.type, status: s.status, transitions: s.transitions };
}

export function createLifecycleSaga(deps: SagaDeps): LifecycleSaga {
  const { log, ledger, journal } = deps;
  const now = deps.now ?? Date.now;
  const locks = createKeyedLock();
  const finishers = new Map<string, Finisher>();
  let sequence = 0;

  /** The committed version of a transition with this evidence index, if any. */
  async function appliedVersion(t: Transition, evidenceIndex: number): Promise<ContractVersion | undefined> {
    const history = await ledger.getContractHistory(t.employer, t.contractId);
    return history.find((v) => v.value?.last.evidenceIndex === evidenceIndex);
  }

  /** Where each transition of a committed chunk is, from the contracts' histories (a crash lost the answer). */
  async function committedFromHistory(transitions: readonly (Transition & { evidenceIndex: number })[], first: ContractVersion): Promise<CommittedTx[]> {
    const out: CommittedTx[] = [];
    for (const [i, t] of transitions.entries()) {
      const v = i === 0 ? first : await appliedVersion(t, t.evidenceIndex);
      out.push({ channel: ledger.channel, txId: first.txId, blockNumber: first.blockNumber ?? -1, txTime: first.timestamp, result: v === undefined ? undefined : resultOf(t, v) });
    }
    return out;
  }

  /**
   * Steps 3-5. `resumed`: the batch may have been (partly) recorded before a crash, so each chunk
   * is looked up before it is submitted — a renewal or an amendment submitted twice would be
   * applied twice, not refused. Throws the first refusal of step 4 after finishing what was committed.
   */
  async function complete(batch: PendingBatch, resumed: boolean): Promise<RecordedItem[]> {
    const finish = finisherOf(batch.format);
    const receipts: Receipt[] = batch.items.length === 0 ? [] : await log.append(batch.items.map((i) => ({ id: i.appendId, leaf: fromBase64(i.leaf) })));
    const txs = new Map<number, CommittedTx>();
    let refusal: LedgerRefusal | undefined;
    for (const chunk of chunks(batch.items)) {
      const transitions = chunk.items.map((item, i) => ({ ...item.transition, evidenceIndex: receipts[chunk.start + i]?.index ?? 0 }));
      const first = transitions[0];
      // A transaction is all or nothing: its first record tells whether it was committed.
      const before = resumed && first !== undefined ? await appliedVersion(first, first.evidenceIndex) : undefined;
      if (before !== undefined) {
        (await committedFromHistory(transitions, before)).forEach((tx, i) => txs.set(chunk.start + i, tx));
        continue;
      }
      try {
        const r = await ledger.recordTransitions(transitions);
        transitions.forEach((_, i) => txs.set(chunk.start + i, { channel: r.channel, txId: r.txId, blockNumber: r.blockNumber, txTime: r.txTime, result: r.results[i] }));
      } catch (e) {
        if (!isLedgerRefusal(e)) throw e;
        refusal ??= atPosition(e, chunk.start);
      }
    }
    const recorded: RecordedItem[] = [];
    batch.items.forEach((item, position) => {
      const receipt = receipts[position];
      const tx = txs.get(position);
      if (receipt !== undefined && tx !== undefined) recorded.push({ position, appendId: item.appendId, digest: item.digest, receipt, tx });
    });
    await finish(batch, recorded);
    await journal.finish(
      batch.key,
      recorded.map(({ position: _, ...done }) => done),
    );
    if (refusal !== undefined) throw refusal;
    return recorded;
  }

  function finisherOf(format: string): Finisher {
    const f = finishers.get(format);
    // Fail closed: a batch nobody can finish stays in the journal rather than half-finished.
    if (f === undefined) throw new ElcError('LIFECYCLE_FORMAT_UNKNOWN', `no format "${format}" is registered to finish lifecycle batches`);
    return f;
  }

  /** complete() of a resumed batch, where a refusal was already recorded with what was committed: only a failure is thrown. */
  async function completeQuietly(batch: PendingBatch): Promise<void> {
    try {
      await complete(batch, true);
    } catch (e) {
      if (!isLedgerRefusal(e)) throw e;
    }
  }

  return {
    register(format, finisher) {
      if (finishers.has(format)) throw new Error(`lifecycle format "${format}" registered twice`);
      finishers.set(format, finisher);
    },

    locked: (contracts, fn) => locks.run(contracts.map(lockKey), fn),

    async record(input) {
      if (input.items.length === 0) throw new ElcError('REQUEST_INVALID', 'a lifecycle batch needs at least one item');
      finisherOf(input.format);
      for (const chunk of chunks(input.items)) {
        try {
          await ledger.checkTransitions(chunk.items.map((i) => i.transition));
        } catch (e) {
          throw isLedgerRefusal(e) ? atPosition(e, chunk.start) : e;
        }
      }
      const createdAt = now();
      const batch: PendingBatch = {
        key: `${createdAt.toString().padStart(16, '0')}-${(sequence++).toString().padStart(8, '0')}-${itemDigest(input.items.map((i) => i.appendId).join('\n')).slice(0, 16)}`,
        createdAt,
        format: input.format,
        items: input.items,
        ...(input.attachment === undefined ? {} : { attachment: input.attachment }),
      };
      await journal.putPending(batch);
      return complete(batch, false);
    },

    done: (ids) => journal.done(ids),

    async settle(appendIds) {
      const ids = new Set(appendIds);
      for (const batch of await journal.pending()) {
        if (batch.items.some((i) => ids.has(i.appendId))) await completeQuietly(batch);
      }
    },

    async recover() {
      const pending = await journal.pending();
      for (const batch of pending) {
        const contracts = batch.items.map((i) => ({ employer: i.transition.employer, contractId: i.transition.contractId }));
        await locks.run(contracts.map(lockKey), () => completeQuietly(batch));
      }
      return pending.length;
    },
  };
}
