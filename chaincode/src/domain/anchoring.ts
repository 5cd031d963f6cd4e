// Anchored checkpoints: every endorsing peer checks that a log's new checkpoint is signed by the
// log's key and consistent with the last one anchored (RFC 9162 §2.1.4), so a forked or
// rewritten log is refused on the channel.
import { createLogHasher, fromBase64, isElcError, openCheckpoint, pureHashProvider, toBase64, verifyConsistency } from '@elc/core';
import type { Checkpoint, NoteVerifier } from '@elc/core';
import { requireReader, requireWriter } from './access.js';
import { LedgerError } from './errors.js';
import { checkOrigin, formatKeyIdHex, getLog, parseVerifierKey } from './log-registry.js';
import { EVENT_ANCHORED } from './records.js';
import type { AnchorRecord, LedgerReader, LogRecord, Outcome, TxContext } from './records.js';
import { parseSize } from './values.js';

/** A consistency proof has at most ~2·log2(size) hashes (< 106 for any safe-integer size). */
export const MAX_CONSISTENCY_PROOF_HASHES = 128;
export const MAX_NOTE_LENGTH = 16_384;

export interface AnchorCheckpointInput {
  readonly origin: string;
  readonly note: string;
  /** The consistency proof from the last anchored size, as the JSON text of an array of base64 hashes. */
  readonly consistencyProof: string;
}

const NOTE_MALFORMED_CODES = new Set(['NOTE_MALFORMED', 'NOTE_TOO_LARGE', 'NOTE_TOO_MANY_SIGNATURES', 'CHECKPOINT_MALFORMED']);

function openWithKey(note: string, verifier: NoteVerifier): Checkpoint {
  try {
    return openCheckpoint(note, [verifier]).checkpoint;
  } catch (e) {
    if (isElcError(e) && NOTE_MALFORMED_CODES.has(e.code)) {
      throw new LedgerError('CHECKPOINT_MALFORMED', `the checkpoint note is malformed (${e.code})`, { field: 'note', cause: e });
    }
    if (isElcError(e)) {
      throw new LedgerError('CHECKPOINT_BAD_SIGNATURE', `the checkpoint is not signed by the log's key (${e.code})`, { field: 'note', cause: e });
    }
    throw e;
  }
}

/** Opens the note with the log's current key; a replay of an old checkpoint may carry an older key. */
function openNoteForLog(note: string, log: LogRecord): { checkpoint: Checkpoint; keyId: string; current: boolean } {
  const keys = [...log.keys].reverse();
  let firstError: LedgerError | undefined;
  for (const [i, key] of keys.entries()) {
    const verifier = parseVerifierKey(key.vkey);
    try {
      return { checkpoint: openWithKey(note, verifier), keyId: formatKeyIdHex(verifier.keyId), current: i === 0 };
    } catch (e) {
      if (!(e instanceof LedgerError) || e.code === 'CHECKPOINT_MALFORMED') throw e;
      firstError ??= e;
    }
  }
  throw firstError ?? new LedgerError('CHECKPOINT_BAD_SIGNATURE', 'the log has no key', { field: 'note' });
}

export function parseProof(text: string): Uint8Array[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerError('INVALID_ARGUMENT', 'consistencyProof must be a JSON array of base64 hashes', { field: 'consistencyProof' });
  }
  if (!Array.isArray(value) || value.length > MAX_CONSISTENCY_PROOF_HASHES) {
    throw new LedgerError('INVALID_ARGUMENT', `consistencyProof must be a JSON array of at most ${MAX_CONSISTENCY_PROOF_HASHES} base64 hashes`, { field: 'consistencyProof' });
  }
  return value.map((h: unknown, i) => {
    let bytes: Uint8Array | undefined;
    if (typeof h === 'string') {
      try {
        bytes = fromBase64(h);
      } catch {
        bytes = undefined;
      }
    }
    if (bytes?.length !== 32) {
      throw new LedgerError('INVALID_ARGUMENT', `consistencyProof[${i}] is not a base64 32-byte hash`, { field: `consistencyProof[${i}]` });
    }
    return bytes;
  });
}

/**
 * AnchorCheckpoint: bureau, or a vendor of the log's region. Outcomes:
 * - first anchor of the origin: stored (the proof must be empty);
 * - same size and root as an anchored checkpoint: the existing record, nothing written;
 * - same size, another root: ANCHOR_FORK_SAME_SIZE (two signed views of one log: a fork);
 * - smaller than the latest: ANCHOR_SHRINKS;
 * - larger: stored if the proof from the latest anchor verifies, else ANCHOR_INCONSISTENT.
 */
