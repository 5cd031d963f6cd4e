/**
 * POST /v1/contracts/transitions as a format in front of the lifecycle saga. For one request:
 *  1. the body's shape (transition-request.ts); every item's evidence event validated by core
 *     (400, nothing changed);
 *  2. holding the locks of the batch's contracts: a batch with these ids that a failure left in
 *     the journal is finished first; ids recorded before with the same content replay the first
 *     answer (an identical batch sent while the first is in flight waits for it and gets its
 *     answer); the same id with other content is IDEMPOTENCY_CONFLICT;
 *  3. the caller's region must cover each contract's region (403, nothing changed);
 *  4. the saga records the batch; a chaincode refusal is thrown with the chaincode's code at
 *     `transitions.<i>.<field>` (409 for the state machine), nothing changed.
 */
import type { Transition } from '@elc/chaincode/domain';
import { canonicalJson, ElcError, encodeLeaf, regionCovers, toBase64, type EvidenceEvent } from '@elc/core';
import type { Principal } from '../auth/principal.js';
import { httpError } from '../errors/codes.js';
import { isLedgerRefusal, type LedgerPort } from '../ledger/index.js';
import type { DoneRecord, JournalItem } from './journal.js';
import { itemDigest, type LifecycleSaga } from './saga.js';
import { chaincodeTransition, evidenceEventOf, parseTransitionsBody, type TransitionItem } from './transition-request.js';

/** The name of this format in the journal. */
export const TRANSITIONS_FORMAT = 'transitions';

export interface TransitionOutcome {
  /** true when every item was recorded before: the answer is the first one's */
  readonly replayed: boolean;
  readonly response: TransitionsResponse;
}

export interface TransitionsResponse {
  readonly channel: string;
  readonly txId: string;
  readonly blockNumber: number;
  readonly txTime: string;
  readonly results: readonly unknown[];
  readonly receipts: readonly DoneRecord['receipt'][];
}

export interface TransitionRecorder {
  record(body: unknown, principal: Principal): Promise<TransitionOutcome>;
}

export function transitionAppendId(org: string, eventId: string): string {
  // Its own namespace: an ingest id is `<org>/<event id>` and event ids contain no '/'.
  return `${org}/transition/${eventId}`;
}

/** The answer of a batch, from its items' done records (the same for the first answer and every replay). */
function responseOf(done: readonly DoneRecord[]): TransitionsResponse {
  const tx = done[0]?.tx;
  return {
    channel: tx?.channel ?? '',
    txId: tx?.txId ?? '',
    blockNumber: tx?.blockNumber ?? -1,
    txTime: tx?.txTime ?? '',
    results: done.map((d) => d.tx.result ?? null),
    receipts: done.map((d) => d.receipt),
  };
}

export function createTransitionRecorder(deps: { saga: LifecycleSaga; ledger: Pick<LedgerPort, 'getContract'>; now: () => number }): TransitionRecorder {
  const { saga, ledger, now } = deps;
  // The done records are this format's whole answer: nothing else to write when a batch finishes.
  saga.register(TRANSITIONS_FORMAT, () => Promise.resolve());

  async function regionsOf(items: readonly TransitionItem[]): Promise<(string | undefined)[]> {
    const seen = new Map<string, string | undefined>();
    const out: (string | undefined)[] = [];
    for (const t of items) {
      const key = `${t.employer}\u0000${t.contractId}`;
      if (!seen.has(key)) seen.set(key, (await ledger.getContract(t.employer, t.contractId))?.region ?? (t.type === 'conclude' ? t.region : undefined));
      out.push(seen.get(key));
    }
    return out;
  }

  function journalItems(items: readonly TransitionItem[], ids: readonly string[], digests: readonly string[], regions: readonly (string | undefined)[], principal: Principal): JournalItem[] {
    const time = new Date(now()).toISOString();
    const party = principal.role === 'bureau' ? 'bureau' : 'platform';
    return items.map((t, i) => {
      const event = evidenceEventOf(t, regions[i] ?? principal.region, t.party ?? party, t.time ?? time);
      let leaf: Uint8Array;
      try {
        leaf = encodeLeaf(event as EvidenceEvent);
      } catch (e) {
        if (!(e instanceof ElcError)) throw e;
        throw new ElcError(e.code, e.message, { field: `transitions.${i}${e.field === undefined || e.field === '' ? '' : `.${e.field}`}`, cause: e });
      }
      return { appendId: ids[i] ?? '', leaf: toBase64(leaf), transition: chaincodeTransition(t) as Transition, digest: digests[i] ?? '' };
    });
  }

  return {
    async record(body, principal) {
      const items = parseTransitionsBody(body);
      const ids = items.map((t) => transitionAppendId(principal.org, t.id));
      if (new Set(ids).size !== ids.length) throw httpError('REQUEST_INVALID', 'an event id appears twice in this batch', 'transitions');
      const digests = items.map((t) => itemDigest(canonicalJson(t)));
      return saga.locked(items, async () => {
        await saga.settle(ids);
        const done = await saga.done(ids);
        if (done.some((d) => d !== undefined)) {
          const same = done.every((d, i) => d !== undefined && d.digest === digests[i]);
          if (!same) {
            const i = done.findIndex((d, j) => d !== undefined && d.digest !== digests[j]);
            throw httpError('IDEMPOTENCY_CONFLICT', 'an event id of this batch was used before for another transition', `transitions.${i < 0 ? 0 : i}.id`);
          }
          return { replayed: true, response: responseOf(done as DoneRecord[]) };
        }
        const regions = await regionsOf(items);
        regions.forEach((region, i) => {
          if (region !== undefined && !regionCovers(principal.region, region)) {
            throw httpError('FORBIDDEN_REGION', `a ${principal.role} of region ${principal.region} may not record transitions of a contract of region ${region}`, `transitions.${i}.region`);
          }
        });
        const prepared = journalItems(items, ids, digests, regions, principal);
        try {
          return { replayed: false, response: responseOf(await saga.record({ format: TRANSITIONS_FORMAT, items: prepared })) };
        } catch (e) {
          if (!isLedgerRefusal(e)) throw e;
          const at = e.index === undefined ? 'transitions' : `transitions.${e.index}${e.field === undefined ? '' : `.${e.field}`}`;
          throw new ElcError(e.code, e.message, { field: at, cause: e });
        }
      });
    },
  };
}
