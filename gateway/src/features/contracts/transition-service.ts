/**
 * Lifecycle records through the ledger (issue 5). For one request:
 *  1. the body's shape; every item's evidence event validated by core (400, nothing changed);
 *  2. the caller's region must cover each contract's region (403, nothing changed);
 *  3. retries: items whose event ids were done before with the same content replay the answer;
 *  4. the batch and its prepared leaves go to the outbox (transition-store.ts), synced;
 *  5. RecordTransitions on the ledger, validated by the chaincode: a refusal is thrown with the
 *     chaincode's code (409 for the state machine) and the outbox record is dropped — the ledger
 *     and the log are unchanged;
 *  6. the events are appended to the log, and the outbox record becomes done records.
 * A crash between 5 and 6 is repaired on start by recover(): a committed batch's events are
 * appended then (the log's idempotent ids make a repeat harmless).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@elc/chaincode/domain';
import { ElcError, encodeLeaf, fromBase64, toBase64, type EvidenceEvent } from '@elc/core';
import { regionCovers, type Principal } from '../../auth/principal.js';
import { httpError } from '../../errors/codes.js';
import { LedgerRefusal, type LedgerPort } from '../../ledger/index.js';
import type { LogService, Receipt } from '../../log/index.js';
import { chaincodeTransition, evidenceEventOf, parseTransitionsBody, type TransitionItem } from './transition-input.js';
import type { PendingBatch, TransitionStore } from './transition-store.js';

export interface TransitionOutcome {
  readonly replayed: boolean;
  readonly response: unknown;
}

export interface TransitionService {
  record(body: unknown, principal: Principal): Promise<TransitionOutcome>;
  /** Finishes the batches a crash left between the ledger and the log. */
  recover(): Promise<void>;
}

/** How far back a recovered batch's ledger version may be dated (clock skew, slow commit). */
const RECOVERY_SKEW_MS = 5 * 60_000;

export function transitionAppendId(org: string, eventId: string): string {
  // Its own namespace: an ingest id is `<org>/<event id>` and event ids contain no '/'.
  return `${org}/transition/${eventId}`;
}

function digestOf(item: TransitionItem): string {
  return createHash('sha256').update(canonicalJson(item)).digest('hex');
}

