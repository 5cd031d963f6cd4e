// SM2 note signatures with SM3 and the GM/T 0009 default user ID, for national-crypto deployments.
//
// c2sp.org/signed-note assigns no type byte to SM2. Its table reserves 0xff "for signature types
// without an identifier byte assigned by this specification" and recommends that 0xff "be followed
// by a longer identifier that is unlikely to collide" (0xfa-0xfe are reserved for the spec's own
// future use, so they are not ours to take). We therefore use 0xff followed by the DER encoding of
// the OID of SM2-with-SM3, 1.2.156.10197.1.501 (GM/T 0006): globally unique and self-delimiting.
// That 11-byte prefix takes the place of the type byte everywhere: in vkeys, skeys and key IDs.
//   public key: 65-byte uncompressed point 04 || X || Y;  private key: 32-byte scalar
//   signature:  64 bytes r || s (SM2 signing is randomised; only verification matters)
import { sm2 } from 'sm-crypto-v2';
import { concatBytes, equalBytes, fromHex, toHex } from '../encoding/index.js';
import { NoteErrorCode, noteError } from './errors.js';
import type { KeyText } from './key-text.js';
import { SIGNATURE_TYPE_UNASSIGNED, checkDerivedKeyId, computeKeyId, formatSignerKey, formatVerifierKey } from './key-text.js';
import type { NoteKeyPair, NoteSigner, NoteVerifier } from './types.js';

/** DER of OID 1.2.156.10197.1.501 (SM2 signature with SM3). */
const SM2_SM3_OID_DER = new Uint8Array([0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75]);
/** The type identifier of SM2-with-SM3 note keys: 0xff || DER(OID). */
export const SM2_SIGNATURE_TYPE = concatBytes(new Uint8Array([SIGNATURE_TYPE_UNASSIGNED]), SM2_SM3_OID_DER);
/** GM/T 0009-2012 default signer identity. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

const SM2_PUBLIC_KEY_LENGTH = 65;
const SM2_PRIVATE_KEY_LENGTH = 32;
const SM2_SIGNATURE_LENGTH = 64;
// Order n of the SM2 recommended curve (GB/T 32918.5).
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

export function isSm2Payload(payload: Uint8Array): boolean {
  return payload.length >= SM2_SIGNATURE_TYPE.length && equalBytes(payload.subarray(0, SM2_SIGNATURE_TYPE.length), SM2_SIGNATURE_TYPE);
}

/** A fresh SM2 key pair (randomness from crypto.getRandomValues, via sm-crypto-v2 / noble). */
export function generateSm2Key(name: string): NoteKeyPair {
  const pair = sm2.generateKeyPairHex();
  const privateKey = fromHex(pair.privateKey);
  const publicPayload = concatBytes(SM2_SIGNATURE_TYPE, fromHex(pair.publicKey));
  const vkey = formatVerifierKey(name, publicPayload);
  const skey = formatSignerKey(name, computeKeyId(name, publicPayload), concatBytes(SM2_SIGNATURE_TYPE, privateKey));
  return { skey, vkey };
}

/** The private scalar of an SM2 skey and the public point derived from it (key ID checked). */
export function sm2KeyPairOf(key: KeyText): { privateHex: string; publicKey: Uint8Array } {
  const privateKey = key.payload.subarray(SM2_SIGNATURE_TYPE.length);
  const d = privateKey.length === SM2_PRIVATE_KEY_LENGTH ? BigInt(`0x${toHex(privateKey)}`) : 0n;
  // SM2 signing inverts (1 + d), so d must lie in [1, n - 2].
  if (d < 1n || d > SM2_N - 2n) {
    throw noteError(NoteErrorCode.NOTE_KEY_MALFORMED, 'SM2 private key must be a 32-byte scalar in [1, n-2]', { field: 'skey' });
  }
  const privateHex = toHex(privateKey);
  const publicKey = fromHex(sm2.getPublicKeyFromPrivateKey(privateHex));
  checkDerivedKeyId(key, concatBytes(SM2_SIGNATURE_TYPE, publicKey));
  return { privateHex, publicKey };
}

export function newSm2Signer(key: KeyText): NoteSigner {
  const { privateHex, publicKey } = sm2KeyPairOf(key);
  const publicHex = toHex(publicKey);
  return {
    name: key.name,
    keyId: key.keyId,
    sign: (msg) => fromHex(sm2.doSignature(msg, privateHex, { hash: true, publicKey: publicHex, userId: SM2_DEFAULT_USER_ID })),
  };
}

export function newSm2Verifier(key: KeyText): NoteVerifier {
  const publicKey = key.payload.subarray(SM2_SIGNATURE_TYPE.length);
  const publicHex = toHex(publicKey);
  if (publicKey.length !== SM2_PUBLIC_KEY_LENGTH || publicKey[0] !== 0x04 || !isValidPoint(publicHex)) {
    throw noteError(NoteErrorCode.NOTE_KEY_MALFORMED, 'SM2 public key must be an uncompressed point on the curve', { field: 'vkey' });
  }
  return { name: key.name, keyId: key.keyId, verify: (msg, sig) => sm2Verify(publicHex, msg, sig) };
}

function sm2Verify(publicHex: string, msg: Uint8Array, sig: Uint8Array): boolean {
  if (sig.length !== SM2_SIGNATURE_LENGTH) return false;
  const r = BigInt(`0x${toHex(sig.subarray(0, 32))}`);
  const s = BigInt(`0x${toHex(sig.subarray(32))}`);
  // GB/T 32918.2 §7.1 B1, B2: r, s in [1, n-1].
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
  try {
    return sm2.doVerifySignature(msg, toHex(sig), publicHex, { hash: true, userId: SM2_DEFAULT_USER_ID });
  } catch {
    return false;
  }
}

function isValidPoint(publicHex: string): boolean {
  try {
    return sm2.verifyPublicKey(publicHex);
  } catch {
    return false;
  }
}
