// Ed25519 note signatures, signature type 0x01 (c2sp.org/signed-note, "Ed25519 signatures"):
// RFC 8032 over the note text; key material is the 32-byte seed / 32-byte public key.
import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes } from '../encoding/index.js';
import { NoteErrorCode, noteError } from './errors.js';
import type { KeyText } from './key-text.js';
import { SIGNATURE_TYPE_ED25519, checkDerivedKeyId, computeKeyId, formatSignerKey, formatVerifierKey } from './key-text.js';
import type { NoteKeyPair, NoteSigner, NoteVerifier } from './types.js';

export const ED25519_KEY_LENGTH = 32;
export const ED25519_SIGNATURE_LENGTH = 64;

/** A fresh Ed25519 key pair (randomness from crypto.getRandomValues, via noble). */
export function generateEd25519Key(name: string): NoteKeyPair {
  return ed25519KeyPair(name, SIGNATURE_TYPE_ED25519, ed25519.utils.randomSecretKey());
}

/** skey/vkey text for an Ed25519 seed under a given type byte (0x01 notes, 0x04 cosignatures). */
export function ed25519KeyPair(name: string, type: number, seed: Uint8Array): NoteKeyPair {
  const publicPayload = concatBytes(new Uint8Array([type]), ed25519.getPublicKey(seed));
  const vkey = formatVerifierKey(name, publicPayload);
  const skey = formatSignerKey(name, computeKeyId(name, publicPayload), concatBytes(new Uint8Array([type]), seed));
  return { skey, vkey };
}

/** Splits an skey payload into its seed and checks the key ID against the derived public key. */
export function ed25519SeedOf(key: KeyText): { seed: Uint8Array; publicKey: Uint8Array } {
  const seed = key.payload.subarray(1);
  if (seed.length !== ED25519_KEY_LENGTH) {
    throw noteError(NoteErrorCode.NOTE_KEY_MALFORMED, 'Ed25519 private key must be 32 bytes', { field: 'skey' });
  }
  const publicKey = ed25519.getPublicKey(seed);
  checkDerivedKeyId(key, concatBytes(key.payload.subarray(0, 1), publicKey));
  return { seed: seed.slice(), publicKey };
}

export function ed25519PublicKeyOf(key: KeyText): Uint8Array {
  const publicKey = key.payload.subarray(1);
  if (publicKey.length !== ED25519_KEY_LENGTH || !ed25519.utils.isValidPublicKey(publicKey, false)) {
    throw noteError(NoteErrorCode.NOTE_KEY_MALFORMED, 'Ed25519 public key must be a valid 32-byte point', { field: 'vkey' });
  }
  return publicKey.slice();
}

/** Strict RFC 8032 verification (no ZIP-215 leniency); false on any malformed input. */
export function ed25519Verify(publicKey: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  if (sig.length !== ED25519_SIGNATURE_LENGTH) return false;
  try {
    return ed25519.verify(sig, msg, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export function newEd25519Signer(key: KeyText): NoteSigner {
  const { seed } = ed25519SeedOf(key);
  return { name: key.name, keyId: key.keyId, sign: (msg) => ed25519.sign(msg, seed) };
}

export function newEd25519Verifier(key: KeyText): NoteVerifier {
  const publicKey = ed25519PublicKeyOf(key);
  return { name: key.name, keyId: key.keyId, verify: (msg, sig) => ed25519Verify(publicKey, msg, sig) };
}
