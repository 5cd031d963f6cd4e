// The log leaf: RFC 8785 (JCS) canonical JSON of a valid v1 event, UTF-8 encoded. One event has
// exactly one leaf, so decoding also insists that the bytes are their own canonical form.
import { canonicalJson, equalBytes, fromUtf8, utf8 } from '../encoding/index.js';
import { ElcError, isElcError } from '../errors.js';
import { EVIDENCE_MAX_LEAF_BYTES } from './codes.js';
import { parseEvidenceEvent } from './parse.js';
import type { EvidenceEvent } from './schema.js';

/** RFC 8785 canonical JSON text of an event's value; ElcError EVIDENCE_INVALID when there is none. */
function canonicalEventJson(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch (cause) {
    throw new ElcError('EVIDENCE_INVALID', 'value has no canonical JSON form', { cause });
  }
}

/** Validates the event (fail closed), then returns its canonical leaf bytes. */
export function encodeLeaf(event: EvidenceEvent): Uint8Array {
  const bytes = utf8(canonicalEventJson(parseEvidenceEvent(event)));
  if (bytes.length > EVIDENCE_MAX_LEAF_BYTES) {
    throw new ElcError('EVIDENCE_LEAF_TOO_LARGE', `leaf is ${bytes.length} bytes, over ${EVIDENCE_MAX_LEAF_BYTES}`);
  }
  return bytes;
}

/**
 * Leaf bytes back to a validated event. Refuses oversize input, invalid UTF-8, invalid JSON and
 * any JSON that is not byte-for-byte canonical (duplicate keys, whitespace, key order, escapes).
 */
export function decodeLeaf(leaf: Uint8Array): EvidenceEvent {
  if (!(leaf instanceof Uint8Array)) throw new ElcError('EVIDENCE_LEAF_MALFORMED', 'leaf must be bytes');
  if (leaf.length > EVIDENCE_MAX_LEAF_BYTES) {
    throw new ElcError('EVIDENCE_LEAF_TOO_LARGE', `leaf is ${leaf.length} bytes, over ${EVIDENCE_MAX_LEAF_BYTES}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(leaf));
  } catch (cause) {
    throw new ElcError('EVIDENCE_LEAF_MALFORMED', 'leaf is not UTF-8 JSON', { cause });
  }
  const event = parseEvidenceEvent(value);
  let canonical: Uint8Array;
  try {
    canonical = utf8(canonicalEventJson(value));
  } catch (e) {
    if (isElcError(e)) throw new ElcError('EVIDENCE_LEAF_MALFORMED', 'leaf has no canonical form', { cause: e });
    throw e;
  }
  if (!equalBytes(canonical, leaf)) throw new ElcError('EVIDENCE_LEAF_MALFORMED', 'leaf is not in RFC 8785 canonical form');
  return event;
}
