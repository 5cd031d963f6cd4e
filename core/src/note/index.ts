// core/note: C2SP signed notes, checkpoints and witness cosignatures.
export { NoteErrorCode, NOTE_ERROR_CODES } from './errors.js';
export type { NoteSigner, NoteVerifier, NoteSignature, OpenedNote, NoteKeyPair } from './types.js';
export { SIGNATURE_TYPE_ED25519, computeKeyId } from './key-text.js';
export { isValidKeyName } from './text.js';
export { generateEd25519Key } from './ed25519.js';
export { generateSm2Key } from './sm2.js';
export { newSigner, newVerifier, vkeyFromSkey } from './keys.js';
export { signNote, openNote } from './note.js';
export type { Checkpoint, OpenedCheckpoint } from './checkpoint.js';
export { formatCheckpoint, parseCheckpoint, openCheckpoint } from './checkpoint.js';
export type { CosignatureVerifier } from './cosignature.js';
export { cosignatureTimestamp, generateCosignerKey, newCosigner, newCosignatureVerifier } from './cosignature.js';
