// From request bytes to log entries, as one pure function that runs on a worker thread (or
// inline): strict UTF-8 JSON, the body shape, every event validated and canonically encoded
// (one bad event refuses the batch), and the submitter policy applied.
import { createLogHasher, ElcError, encodeLeaf, fromUtf8, type EvidenceEvent, type HashAlg, type LogHasher } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { httpError } from '../errors/codes.js';
import type { Principal } from '../auth/principal.js';
import type { AppendEntry } from '../log/index.js';
import { appendId, checkRegion, withTokenRegion } from './policy.js';

export interface PreparedBatch {
  /** log idempotency keys, `<org>/<event id>` */
  readonly ids: string[];
  /** canonical leaves, in input order */
  readonly leaves: Uint8Array[];
  /** H(0x00 || leaf) of each leaf under the log's hash algorithm (computed here, off the write path) */
  readonly leafHashes: Uint8Array[];
}

const hashers = new Map<HashAlg, LogHasher>();
/** The RFC 6962 hasher for an algorithm (node:crypto), made once per thread. */
export function leafHasher(alg: HashAlg): LogHasher {
  let h = hashers.get(alg);
  if (h === undefined) hashers.set(alg, (h = createLogHasher(nativeHashProvider(alg))));
  return h;
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
export function prepareBatch(body: unknown, principal: Principal, maxEvents: number, hashAlg: HashAlg): PreparedBatch {
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
  const leafHashes: Uint8Array[] = [];
  const hasher = leafHasher(hashAlg);
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
    leafHashes.push(hasher.leafHash(leaf));
  }
  return { ids, leaves, leafHashes };
}

/** The log entries of a prepared batch, with the leaf hashes the preparer computed. */
export function toAppendEntries(batch: PreparedBatch): AppendEntry[] {
  return batch.ids.map((id, i) => ({ id, leaf: batch.leaves[i] as Uint8Array, leafHash: batch.leafHashes[i] as Uint8Array }));
}

export function prepareBatchFromBytes(bytes: Uint8Array, principal: Principal, maxEvents: number, hashAlg: HashAlg): PreparedBatch {
  return prepareBatch(parseJsonBody(bytes), principal, maxEvents, hashAlg);
}
