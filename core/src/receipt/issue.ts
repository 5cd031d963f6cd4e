// Issuing a flush's receipts: the log's sequencer calls this with the log key as `signer`.
import { toBase64 } from '../encoding/index.js';
import type { LogHasher } from '../merkle/index.js';
import type { NoteSigner } from '../note/index.js';
import { buildBatchTree } from './batch-tree.js';
import { checkNumber, checkOrigin, receiptBatchMessage, statement, type Receipt } from './format.js';

export interface ReceiptSigning {
  readonly origin: string;
  /** the log's hasher: the batch tree uses the log's own hash algorithm */
  readonly hasher: LogHasher;
  readonly signer: Pick<NoteSigner, 'sign'>;
}

/**
 * The receipts of one flush's fresh entries, which get indices start, start+1, ... in order and
 * share `time`: statements -> batch tree -> ONE signature over its root -> receipts. The leaf
 * hashes are the sequencer's own canonical base64; start and time are checked once. The signer
 * runs synchronously: a native Ed25519 signature costs ~40 us, while a thread-pool signature
 * waited ~2 ms a flush behind LevelDB's work under load, on the serial write path (measured with
 * the ingest benchmark, docs/log-engine.md).
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
