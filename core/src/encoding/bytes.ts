// Byte encodings used across core. Standard base64 for tree hashes (as C2SP and the
// transparency-dev vectors use), lowercase hex for document hashes. No Buffer: Uint8Array only.
import { base64, hex } from '@scure/base';
import { ElcError } from '../errors.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Strict UTF-8 decoding: invalid sequences throw ENCODING_INVALID_UTF8. */
export function fromUtf8(bytes: Uint8Array, field?: string): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch (cause) {
    throw new ElcError('ENCODING_INVALID_UTF8', 'invalid UTF-8', { field, cause });
  }
}

export function toBase64(bytes: Uint8Array): string {
  return base64.encode(bytes);
}

/** Strict standard base64 (padded); anything else throws ENCODING_INVALID_BASE64. */
export function fromBase64(text: string, field?: string): Uint8Array {
  try {
    return base64.decode(text);
  } catch (cause) {
    throw new ElcError('ENCODING_INVALID_BASE64', 'invalid base64', { field, cause });
  }
}

export function toHex(bytes: Uint8Array): string {
  return hex.encode(bytes);
}

/** Lowercase or uppercase hex of even length; anything else throws ENCODING_INVALID_HEX. */
export function fromHex(text: string, field?: string): Uint8Array {
  try {
    return hex.decode(text.toLowerCase());
  } catch (cause) {
    throw new ElcError('ENCODING_INVALID_HEX', 'invalid hex', { field, cause });
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Constant-time equality for equal-length inputs (hash comparison); false on length mismatch. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
