// The vkey and skey text formats and key IDs of c2sp.org/signed-note ("Verifier keys").
//   vkey: <name>+<hex key ID>+<base64(type || public key)>
//   skey: PRIVATE+KEY+<name>+<hex key ID>+<base64(type || private key)>   (golang.org/x/mod/sumdb/note)
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, fromBase64, toBase64, utf8 } from '../encoding/index.js';
import { isElcError } from '../errors.js';
import { NoteErrorCode, noteError } from './errors.js';
import { isValidKeyName } from './text.js';

/** Signature type bytes assigned by c2sp.org/signed-note ("Signature types"). */
export const SIGNATURE_TYPE_ED25519 = 0x01;
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;
/** "Reserved for signature types without an identifier byte assigned by this specification." */
export const SIGNATURE_TYPE_UNASSIGNED = 0xff;

const SKEY_PREFIX = 'PRIVATE+KEY+';
const KEY_ID_HEX = /^[0-9a-fA-F]{8}$/;
const KEY_ID_LENGTH = 4;
const NEWLINE = new Uint8Array([0x0a]);

/** A parsed key: `payload` is the type identifier followed by the key material. */
export interface KeyText {
  readonly name: string;
  readonly keyId: number;
  readonly payload: Uint8Array;
}

export function checkKeyName(name: string, field = 'name'): void {
  if (!isValidKeyName(name)) {
    throw noteError(NoteErrorCode.NOTE_KEY_NAME_INVALID, 'key name must be non-empty, without spaces, plus signs or control characters', { field });
  }
}

/** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian. */
export function computeKeyId(name: string, typeAndPublicKey: Uint8Array): number {
  return readUint32(sha256(concatBytes(utf8(name), NEWLINE, typeAndPublicKey)), 0);
}

export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

export function keyIdBytes(keyId: number): Uint8Array {
  return new Uint8Array([(keyId >>> 24) & 0xff, (keyId >>> 16) & 0xff, (keyId >>> 8) & 0xff, keyId & 0xff]);
}

export function readUint32(bytes: Uint8Array, offset: number): number {
  if (bytes.length < offset + KEY_ID_LENGTH) throw new RangeError('short read');
  return (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0;
}

export function formatVerifierKey(name: string, typeAndPublicKey: Uint8Array): string {
  checkKeyName(name);
  return `${name}+${formatKeyId(computeKeyId(name, typeAndPublicKey))}+${toBase64(typeAndPublicKey)}`;
}

export function formatSignerKey(name: string, keyId: number, typeAndPrivateKey: Uint8Array): string {
  checkKeyName(name);
  return `${SKEY_PREFIX}${name}+${formatKeyId(keyId)}+${toBase64(typeAndPrivateKey)}`;
}

/** Parses a vkey and checks its key ID against the key it carries. */
export function parseVerifierKeyText(vkey: string): KeyText {
  const key = splitKey(vkey, 'vkey');
  if (computeKeyId(key.name, key.payload) !== key.keyId) {
    throw noteError(NoteErrorCode.NOTE_KEY_ID_MISMATCH, 'vkey key ID does not match its public key', { field: 'vkey' });
  }
  return key;
}

/** Parses an skey; the caller checks the key ID once it has derived the public key. */
export function parseSignerKeyText(skey: string): KeyText {
  if (!skey.startsWith(SKEY_PREFIX)) {
    throw noteError(NoteErrorCode.NOTE_KEY_MALFORMED, 'skey must start with PRIVATE+KEY+', { field: 'skey' });
  }
  return splitKey(skey.slice(SKEY_PREFIX.length), 'skey');
}

export function checkDerivedKeyId(key: KeyText, typeAndPublicKey: Uint8Array): void {
  if (computeKeyId(key.name, typeAndPublicKey) !== key.keyId) {
    throw noteError(NoteErrorCode.NOTE_KEY_ID_MISMATCH, 'skey key ID does not match the key derived from it', { field: 'skey' });
  }
}

// <name>+<8 hex digits>+<base64>. Names hold no '+', so the first two '+' split the parts;
// the base64 part may itself contain '+'.
function splitKey(text: string, field: string): KeyText {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (first < 0 || second < 0) {
    throw noteError(NoteErrorCode.NOTE_KEY_MALFORMED, `${field} must have three parts separated by '+'`, { field });
  }
  const name = text.slice(0, first);
  const idHex = text.slice(first + 1, second);
  const b64 = text.slice(second + 1);
  checkKeyName(name, field);
  if (!KEY_ID_HEX.test(idHex)) {
    throw noteError(NoteErrorCode.NOTE_KEY_MALFORMED, `${field} key ID must be 8 hex digits`, { field });
  }
  let payload: Uint8Array;
  try {
    payload = fromBase64(b64, field);
  } catch (cause) {
    if (!isElcError(cause)) throw cause;
    throw noteError(NoteErrorCode.NOTE_KEY_MALFORMED, `${field} key is not base64`, { field, cause });
  }
  if (payload.length < 2) {
    throw noteError(NoteErrorCode.NOTE_KEY_MALFORMED, `${field} key is too short`, { field });
  }
  return { name, keyId: Number.parseInt(idHex, 16), payload };
}
