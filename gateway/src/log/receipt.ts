/**
 * Receipts, batch-signed: the log key's promise that entry `index` with leaf hash `leafHash` was
 * durably sequenced at `time`. One Ed25519 signature per entry cost ~50 µs an event here (half of
 * this 2-core machine at 20,000 events/s), so the key signs once per sequencer flush, over an
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
 */
import { ElcError, fromBase64, rootFromInclusionProof, toBase64, utf8, type LogHasher, type NoteVerifier } from '@elc/core';
import type { LogSigner, Receipt } from './types.js';

export const RECEIPT_HEADER = 'elc-receipt/v2';
export const RECEIPT_BATCH_HEADER = 'elc-receipt-batch/v1';

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

export interface BatchTree {
  readonly root: Uint8Array;
  /** proofs[i]: the RFC 6962 inclusion proof of leaf i, as standard base64 ([] for a batch of one) */
  readonly proofs: readonly (readonly string[])[];
}

/**
 * The RFC 6962 tree over `leaves` (statements) and every leaf's inclusion proof, in one pass:
 * the levels are built once bottom-up (n leaf hashes, n - 1 node hashes; a last odd node moves up
 * a level unchanged, which is RFC 6962's split at the largest power of two), then each proof is
 * read off them, one sibling per level where it has one. Each node is base64-encoded once however
 * many proofs share it (the proofs share the strings).
 */
export function buildBatchTree(hasher: LogHasher, leaves: readonly Uint8Array[]): BatchTree {
  if (leaves.length === 0) throw invalid('a batch holds at least one statement', 'batch.size');
  const levels: Uint8Array[][] = [leaves.map((s) => hasher.leafHash(s))];
  for (let row = levels[0] as Uint8Array[]; row.length > 1; ) {
    const up: Uint8Array[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) up.push(hasher.nodeHash(row[i] as Uint8Array, row[i + 1] as Uint8Array));
    if (row.length % 2 === 1) up.push(row[row.length - 1] as Uint8Array);
    levels.push(up);
    row = up;
  }
  // Nearly every node below the root is some leaf's sibling: encode each once, share the strings.
  const encoded = levels.slice(0, -1).map((row) => row.map((h) => toBase64(h)));
  const proofs = leaves.map((_, leaf) => {
    const proof: string[] = [];
    for (let level = 0, i = leaf; level < encoded.length; level++, i = Math.floor(i / 2)) {
      const row = encoded[level] as string[];
      const sibling = i % 2 === 0 ? i + 1 : i - 1;
      if (sibling < row.length) proof.push(row[sibling] as string);
    }
    return proof;
  });
  return { root: (levels.at(-1) as Uint8Array[])[0] as Uint8Array, proofs };
}

export interface ReceiptSigning {
  readonly origin: string;
  /** the log's hasher: the batch tree uses the log's own hash algorithm */
  readonly hasher: LogHasher;
  readonly signer: Pick<LogSigner, 'sign'>;
}

/**
 * The receipts of one flush's fresh entries, which get indices start, start+1, ... in order and
 * share `time`: statements -> batch tree -> ONE signature over its root -> receipts. The leaf
 * hashes are the sequencer's own canonical base64 (prepareEntry); start and time are checked once.
 * The signature is made here, on the event loop: a native Ed25519 signature costs ~40 us, while
 * a thread-pool signature waited ~2 ms a flush behind LevelDB's work under load, on the serial
 * write path (measured with the ingest benchmark, docs/log-engine.md).
 */
export function issueReceipts(
  o: ReceiptSigning,
  start: number,
  time: number,
  fresh: readonly { readonly id: string; readonly leafHash: string }[],
): Receipt[] {
  if (fresh.length === 0) return [];
  checkOrigin(o.origin);
  checkNumber(time, 'time');
  const size = fresh.length;
  const tree = buildBatchTree(
    o.hasher,
    fresh.map((f, i) => statement(o.origin, start + i, f.leafHash, time)),
  );
  const message = receiptBatchMessage(o.origin, start, size, tree.root);
  const signature = toBase64(o.signer.sign(message));
  return fresh.map((f, i) => ({
    id: f.id,
    index: start + i,
    leafHash: f.leafHash,
    time,
    signature,
    batch: { start, size, proof: tree.proofs[i] as readonly string[] },
  }));
}

