// Timestamped Ed25519 witness cosignatures, type 0x04 (c2sp.org/tlog-cosignature, cosignature/v1).
//   signed message: "cosignature/v1\n" || "time <POSIX seconds>\n" || checkpoint body
//   signature:      timestamped_signature = u64 timestamp (big-endian) || Ed25519 signature
//   key ID:         SHA-256(name || "\n" || 0x04 || 32-byte Ed25519 public key)[:4]
import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, utf8 } from '../encoding/index.js';
import { ED25519_SIGNATURE_LENGTH, ed25519KeyPair, ed25519PublicKeyOf, ed25519SeedOf, ed25519Verify } from './ed25519.js';
import { NoteErrorCode, noteError } from './errors.js';
import type { KeyText } from './key-text.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1, parseSignerKeyText, parseVerifierKeyText } from './key-text.js';
import type { NoteKeyPair, NoteSigner, NoteVerifier } from './types.js';

export const COSIGNATURE_V1_HEADER = 'cosignature/v1';
const TIMESTAMP_LENGTH = 8;
const TWO_POW_32 = 0x1_0000_0000;

/** A cosignature verifier that also yields the cosigned time. */
export interface CosignatureVerifier extends NoteVerifier {
  /** The cosignature's timestamp (POSIX seconds) if it verifies over `body`, else undefined. */
  verifyCosignature(body: Uint8Array, sig: Uint8Array): number | undefined;
}

/** The message a cosigner signs for a checkpoint body at time `timestamp` (POSIX seconds). */
export function cosignatureMessage(timestamp: number, body: Uint8Array): Uint8Array {
  checkTimestamp(timestamp);
  return concatBytes(utf8(`${COSIGNATURE_V1_HEADER}\ntime ${timestamp}\n`), body);
}

/** The timestamp of a cosignature's bytes (after the key ID), without verifying it. */
export function cosignatureTimestamp(sig: Uint8Array): number {
  if (sig.length !== TIMESTAMP_LENGTH + ED25519_SIGNATURE_LENGTH) {
    throw noteError(NoteErrorCode.COSIGNATURE_MALFORMED, 'cosignature must be 8 + 64 bytes');
  }
  const view = new DataView(sig.buffer, sig.byteOffset, TIMESTAMP_LENGTH);
  const high = view.getUint32(0);
  const timestamp = high * TWO_POW_32 + view.getUint32(4);
  // The spec bounds it by 2^63 - 1; we also need it exact as a JS number.
  if (!Number.isSafeInteger(timestamp)) {
    throw noteError(NoteErrorCode.COSIGNATURE_MALFORMED, 'cosignature timestamp is beyond 2^53 - 1');
  }
  return timestamp;
}

/** A fresh cosigner key pair (type 0x04). */
export function generateCosignerKey(name: string): NoteKeyPair {
  return ed25519KeyPair(name, SIGNATURE_TYPE_COSIGNATURE_V1, ed25519.utils.randomSecretKey());
}

/**
 * A NoteSigner that cosigns checkpoint bodies at `now()` (POSIX seconds, a safe integer; pass
 * `() => Math.floor(Date.now() / 1000)` in production, a fixed clock in tests).
 */
export function newCosigner(skey: string, now: () => number): NoteSigner {
  const key = parseSignerKeyText(skey);
  checkCosignerType(key, 'skey');
  const { seed } = ed25519SeedOf(key);
  return {
    name: key.name,
    keyId: key.keyId,
    sign(body: Uint8Array): Uint8Array {
      const timestamp = now();
      const signature = ed25519.sign(cosignatureMessage(timestamp, body), seed);
      const stamp = new Uint8Array(TIMESTAMP_LENGTH);
      const view = new DataView(stamp.buffer);
      view.setUint32(0, Math.floor(timestamp / TWO_POW_32));
      view.setUint32(4, timestamp % TWO_POW_32);
      return concatBytes(stamp, signature);
    },
  };
}

export function newCosignatureVerifier(vkey: string): CosignatureVerifier {
  return newCosignatureVerifierFromKey(parseVerifierKeyText(vkey));
}

export function newCosignatureVerifierFromKey(key: KeyText): CosignatureVerifier {
  checkCosignerType(key, 'vkey');
  const publicKey = ed25519PublicKeyOf(key);
  const verifyCosignature = (body: Uint8Array, sig: Uint8Array): number | undefined => {
    let timestamp: number;
    try {
      timestamp = cosignatureTimestamp(sig);
    } catch {
      return undefined;
    }
    const ok = ed25519Verify(publicKey, cosignatureMessage(timestamp, body), sig.subarray(TIMESTAMP_LENGTH));
    return ok ? timestamp : undefined;
  };
  return {
    name: key.name,
    keyId: key.keyId,
    verifyCosignature,
    verify: (body, sig) => verifyCosignature(body, sig) !== undefined,
  };
}

function checkCosignerType(key: KeyText, field: string): void {
  if (key.payload[0] !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw noteError(NoteErrorCode.NOTE_KEY_UNSUPPORTED, 'not a cosignature/v1 (type 0x04) key', { field });
  }
}

function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw noteError(NoteErrorCode.COSIGNATURE_MALFORMED, 'cosignature time must be a non-negative safe integer of POSIX seconds');
  }
}
