/**
 * How the LevelDB store keeps receipts: compact binary records instead of a JSON text per id.
 * The receipts of one flush share their signature and nearly all their proof hashes (a batch of
 * n has 2n - 2 tree nodes below the root; its n proofs name them ~n log2 n times), so each group
 * commit stores its distinct strings once, in a string table under the write's first index, and
 * each id's record points into it:
 *
 *   'i' <id>          u64 index | u64 time | u64 batch.start | u64 batch.size | u64 table key |
 *                     u32 signature ref | u32 proof length n | n x u32 proof refs | leafHash (UTF-8)
 *   'b' <u64 from>    JSON array of the write's distinct signature and proof strings
 *
 * Turning each ~650-byte receipt into JSON bytes cost the sequencer ~8 us an entry, most of its
 * LevelDB batch; a record is ~120 bytes and the table ~90 bytes an entry. Pure: bytes in and out,
 * LOG_STORE_CORRUPT for anything that does not decode to a well-formed receipt.
 */
import { logError } from './errors.js';
import { readU64, writeU64 } from './key-codec.js';
import type { Receipt } from './types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const FIXED = 5 * 8 + 2 * 4;

export interface EncodedReceipts {
  /** one record per receipt, in order */
  readonly records: Uint8Array[];
  /** the write's string table */
  readonly table: Uint8Array;
}

/** The records and string table of one write's receipts; `tableKey` is where the table is stored. */
export function encodeReceipts(receipts: readonly Receipt[], tableKey: number): EncodedReceipts {
  const strings: string[] = [];
  const refs = new Map<string, number>();
  const ref = (s: string): number => {
    let r = refs.get(s);
    if (r === undefined) {
      r = strings.length;
      strings.push(s);
      refs.set(s, r);
    }
    return r;
  };
  const records = receipts.map((r) => {
    const leafHash = encoder.encode(r.leafHash);
    const proof = r.batch.proof;
    const out = new Uint8Array(FIXED + 4 * proof.length + leafHash.length);
    const view = new DataView(out.buffer);
    let at = 0;
    for (const n of [r.index, r.time, r.batch.start, r.batch.size, tableKey]) {
      writeU64(out, at, n);
      at += 8;
    }
    view.setUint32(at, ref(r.signature));
    view.setUint32(at + 4, proof.length);
    at += 8;
    for (const p of proof) {
      view.setUint32(at, ref(p));
      at += 4;
    }
    out.set(leafHash, at);
    return out;
  });
  return { records, table: encoder.encode(JSON.stringify(strings)) };
}

/** The table key a record points to (its string table must be read to decode it). */
export function tableKeyOf(record: Uint8Array): number {
  if (record.length < FIXED) throw corrupt('stored receipt record is too short');
  return safeU64(record, 32);
}

/** The strings of a stored table. */
export function decodeReceiptTable(bytes: Uint8Array): string[] {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw logError('LOG_STORE_CORRUPT', 'stored receipt table is malformed', { cause });
  }
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string')) throw corrupt('stored receipt table is not a list of strings');
  return value;
}

/** The receipt of `id` from its record and its write's string table. */
export function decodeReceipt(id: string, record: Uint8Array, table: readonly string[]): Receipt {
  if (record.length < FIXED) throw corrupt('stored receipt record is too short');
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const [index, time, start, size] = [0, 8, 16, 24].map((at) => safeU64(record, at)) as [number, number, number, number];
  const str = (at: number): string => {
    const s = table[view.getUint32(at)];
    if (s === undefined) throw corrupt('stored receipt points outside its string table');
    return s;
  };
  const signature = str(40);
  const n = view.getUint32(44);
  const end = FIXED + 4 * n;
  if (end > record.length) throw corrupt('stored receipt record is shorter than its proof');
  const proof = Array.from({ length: n }, (_, i) => str(FIXED + 4 * i));
  if (size < 1 || index < start || index >= start + size) throw corrupt(`stored receipt index ${index} is outside its batch`);
  let leafHash: string;
  try {
    leafHash = decoder.decode(record.subarray(end));
  } catch (cause) {
    throw logError('LOG_STORE_CORRUPT', 'stored receipt leaf hash is not UTF-8', { cause });
  }
  return { id, index, leafHash, time, signature, batch: { start, size, proof } };
}

function safeU64(bytes: Uint8Array, at: number): number {
  const n = readU64(bytes, at);
  if (!Number.isSafeInteger(n)) throw corrupt('stored receipt number is not a safe integer');
  return n;
}

function corrupt(message: string): Error {
  return logError('LOG_STORE_CORRUPT', message);
}
