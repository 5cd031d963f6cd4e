// Signers and verifiers from skey/vkey text, chosen by the key's signature type.
import { concatBytes } from '../encoding/index.js';
import { newCosignatureVerifierFromKey } from './cosignature.js';
import { ed25519SeedOf, newEd25519Signer, newEd25519Verifier } from './ed25519.js';
import { NoteErrorCode, noteError } from './errors.js';
import type { KeyText } from './key-text.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1, SIGNATURE_TYPE_ED25519, formatVerifierKey, parseSignerKeyText, parseVerifierKeyText } from './key-text.js';
import { SM2_SIGNATURE_TYPE, isSm2Payload, newSm2Signer, newSm2Verifier, sm2KeyPairOf } from './sm2.js';
import type { NoteSigner, NoteVerifier } from './types.js';

/** Ed25519 (0x01) or SM2-with-SM3 (0xff + OID) signer. Cosigner keys (0x04) need newCosigner. */
export function newSigner(skey: string): NoteSigner {
  const key = parseSignerKeyText(skey);
  if (key.payload[0] === SIGNATURE_TYPE_ED25519) return newEd25519Signer(key);
  if (isSm2Payload(key.payload)) return newSm2Signer(key);
  if (key.payload[0] === SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw noteError(NoteErrorCode.NOTE_KEY_UNSUPPORTED, 'cosigner keys sign with a clock: use newCosigner', { field: 'skey' });
  }
  throw unsupported(key, 'skey');
}

/** Ed25519 (0x01), cosignature/v1 (0x04) or SM2-with-SM3 (0xff + OID) verifier. */
export function newVerifier(vkey: string): NoteVerifier {
  const key = parseVerifierKeyText(vkey);
  if (key.payload[0] === SIGNATURE_TYPE_ED25519) return newEd25519Verifier(key);
  if (key.payload[0] === SIGNATURE_TYPE_COSIGNATURE_V1) return newCosignatureVerifierFromKey(key);
  if (isSm2Payload(key.payload)) return newSm2Verifier(key);
  throw unsupported(key, 'vkey');
}

/** The vkey of an skey (any supported type, cosigner keys included), e.g. to publish a log's key. */
export function vkeyFromSkey(skey: string): string {
  const key = parseSignerKeyText(skey);
  const type = key.payload[0];
  if (type === SIGNATURE_TYPE_ED25519 || type === SIGNATURE_TYPE_COSIGNATURE_V1) {
    return formatVerifierKey(key.name, concatBytes(new Uint8Array([type]), ed25519SeedOf(key).publicKey));
  }
  if (isSm2Payload(key.payload)) return formatVerifierKey(key.name, concatBytes(SM2_SIGNATURE_TYPE, sm2KeyPairOf(key).publicKey));
  throw unsupported(key, 'skey');
}

function unsupported(key: KeyText, field: string): Error {
  const type = (key.payload[0] ?? 0).toString(16).padStart(2, '0');
  return noteError(NoteErrorCode.NOTE_KEY_UNSUPPORTED, `unsupported signature type 0x${type}`, { field });
}