export function createTransitionService(deps: {
  ledger: LedgerPort;
  log: LogService;
  store: TransitionStore;
  now: () => number;
}): TransitionService {
  const { ledger, log, store, now } = deps;

  async function regionOf(t: TransitionItem, seen: Map<string, string>): Promise<string | undefined> {
    const key = `${t.employer}\u0000${t.contractId}`;
    const known = seen.get(key) ?? (await ledger.getContract(t.employer, t.contractId))?.region;
    const region = known ?? (t.type === 'conclude' ? t.region : undefined);
    if (region !== undefined) seen.set(key, region);
    return region;
  }

  async function finish(p: PendingBatch, committed: NonNullable<PendingBatch['committed']>): Promise<unknown> {
    const receipts: Receipt[] = await log.append(p.entries.map((e) => ({ id: e.id, leaf: fromBase64(e.leaf) })));
    const response = {
      channel: committed.channel,
      txId: committed.txId,
      blockNumber: committed.blockNumber,
      txTime: committed.txTime,
      results: committed.results,
      receipts,
    };
    await store.finish(p.key, p.entries.map((e) => e.id), p.digests, response);
    return response;
  }

  /**
   * Settles a batch left between the ledger and the log: a committed one is appended; an
   * unmarked one is looked up in the last item's contract history (a version with its type, date
   * and document, written by this gateway's MSP since the record was made) and appended if found,
   * dropped if not. Returns the response when the batch was committed.
   */
  async function settle(p: PendingBatch): Promise<unknown> {
    if (p.committed !== undefined) return finish(p, p.committed);
    const last = p.transitions[p.transitions.length - 1];
    if (last === undefined) {
      await store.dropPending(p.key);
      return undefined;
    }
    const history = await ledger.getContractHistory(String(last['employer']), String(last['contractId']));
    const version = history.find((v) => {
      const s = v.value;
      return (
        s !== null &&
        s.last.type === last['type'] &&
        s.last.effectiveDate === last['effectiveDate'] &&
        (s.last.docHash ?? null) === ((last['docHash'] as string | undefined) ?? null) &&
        s.last.mspId === ledger.mspId &&
        Date.parse(v.timestamp) >= p.createdAt - RECOVERY_SKEW_MS
      );
    });
    if (version === undefined) {
      await store.dropPending(p.key); // never committed: the client had no answer and retries
      return undefined;
    }
    return finish(p, { channel: ledger.channel, txId: version.txId, blockNumber: version.blockNumber ?? -1, txTime: version.timestamp, results: [] });
  }

  /** Event ids of batches being recorded by this process right now. */
  const inFlight = new Set<string>();

  return {
    async record(body, principal) {
      const items = parseTransitionsBody(body);
      const ids = items.map((t) => transitionAppendId(principal.org, t.id));
      if (new Set(ids).size !== ids.length) throw httpError('REQUEST_INVALID', 'an event id appears twice in this batch', 'transitions');
      const digests = items.map(digestOf);

      const done = await Promise.all(ids.map((id) => store.done(id)));
      if (done.some((d) => d !== undefined)) {
        const same = done.every((d, i) => d !== undefined && d.digest === digests[i]);
        if (!same) {
          const i = done.findIndex((d, j) => d !== undefined && d.digest !== digests[j]);
          throw httpError('IDEMPOTENCY_CONFLICT', 'an event id of this batch was used before for another transition', `transitions.${i < 0 ? 0 : i}.id`);
        }
        return { replayed: true, response: done[0]?.response };
      }

      // A batch with these ids left between the ledger and the log (the log refused or failed the
      // append): finish it rather than submit the transitions a second time.
      const idSet = new Set(ids);
      const left = (await store.pending()).find((p) => p.entries.some((e) => idSet.has(e.id)));
      if (ids.some((id) => inFlight.has(id))) throw new ElcError('LEDGER_UNAVAILABLE', 'a batch with these event ids is being recorded; retry');
      if (left !== undefined) {
        const response = await settle(left);
        if (response !== undefined) return { replayed: true, response };
      }

      const seen = new Map<string, string>();
      const time = new Date(now()).toISOString();
      const party = principal.role === 'bureau' ? 'bureau' : 'platform';
      const entries: { id: string; leaf: string }[] = [];
      for (const [i, t] of items.entries()) {
        const region = await regionOf(t, seen);
        if (region !== undefined && !regionCovers(principal.region, region)) {
          throw httpError('FORBIDDEN_REGION', `a ${principal.role} of region ${principal.region} may not record transitions of a contract of region ${region}`, `transitions.${i}.region`);
        }
        const event = evidenceEventOf(t, region ?? principal.region, t.party ?? party, t.time ?? time);
        let leaf: Uint8Array;
        try {
          leaf = encodeLeaf(event as EvidenceEvent);
        } catch (e) {
          if (!(e instanceof ElcError)) throw e;
          throw new ElcError(e.code, e.message, { field: `transitions.${i}${e.field === undefined || e.field === '' ? '' : `.${e.field}`}`, cause: e });
        }
        entries.push({ id: ids[i] ?? '', leaf: toBase64(leaf) });
      }

      const created = now();
      const pending: PendingBatch = {
        key: `${created.toString().padStart(16, '0')}-${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16)}`,
        createdAt: created,
        transitions: items.map(chaincodeTransition),
        entries,
        digests,
      };
      for (const id of ids) inFlight.add(id);
      try {
        await store.putPending(pending);
        let receipt;
        try {
          receipt = await ledger.recordTransitions(pending.transitions);
        } catch (e) {
          if (e instanceof LedgerRefusal) {
            await store.dropPending(pending.key);
            const at = e.index === undefined ? 'transitions' : `transitions.${e.index}${e.field === undefined ? '' : `.${e.field}`}`;
            throw new ElcError(e.code, e.message, { field: at, cause: e });
          }
          // Unknown outcome: settle it now if the ledger answers; else a retry or the next start will.
          const response = await settle(pending).catch(() => undefined);
          if (response !== undefined) return { replayed: false, response };
          throw e;
        }
        const committed = { channel: receipt.channel, txId: receipt.txId, blockNumber: receipt.blockNumber, txTime: receipt.txTime, results: receipt.results };
        const marked = { ...pending, committed };
        await store.putPending(marked);
        return { replayed: false, response: await finish(marked, committed) };
      } finally {
        for (const id of ids) inFlight.delete(id);
      }
    },

    async recover() {
      for (const p of await store.pending()) await settle(p);
    },
  };
}
