// The closed list of error codes thrown by core/note. Tests and the HTTP mapper use the code.
import { ElcError } from '../errors.js';

export const NoteErrorCode = {
  /** The note text or its signature block breaks c2sp.org/signed-note. */
  NOTE_MALFORMED: 'NOTE_MALFORMED',
  /** The note is longer than MAX_NOTE_BYTES. */
  NOTE_TOO_LARGE: 'NOTE_TOO_LARGE',
  /** The note has more than MAX_NOTE_SIGNATURES signature lines. */
  NOTE_TOO_MANY_SIGNATURES: 'NOTE_TOO_MANY_SIGNATURES',
  /** A signature from a known key (name and key ID match) failed to verify. */
  NOTE_BAD_SIGNATURE: 'NOTE_BAD_SIGNATURE',
  /** No signature from a known key: the text must be ignored. */
  NOTE_NO_VERIFIED_SIGNATURE: 'NOTE_NO_VERIFIED_SIGNATURE',
  /** Two trusted verifiers share a name and key ID. */
  NOTE_VERIFIER_AMBIGUOUS: 'NOTE_VERIFIER_AMBIGUOUS',
  /** A vkey or skey string is not well formed (parts, hex, base64, key length). */
  NOTE_KEY_MALFORMED: 'NOTE_KEY_MALFORMED',
  /** A key name is empty or holds a Unicode space, a plus or a control character. */
  NOTE_KEY_NAME_INVALID: 'NOTE_KEY_NAME_INVALID',
  /** The key ID written in a key does not match the one computed from the key. */
  NOTE_KEY_ID_MISMATCH: 'NOTE_KEY_ID_MISMATCH',
  /** The key's signature type is not one this library implements (or not for this use). */
  NOTE_KEY_UNSUPPORTED: 'NOTE_KEY_UNSUPPORTED',
  /** A checkpoint body breaks c2sp.org/tlog-checkpoint. */
  CHECKPOINT_MALFORMED: 'CHECKPOINT_MALFORMED',
  /** The checkpoint's origin line is not the expected one. */
  CHECKPOINT_ORIGIN_MISMATCH: 'CHECKPOINT_ORIGIN_MISMATCH',
  /** A cosignature is not a timestamped_signature (c2sp.org/tlog-cosignature), or its clock is bad. */
  COSIGNATURE_MALFORMED: 'COSIGNATURE_MALFORMED',
} as const;

export type NoteErrorCode = (typeof NoteErrorCode)[keyof typeof NoteErrorCode];

export const NOTE_ERROR_CODES: readonly NoteErrorCode[] = Object.values(NoteErrorCode);

export function noteError(code: NoteErrorCode, message: string, options?: { field?: string; cause?: unknown }): ElcError {
  return new ElcError(code, message, options);
}
