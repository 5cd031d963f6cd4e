// RecordTransitions: a batch of up to 50 lifecycle records, applied all or none.
import { requireRole, requireWriter } from './access.js';
import { LedgerError } from './errors.js';
import { applyTransition } from './contract-lifecycle.js';
import { EVENT_TRANSITIONS } from './records.js';
import type { ContractState, LedgerReader, Outcome, TxContext, Write } from './records.js';
import { parseBatch } from './transition-schema.js';
import type { Transition } from './transition-schema.js';

export interface TransitionResult {
  readonly employer: string;
  readonly contractId: string;
  readonly type: Transition['type'];
  readonly status: ContractState['status'];
  readonly transitions: number;
}

export interface TransitionsResult {
  readonly txId: string;
  readonly results: readonly TransitionResult[];
}

/** One string per contract: the USCC alphabet has no NUL, so the pair cannot collide. */
function contractMapKey(employer: string, contractId: string): string {
  return `${employer}\u0000${contractId}`;
}

/**
 * Applies the batch in order. Fabric does not let a transaction read its own writes, so the
 * batch keeps its own view: a later item sees what an earlier item of the same batch did.
 */
export async function recordTransitions(reader: LedgerReader, batchText: string, tx: TxContext): Promise<Outcome<TransitionsResult>> {
  requireRole(tx.caller, ['bureau', 'vendor'], 'record contract transitions');
  const batch = parseBatch(batchText);
  const view = new Map<string, ContractState | undefined>();
  const results: TransitionResult[] = [];
  for (const [index, t] of batch.entries()) {
    const key = contractMapKey(t.employer, t.contractId);
    try {
      const prev = view.has(key) ? view.get(key) : await reader.getContract(t.employer, t.contractId);
      // The region a vendor must hold: the contract's, or for a new contract the one it names.
      const region = prev?.region ?? (t.type === 'conclude' ? t.region : undefined);
      if (region !== undefined) requireWriter(tx.caller, region, 'record a transition');
      const next = applyTransition(prev, t, tx);
      view.set(key, next);
      results.push({ employer: next.employer, contractId: next.contractId, type: t.type, status: next.status, transitions: next.transitions });
    } catch (e) {
      if (e instanceof LedgerError) throw e.at(index);
      throw e;
    }
  }
  // One write per contract (its final state in this batch), in first-seen order.
  const writes: Write[] = [];
  for (const state of view.values()) if (state !== undefined) writes.push({ kind: 'contract', value: state });
  const event = {
    name: EVENT_TRANSITIONS,
    payload: {
      txId: tx.txId,
      transitions: batch.map((t, i) => ({
        index: i,
        employer: t.employer,
        contractId: t.contractId,
        type: t.type,
        effectiveDate: t.effectiveDate,
        ...(t.evidenceIndex === undefined ? {} : { evidenceIndex: t.evidenceIndex }),
      })),
    },
  };
  return { writes, event, result: { txId: tx.txId, results } };
}
