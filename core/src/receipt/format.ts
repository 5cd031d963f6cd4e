/**
 * Receipts, batch-signed: the log key's promise that entry `index` with leaf hash `leafHash` was
 * durably sequenced at `time`. One Ed25519 signature per entry cost ~50 µs an event (half of a
 * 2-core machine at 20,000 events/s), so the key signs once per sequencer flush, over an
 * RFC 6962 Merkle root of the flush's receipt statements, and every receipt carries the
 * inclusion proof of its own statement (the shape of draft-davidben-tls-merkle-tree-certs: a
 * batch of assertions, one signature over the tree head, a proof per assertion). The signature
 * still covers origin, index, leaf hash and time of every receipt, through the proof.
 *
 * Every text is UTF-8, one field a line, every line newline-terminated; numbers are decimal
 * without leading zeros, hashes canonical standard base64 of 32 bytes.
 *
 *   statement (a leaf of the batch tree; hashed, never signed on its own):
 *     elc-receipt/v2\n<origin>\n<index>\n<leaf hash>\n<time, ms>\n
 *   batch tree: RFC 6962 tree, with the log's own hasher (SHA-256 or SM3), over the statements of
 *     the flush's fresh entries in index order (statement i is for index start+i); leaf hash
 *     H(0x00 || statement)
 *   signed message (one per flush, by the log key):
 *     elc-receipt-batch/v1\n<origin>\n<start>\n<size>\n<root>\n
 *   receipt: { id, index, leafHash, time, signature: base64 of the signature over the signed
 *     message, batch: { start, size, proof: the statement's inclusion proof at index - start } }
 *
 * Domain separation. The log key signs checkpoints and these batch messages (and, before v2,
 * "elc-receipt/v1" messages); witnesses' cosignatures start with "cosignature/v1". A checkpoint
 * note body is `<origin>\n<decimal size>\n<base64 root>\n...`; for one to equal a batch message
 * its first line, the origin, would have to be "elc-receipt-batch/v1" and its second line, a
 * decimal size, would have to be the batch message's origin — which is that same log origin
 * (the key is named after it and signs only for it), a name that is not a decimal number.
 * Independently of origins, a checkpoint's third line is the base64 of a 32-byte root (44
 * characters ending in "="), where a batch message has a decimal start index. So no checkpoint
 * body is a batch message, and a batch message's first line differs from a cosignature's and an
 * old v1 receipt's. Statements are only ever hashed as tree leaves (0x00-prefixed, so never
 * mistaken for an interior node), never signed; the `id` is not covered: it is the client's name
 * for the entry, and what is proven is that this leaf hash has this index in this log.
 *
 * Every failure is ElcError LOG_RECEIPT_INVALID with the field at fault (the code the gateway and
 * `elc verify-receipts` have always reported).
 */
import { fromBase64, toBase64, utf8 } from '../encoding/index.js';
import { ElcError } from '../errors.js';

export const RECEIPT_HEADER = 'elc-receipt/v2';
export const RECEIPT_BATCH_HEADER = 'elc-receipt-batch/v1';

/**
 * The log's signed promise that an entry has been durably sequenced at `index`. `signature` is
 * the log key's one signature for the flush that sequenced the entry, over the root of an
 * RFC 6962 tree of that flush's receipt statements; `batch.proof` proves this receipt's statement
 * in that tree. `verifyReceipt` checks all of it.
 */
export interface Receipt {
  readonly id: string;
  readonly index: number;
  /** base64 of the RFC 6962 leaf hash H(0x00 || leaf) */
  readonly leafHash: string;
  /** commit time of the batch that sequenced the entry, ms since the Unix epoch */
  readonly time: number;
  /** base64 of the log key's signature over the batch message (`receiptBatchMessage`), shared by the batch */
  readonly signature: string;
  /** the signed batch: its first index and size, and the inclusion proof of this receipt's statement */
  readonly batch: {
    readonly start: number;
    readonly size: number;
    /** RFC 6962 inclusion proof of the statement at index - start, standard base64 hashes ([] for a batch of one) */
    readonly proof: readonly string[];
  };
}

/** What a receipt statement holds besides the origin. */
export interface ReceiptFields {
  readonly index: number;
  /** base64 of the leaf hash */
  readonly leafHash: string;
  readonly time: number;
}

/** The statement of one receipt (a leaf of its batch tree), every field checked. */
export function receiptStatement(origin: string, r: ReceiptFields): Uint8Array {
  checkOrigin(origin);
  checkNumber(r.index, 'index');
  decodeHash(r.leafHash, 'leafHash');
  checkNumber(r.time, 'time');
  return statement(origin, r.index, r.leafHash, r.time);
}

/** The message the log key signs for a batch: its origin, first index, size and tree root. */
export function receiptBatchMessage(origin: string, start: number, size: number, root: Uint8Array): Uint8Array {
  checkOrigin(origin);
  checkNumber(start, 'batch.start');
  checkSize(start, size);
  if (root.length !== 32) throw invalid('the batch root must be 32 bytes', 'batch.root');
  return utf8(`${RECEIPT_BATCH_HEADER}\n${origin}\n${start}\n${size}\n${toBase64(root)}\n`);
}

/** A statement without the field checks: for callers that checked the fields once for a batch. */
export function statement(origin: string, index: number, leafHash: string, time: number): Uint8Array {
  return utf8(`${RECEIPT_HEADER}\n${origin}\n${index}\n${leafHash}\n${time}\n`);
}

export function checkOrigin(origin: string): void {
  if (typeof origin !== 'string' || origin.length === 0 || origin.includes('\n')) throw invalid('origin must be one non-empty line', 'origin');
}

export function checkNumber(x: unknown, field: string): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) throw invalid(`${field} must be a non-negative safe integer`, field);
  return x;
}

/** A batch size: at least 1, and start + size - 1 still a safe index. */
export function checkSize(start: number, size: unknown): number {
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1 || !Number.isSafeInteger(start + size)) {
    throw invalid('batch.size must be a positive safe integer', 'batch.size');
  }
  return size;
}

export function decodeHash(x: unknown, field: string): Uint8Array {
  let hash: Uint8Array | undefined;
  try {
    if (typeof x === 'string') hash = fromBase64(x, field);
  } catch (cause) {
    throw invalid(`${field} must be standard base64`, field, cause);
  }
  if (hash?.length !== 32 || toBase64(hash) !== x) throw invalid(`${field} must be the canonical base64 of 32 bytes`, field);
  return hash;
}

export function invalid(message: string, field: string, cause?: unknown): ElcError {
  return new ElcError('LOG_RECEIPT_INVALID', message, { field, cause });
}
