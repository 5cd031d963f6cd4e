// RFC 8785 (JCS) canonical JSON, the one serialisation for anything hashed, signed or put on
// chain: evidence leaves, worker commitments, the chaincode's world state and results. The
// `canonicalize` package does the work; this only gives its failures a stable code.
import canonicalize from 'canonicalize';
import { ElcError } from '../errors.js';
import { utf8 } from './bytes.js';

/**
 * The RFC 8785 text of a JSON value. ENCODING_INVALID_JSON when there is none: undefined, a
 * function or symbol, NaN or Infinity, a lone surrogate, a cycle.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (cause) {
    throw new ElcError('ENCODING_INVALID_JSON', 'value has no canonical JSON form', { cause });
  }
  if (text === undefined) throw new ElcError('ENCODING_INVALID_JSON', 'value has no JSON form');
  return text;
}

/** UTF-8 bytes of canonicalJson(value). */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}
