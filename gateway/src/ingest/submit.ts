// Ingest after preparation (prepare-batch.ts): append durably, and optionally wait for a
// checkpoint, or an anchor on the ledger, that covers the batch and prove each entry into it.
import { ElcError } from '@elc/core';
import type { AnchorCovering } from '../anchor/index.js';
import type { Anchor } from '../ledger/index.js';
import type { AppendEntry, InclusionProofResult, LogService, Receipt, SignedCheckpoint } from '../log/index.js';

export interface IngestLimits {
  readonly waitTimeoutMs: number;
}

export type IngestWait = 'none' | 'checkpoint' | 'anchored';

export type IngestOutcome =
  | { readonly kind: 'accepted'; readonly receipts: Receipt[] }
  | { readonly kind: 'checkpointed'; readonly receipts: Receipt[]; readonly checkpoint: SignedCheckpoint; readonly proofs: InclusionProofResult[] }
  | { readonly kind: 'anchored'; readonly receipts: Receipt[]; readonly anchor: Anchor; readonly proofs: InclusionProofResult[] }
  | { readonly kind: 'wait-timeout'; readonly receipts: Receipt[] };

export async function ingest(
  log: Pick<LogService, 'append' | 'waitForCheckpoint' | 'inclusionProof'>,
  anchorCovering: AnchorCovering,
  entries: readonly AppendEntry[],
  wait: IngestWait,
  limits: IngestLimits,
  clientGone: AbortSignal,
): Promise<IngestOutcome> {
  const receipts = await log.append(entries).catch((e: unknown) => {
    throw asEventsField(e);
  });
  if (wait === 'none') return { kind: 'accepted', receipts };
  const size = Math.max(...receipts.map((r) => r.index)) + 1;
  if (wait === 'anchored') {
    let anchor: Anchor;
    try {
      anchor = await anchorCovering(size, clientGone);
    } catch (e) {
      // The events are durable either way: a slow anchor is reported, not turned into an error.
      if (e instanceof ElcError && e.code === 'EVIDENCE_NOT_ANCHORED' && !clientGone.aborted) return { kind: 'wait-timeout', receipts };
      throw e;
    }
    const proofs = await Promise.all(receipts.map((r) => log.inclusionProof(r.index, anchor.size)));
    return { kind: 'anchored', receipts, anchor, proofs };
  }
  const signal = AbortSignal.any([clientGone, AbortSignal.timeout(limits.waitTimeoutMs)]);
  let checkpoint: SignedCheckpoint;
  try {
    checkpoint = await log.waitForCheckpoint(size, { signal });
  } catch (e) {
    // The events are durable either way; a slow checkpoint is reported, not turned into an error.
    if (e instanceof ElcError && e.code === 'LOG_WAIT_ABORTED' && !clientGone.aborted) return { kind: 'wait-timeout', receipts };
    throw e;
  }
  const proofs = await Promise.all(receipts.map((r) => log.inclusionProof(r.index, checkpoint.size)));
  return { kind: 'checkpointed', receipts, checkpoint, proofs };
}

/**
 * The log names the entry at fault `entries.<i>...`; entry i is the request's event i, so the
 * client is told `events.<i>...` (e.g. the id of a conflicting retry).
 */
export function asEventsField(e: unknown): unknown {
  if (!(e instanceof ElcError) || e.field?.startsWith('entries.') !== true) return e;
  return new ElcError(e.code, e.message, { field: `events.${e.field.slice('entries.'.length)}`, cause: e });
}
