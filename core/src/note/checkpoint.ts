// Checkpoints (c2sp.org/tlog-checkpoint): a signed note whose text is
//   <origin>\n<tree size>\n<base64 root hash>\n[<extension line>\n]*
import { fromBase64, toBase64 } from '../encoding/index.js';
import { NoteErrorCode, noteError } from './errors.js';
import { openNote } from './note.js';
import { hasForbiddenControl, isWellFormedText } from './text.js';
import type { NoteVerifier, OpenedNote } from './types.js';

export const CHECKPOINT_ROOT_HASH_LENGTH = 32;

export interface Checkpoint {
  /** Unique identifier of the log, e.g. `example.com/log42`. */
  origin: string;
  /** Number of leaves in the tree. */
  size: number;
  /** RFC 6962 root hash at `size`. */
  rootHash: Uint8Array;
  /** Opaque, non-empty extension lines (NOT RECOMMENDED by the spec, but allowed). */
  extensions: string[];
}

export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
}

// "ASCII decimal ... with no leading zeroes (unless the tree is empty, in which case ... `0`)"
const TREE_SIZE = /^(0|[1-9][0-9]*)$/;

/** The note text of a checkpoint. */
export function formatCheckpoint(c: Checkpoint): string {
  checkLine(c.origin, 'origin');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw malformed('size must be a non-negative safe integer', 'size');
  if (c.rootHash.length !== CHECKPOINT_ROOT_HASH_LENGTH) throw malformed('root hash must be 32 bytes', 'rootHash');
  c.extensions.forEach((line, i) => checkLine(line, `extensions.${i}`));
  return [c.origin, String(c.size), toBase64(c.rootHash), ...c.extensions].map((line) => `${line}\n`).join('');
}

/** Parses checkpoint note text strictly. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('checkpoint text must end with a newline');
  const [origin, sizeLine, rootLine, ...extensions] = text.slice(0, -1).split('\n');
  if (origin === undefined || sizeLine === undefined || rootLine === undefined) {
    throw malformed('checkpoint needs origin, size and root hash lines');
  }
  checkLine(origin, 'origin');
  if (!TREE_SIZE.test(sizeLine)) throw malformed('tree size must be decimal without leading zeros', 'size');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw malformed('tree size is beyond 2^53 - 1', 'size');
  const rootHash = parseRootHash(rootLine);
  extensions.forEach((line, i) => checkLine(line, `extensions.${i}`));
  return { origin, size, rootHash, extensions };
}

/**
 * Opens a signed checkpoint note, parses its text and, if given, checks its origin.
 * Pass the log's own verifiers: any one verified signature opens the note, so mixing in
 * witness keys would accept a checkpoint that only a witness signed. Check cosignatures
 * separately (openNote with the witness verifiers, then cosignatureTimestamp).
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  options: { origin?: string } = {},
): OpenedCheckpoint {
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw noteError(NoteErrorCode.CHECKPOINT_ORIGIN_MISMATCH, `checkpoint origin is not ${options.origin}`, { field: 'origin' });
  }
  return { checkpoint, note: opened };
}

function parseRootHash(line: string): Uint8Array {
  let root: Uint8Array;
  try {
    root = fromBase64(line, 'rootHash');
  } catch (cause) {
    throw malformed('root hash is not base64', 'rootHash', cause);
  }
  // Only the canonical encoding is accepted, so one root has one checkpoint text.
  if (root.length !== CHECKPOINT_ROOT_HASH_LENGTH || toBase64(root) !== line) {
    throw malformed('root hash must be the base64 of 32 bytes', 'rootHash');
  }
  return root;
}

function checkLine(line: string, field: string): void {
  if (line === '') throw malformed(`${field} must not be empty`, field);
  if (line.includes('\n') || hasForbiddenControl(line) || !isWellFormedText(line)) {
    throw malformed(`${field} must be one line of valid text`, field);
  }
}

function malformed(message: string, field?: string, cause?: unknown): Error {
  return noteError(NoteErrorCode.CHECKPOINT_MALFORMED, message, { field, cause });
}
