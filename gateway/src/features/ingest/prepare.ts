// From request bytes to log entries, as one pure function that runs on a worker thread (or
// inline): strict UTF-8 JSON, the body shape, every event validated and canonically encoded
// (one bad event refuses the batch), and the submitter policy applied.
import { ElcError, encodeLeaf, fromUtf8, type EvidenceEvent } from '@elc/core';
import { httpError } from '../../errors/codes.js';
import type { Principal } from '../../auth/principal.js';
import { appendId, checkRegion, withTokenRegion } from './policy.js';

export interface PreparedBatch {
  /** log idempotency keys, `<org>/<event id>` */
  readonly ids: string[];
  /** canonical leaves, in input order */
  readonly leaves: Uint8Array[];
}

/** Parses the request body; BODY_NOT_JSON for anything that is not UTF-8 JSON. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(fromUtf8(bytes));
  } catch (cause) {
    throw httpError('BODY_NOT_JSON', 'the request body is not valid UTF-8 JSON', undefined, cause);
  }
}

/** Checks the body shape and every event; throws the first problem with its field. */
export function prepareBatch(body: unknown, principal: Principal, maxEvents: number): PreparedBatch {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw httpError('REQUEST_INVALID', 'the body must be a JSON object {"events": [...]}', '');
  }
  const extra = Object.keys(body).find((k) => k !== 'events');
  if (extra !== undefined) throw httpError('REQUEST_INVALID', `unknown member "${extra}"`, extra);
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) throw httpError('REQUEST_INVALID', 'events must be an array', 'events');
  if (events.length === 0) throw httpError('REQUEST_INVALID', 'events must hold at least one event', 'events');
  if (events.length > maxEvents) {
    throw httpError('EVENTS_TOO_MANY', `at most ${maxEvents} events per request (got ${events.length})`, 'events');
  }
  const seen = new Set<string>();
  const ids: string[] = [];
  const leaves: Uint8Array[] = [];
  for (const [i, raw] of events.entries()) {
    const input = withTokenRegion(raw, principal);
    let leaf: Uint8Array;
    try {
      // encodeLeaf validates the event (fail closed) before encoding it: one pass does both.
      leaf = encodeLeaf(input as EvidenceEvent);
    } catch (e) {
      if (!(e instanceof ElcError)) throw e;
      const field = e.field === undefined || e.field === '' ? `events.${i}` : `events.${i}.${e.field}`;
      throw new ElcError(e.code, e.message, { field, cause: e });
    }
    // Valid now, so `id` and `region` are the schema's strings.
    const { id, region } = input as { id: string; region: string };
    checkRegion(principal, region, `events.${i}.region`);
    if (seen.has(id)) throw httpError('REQUEST_INVALID', `event id "${id}" appears twice in this batch`, `events.${i}.id`);
    seen.add(id);
    ids.push(appendId(principal.org, id));
    leaves.push(leaf);
  }
  return { ids, leaves };
}

export function prepareBatchFromBytes(bytes: Uint8Array, principal: Principal, maxEvents: number): PreparedBatch {
  return prepareBatch(parseJsonBody(bytes), principal, maxEvents);
}
