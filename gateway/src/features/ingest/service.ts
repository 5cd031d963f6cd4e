// Ingest: validate a batch (atomic: one bad event refuses all), apply the submitter policy,
// encode leaves canonically, append durably, and optionally wait for a covering checkpoint.
import { encodeLeaf, safeParseEvidenceEvent, type EvidenceEvent } from '@elc/core';
import { ElcError } from '@elc/core';
import { httpError } from '../../errors/codes.js';
import type { Principal } from '../../auth/principal.js';
import type { AppendEntry, InclusionProofResult, LogService, Receipt, SignedCheckpoint } from '../../log/index.js';
import { appendId, checkRegion, withTokenRegion } from './policy.js';

export interface IngestLimits {
  readonly maxEventsPerRequest: number;
  readonly waitTimeoutMs: number;
}

export type IngestOutcome =
  | { readonly kind: 'accepted'; readonly receipts: Receipt[] }
  | { readonly kind: 'checkpointed'; readonly receipts: Receipt[]; readonly checkpoint: SignedCheckpoint; readonly proofs: InclusionProofResult[] }
  | { readonly kind: 'wait-timeout'; readonly receipts: Receipt[] };

/** Checks the body shape and every event; returns the entries to append. Throws on the first problem. */
export function prepareBatch(body: unknown, principal: Principal, limits: IngestLimits): AppendEntry[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw httpError('REQUEST_INVALID', 'the body must be a JSON object {"events": [...]}', '');
  }
  const extra = Object.keys(body).find((k) => k !== 'events');
  if (extra !== undefined) throw httpError('REQUEST_INVALID', `unknown member "${extra}"`, extra);
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) throw httpError('REQUEST_INVALID', 'events must be an array', 'events');
  if (events.length === 0) throw httpError('REQUEST_INVALID', 'events must hold at least one event', 'events');
  if (events.length > limits.maxEventsPerRequest) {
    throw httpError('EVENTS_TOO_MANY', `at most ${limits.maxEventsPerRequest} events per request (got ${events.length})`, 'events');
  }
  const seen = new Set<string>();
  const entries: AppendEntry[] = [];
  for (const [i, raw] of events.entries()) {
    const result = safeParseEvidenceEvent(withTokenRegion(raw, principal));
    if (!result.ok) {
      const issue = result.issues[0];
      const field = issue === undefined || issue.field === '' ? `events.${i}` : `events.${i}.${issue.field}`;
      throw new ElcError(issue?.code ?? 'EVIDENCE_INVALID', issue?.message ?? 'invalid evidence event', { field });
    }
    const event: EvidenceEvent = result.event;
    checkRegion(principal, event.region, `events.${i}.region`);
    if (seen.has(event.id)) throw httpError('REQUEST_INVALID', `event id "${event.id}" appears twice in this batch`, `events.${i}.id`);
    seen.add(event.id);
    entries.push({ id: appendId(principal.org, event.id), leaf: encodeLeaf(event) });
  }
  return entries;
}

export async function ingest(
  log: LogService,
  entries: readonly AppendEntry[],
  wait: 'none' | 'checkpoint',
  limits: IngestLimits,
  clientGone: AbortSignal,
): Promise<IngestOutcome> {
  const receipts = await log.append(entries);
  if (wait === 'none') return { kind: 'accepted', receipts };
  const size = Math.max(...receipts.map((r) => r.index)) + 1;
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
