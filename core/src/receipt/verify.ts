// Verifying a receipt offline, with the log's origin, pinned verifier key and hash algorithm.
import { fromBase64 } from '../encoding/index.js';
import { rootFromInclusionProof, type LogHasher } from '../merkle/index.js';
import type { NoteVerifier } from '../note/index.js';
import { checkNumber, checkOrigin, checkSize, decodeHash, invalid, receiptBatchMessage, statement, type Receipt } from './format.js';

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