/**
 * Checks a receipt against the log's origin, verifier key and hash algorithm: recomputes its
 * statement, the batch root from the proof, the signed message, and checks the signature. Throws
 * LOG_RECEIPT_INVALID with the field at fault: the first malformed field (`origin`, `index`,
 * `leafHash`, `time`, `batch`, `batch.start`, `batch.size`, `batch.proof`, `signature`), `index`
 * outside [start, start + size), `batch.proof` of the wrong length for its position, and
 * `signature` when a well-formed receipt does not verify (a changed field, proof or key).
 */
export function verifyReceipt(receipt: Receipt, origin: string, verifier: NoteVerifier, hasher: LogHasher): void {
  const r = receipt as unknown as Record<string, unknown>;
  checkOrigin(origin);
  const index = checkNumber(r['index'], 'index');
  const leafHash = r['leafHash'];
  decodeHash(leafHash, 'leafHash');
  const time = checkNumber(r['time'], 'time');
  const batch = r['batch'];
  if (typeof batch !== 'object' || batch === null) throw invalid('the receipt has no batch object', 'batch');
  const b = batch as Record<string, unknown>;
  const start = checkNumber(b['start'], 'batch.start');
  const size = checkSize(start, b['size']);
  if (index < start || index >= start + size) throw invalid(`index ${index} is outside its batch [${start}, ${start + size})`, 'index');
  const proofField = b['proof'];
  if (!Array.isArray(proofField)) throw invalid('batch.proof must be an array of base64 hashes', 'batch.proof');
  const proof = proofField.map((p: unknown) => decodeHash(p, 'batch.proof'));
  const signatureField = r['signature'];
  if (typeof signatureField !== 'string') throw invalid('signature must be standard base64', 'signature');
  let sig: Uint8Array;
  try {
    sig = fromBase64(signatureField, 'signature');
  } catch (cause) {
    throw invalid('signature must be standard base64', 'signature', cause);
  }

  const leaf = hasher.leafHash(statement(origin, index, leafHash as string, time));
  let root: Uint8Array;
  try {
    root = rootFromInclusionProof(hasher, index - start, size, leaf, proof);
  } catch (cause) {
    throw invalid(`batch.proof does not fit position ${index - start} of a batch of ${size}`, 'batch.proof', cause);
  }
  if (!verifier.verify(receiptBatchMessage(origin, start, size, root), sig)) {
    throw invalid('the batch signature does not verify over this receipt', 'signature');
  }
}

function statement(origin: string, index: number, leafHash: string, time: number): Uint8Array {
  return utf8(`${RECEIPT_HEADER}\n${origin}\n${index}\n${leafHash}\n${time}\n`);
}

function checkOrigin(origin: string): void {
  if (typeof origin !== 'string' || origin.length === 0 || origin.includes('\n')) throw invalid('origin must be one non-empty line', 'origin');
}

function checkNumber(x: unknown, field: string): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) throw invalid(`${field} must be a non-negative safe integer`, field);
  return x;
}

/** A batch size: at least 1, and start + size - 1 still a safe index. */
function checkSize(start: number, size: unknown): number {
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1 || !Number.isSafeInteger(start + size)) {
    throw invalid('batch.size must be a positive safe integer', 'batch.size');
  }
  return size;
}

function decodeHash(x: unknown, field: string): Uint8Array {
  let hash: Uint8Array | undefined;
  try {
    if (typeof x === 'string') hash = fromBase64(x, field);
  } catch (cause) {
    throw invalid(`${field} must be standard base64`, field, cause);
  }
  if (hash?.length !== 32 || toBase64(hash) !== x) throw invalid(`${field} must be the canonical base64 of 32 bytes`, field);
  return hash;
}

function invalid(message: string, field: string, cause?: unknown): ElcError {
  return new ElcError('LOG_RECEIPT_INVALID', message, { field, cause });
}
