/**
 * Receipts: the log key's signature that entry `index` with leaf hash `leafHash` was durably
 * sequenced at `time`. The signed message is a domain-separated UTF-8 text, each field on its
 * own line, every line newline-terminated:
 *
 *   elc-receipt/v1\n<origin>\n<index, decimal>\n<leaf hash, standard base64>\n<time, decimal ms>\n
 *
 * The first line separates it from every other message the key signs: a checkpoint's second line
 * is a decimal size and its third a 44-character base64 root, which a decimal index can never be;
 * a cosignature starts with "cosignature/v1". `signature` is the base64 of the raw signature
 * (Ed25519: 64 bytes) by the note key, checked with that key's NoteVerifier (`verifyReceipt`).
 */
import { ElcError, fromBase64, toBase64, utf8, type NoteVerifier } from '@elc/core';
import type { Receipt } from './types.js';

export const RECEIPT_HEADER = 'elc-receipt/v1';

/** What the receipt signature covers. */
export interface ReceiptFields {
  readonly index: number;
  /** base64 of the leaf hash */
  readonly leafHash: string;
  readonly time: number;
}

export function receiptMessage(origin: string, r: ReceiptFields): Uint8Array {
  if (origin.length === 0 || origin.includes('\n')) throw invalid('origin must be one non-empty line', 'origin');
  if (!Number.isSafeInteger(r.index) || r.index < 0) throw invalid('index must be a non-negative safe integer', 'index');
  if (!Number.isSafeInteger(r.time) || r.time < 0) throw invalid('time must be a non-negative safe integer (ms)', 'time');
  let hash: Uint8Array;
  try {
    hash = fromBase64(r.leafHash, 'leafHash');
  } catch (cause) {
    throw invalid('leafHash must be standard base64', 'leafHash', cause);
  }
  if (hash.length !== 32 || toBase64(hash) !== r.leafHash) throw invalid('leafHash must be the canonical base64 of 32 bytes', 'leafHash');
  return utf8(`${RECEIPT_HEADER}\n${origin}\n${r.index}\n${r.leafHash}\n${r.time}\n`);
}

/**
 * Checks a receipt against the log's origin and verifier key; throws LOG_RECEIPT_INVALID (with
 * the field at fault) when it is malformed or the signature does not verify.
 */
export function verifyReceipt(receipt: Receipt, origin: string, verifier: NoteVerifier): void {
  const msg = receiptMessage(origin, receipt);
  let sig: Uint8Array;
  try {
    sig = fromBase64(receipt.signature, 'signature');
  } catch (cause) {
    throw invalid('signature must be standard base64', 'signature', cause);
  }
  if (!verifier.verify(msg, sig)) throw invalid('the receipt signature does not verify', 'signature');
}

function invalid(message: string, field: string, cause?: unknown): ElcError {
  return new ElcError('LOG_RECEIPT_INVALID', message, { field, cause });
}
