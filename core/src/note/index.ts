// core/note: C2SP signed notes, checkpoints and witness cosignatures.
export { NoteErrorCode, NOTE_ERROR_CODES } from './errors.js';
export type { NoteSigner, NoteVerifier, NoteSignature, OpenedNote, NoteKeyPair } from './types.js';
export {
  SIGNATURE_TYPE_ED25519,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_UNASSIGNED,
  computeKeyId,
  formatKeyId,
} from './key-text.js';
export { isValidKeyName } from './text.js';
export { generateEd25519Key } from './ed25519.js';
export { generateSm2Key, SM2_SIGNATURE_TYPE, SM2_DEFAULT_USER_ID } from './sm2.js';
export { newSigner, newVerifier, vkeyFromSkey } from './keys.js';
export { signNote, openNote, MAX_NOTE_BYTES, MAX_NOTE_SIGNATURES } from './note.js';
export type { Checkpoint, OpenedCheckpoint } from './checkpoint.js';
export { formatCheckpoint, parseCheckpoint, openCheckpoint, CHECKPOINT_ROOT_HASH_LENGTH } from './checkpoint.js';
export type { CosignatureVerifier } from './cosignature.js';
export {
  COSIGNATURE_V1_HEADER,
  cosignatureMessage,
  cosignatureTimestamp,
  generateCosignerKey,
  newCosigner,
  newCosignatureVerifier,
} from './cosignature.js';