export async function anchorCheckpoint(reader: LedgerReader, input: AnchorCheckpointInput, tx: TxContext): Promise<Outcome<AnchorRecord>> {
  checkOrigin(input.origin);
  const log = await reader.getLog(input.origin);
  if (log === undefined) throw new LedgerError('LOG_UNKNOWN', `no log is registered for origin ${input.origin}`, { field: 'origin' });
  requireWriter(tx.caller, log.region, 'anchor a checkpoint');
  if (input.note.length === 0 || input.note.length > MAX_NOTE_LENGTH) {
    throw new LedgerError('CHECKPOINT_MALFORMED', `the note must be 1..${MAX_NOTE_LENGTH} characters`, { field: 'note' });
  }
  const proof = parseProof(input.consistencyProof);
  const opened = openNoteForLog(input.note, log);
  const { checkpoint } = opened;
  if (checkpoint.origin !== log.origin) {
    throw new LedgerError('CHECKPOINT_ORIGIN_MISMATCH', `the checkpoint is for origin ${checkpoint.origin}, not ${log.origin}`, { field: 'note' });
  }
  const hasher = createLogHasher(pureHashProvider(log.hashAlg));
  if (checkpoint.size === 0 && !sameBytes(checkpoint.rootHash, hasher.emptyRoot())) {
    throw new LedgerError('CHECKPOINT_MALFORMED', 'a checkpoint of size 0 must carry the empty root', { field: 'note' });
  }
  const rootHash = toBase64(checkpoint.rootHash);

  const latest = await reader.getLatestAnchor(log.origin);
  if (latest !== undefined && checkpoint.size <= latest.size) {
    const same = checkpoint.size === latest.size ? latest : await reader.getAnchor(log.origin, checkpoint.size);
    if (same !== undefined) {
      if (same.rootHash === rootHash) return { writes: [], event: undefined, result: same };
      throw new LedgerError('ANCHOR_FORK_SAME_SIZE', `a checkpoint of size ${checkpoint.size} with another root is anchored for ${log.origin}: the log has forked`, { field: 'note' });
    }
    throw new LedgerError('ANCHOR_SHRINKS', `the latest anchored size of ${log.origin} is ${latest.size}; ${checkpoint.size} is older`, { field: 'note' });
  }
  if (!opened.current) {
    throw new LedgerError('CHECKPOINT_BAD_SIGNATURE', "a new checkpoint must be signed by the log's current key", { field: 'note' });
  }
  // Every tree extends the empty one, and RFC 9162 has no proof for it: the proof is empty.
  if (latest === undefined || latest.size === 0) {
    if (proof.length !== 0) {
      throw new LedgerError('INVALID_ARGUMENT', 'the first anchor of a log, or one after the empty tree, takes an empty consistency proof', { field: 'consistencyProof' });
    }
  } else {
    try {
      verifyConsistency(hasher, latest.size, checkpoint.size, proof, fromBase64(latest.rootHash), checkpoint.rootHash);
    } catch (e) {
      if (!isElcError(e)) throw e;
      throw new LedgerError('ANCHOR_INCONSISTENT', `the checkpoint is not consistent with the anchored size ${latest.size} (${e.code})`, { field: 'consistencyProof', cause: e });
    }
  }

  const record: AnchorRecord = {
    origin: log.origin,
    size: checkpoint.size,
    rootHash,
    note: input.note,
    keyId: opened.keyId,
    txId: tx.txId,
    timestamp: tx.timestamp,
    mspId: tx.caller.mspId,
  };
  return {
    writes: [{ kind: 'anchor', value: record }, { kind: 'latestAnchor', value: record }],
    event: { name: EVENT_ANCHORED, payload: record },
    result: record,
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export async function getAnchor(reader: LedgerReader, tx: Pick<TxContext, 'caller'>, origin: string, sizeText: string): Promise<AnchorRecord> {
  requireReader(tx.caller);
  checkOrigin(origin);
  const size = parseSize(sizeText);
  if (size === undefined) throw new LedgerError('INVALID_ARGUMENT', 'size must be a decimal safe integer', { field: 'size' });
  const anchor = await reader.getAnchor(origin, size);
  if (anchor === undefined) throw new LedgerError('ANCHOR_UNKNOWN', `no checkpoint of size ${size} is anchored for ${origin}`);
  return anchor;
}

export async function getLatestAnchor(reader: LedgerReader, tx: Pick<TxContext, 'caller'>, origin: string): Promise<AnchorRecord> {
  requireReader(tx.caller);
  await getLog(reader, origin);
  const anchor = await reader.getLatestAnchor(origin);
  if (anchor === undefined) throw new LedgerError('ANCHOR_UNKNOWN', `no checkpoint is anchored for ${origin}`);
  return anchor;
}
