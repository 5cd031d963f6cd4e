/**
 * The LevelDB key layout: one root keyspace, a one-byte ASCII prefix per kind, fixed-width
 * big-endian numbers so that LevelDB's byte order is numeric order (an entry bundle is one range
 * scan):
 *
 *   'm' <utf8 name>           meta: "config" -> JSON {origin, hashAlg}; "state" -> encodeState
 *   'e' <u64 BE index>        leaf bytes of entry `index`
 *   'i' <utf8 id>             receipt record (receipt-codec.ts), pointing into its write's string table
 *   'b' <u64 BE from>         string table of the write that appended from index `from` (receipt-codec.ts)
 *   't' <u8 L> <u64 BE N>     tile L/N: its subtree's nodes, row by row (tile-nodes.ts)
 *   'k' <u64 BE size>         checkpoint JSON {size, rootHash (base64), note, time}
 */
import { logError } from './errors.js';

export const PREFIX = { meta: 0x6d, entry: 0x65, id: 0x69, tile: 0x74, checkpoint: 0x6b, receiptTable: 0x62 } as const;
const U64 = 8;
/** SHA-256 and SM3 both give 32 bytes */
const HASH = 32;
const encoder = new TextEncoder();

export function metaKey(name: string): Uint8Array {
  return prefixed(PREFIX.meta, encoder.encode(name));
}

export function entryKey(index: number): Uint8Array {
  const out = new Uint8Array(1 + U64);
  out[0] = PREFIX.entry;
  writeU64(out, 1, index);
  return out;
}

export function idKey(id: string): Uint8Array {
  return prefixed(PREFIX.id, encoder.encode(id));
}

export function tileKey(level: number, index: number): Uint8Array {
  if (!Number.isInteger(level) || level < 0 || level > 63) throw logError('LOG_STORE_CORRUPT', `tile level ${level}`);
  const out = new Uint8Array(2 + U64);
  out[0] = PREFIX.tile;
  out[1] = level;
  writeU64(out, 2, index);
  return out;
}

export function receiptTableKey(from: number): Uint8Array {
  const out = new Uint8Array(1 + U64);
  out[0] = PREFIX.receiptTable;
  writeU64(out, 1, from);
  return out;
}

export function checkpointKey(size: number): Uint8Array {
  const out = new Uint8Array(1 + U64);
  out[0] = PREFIX.checkpoint;
  writeU64(out, 1, size);
  return out;
}

/** The first key after every key with this one-byte prefix (an exclusive range end). */
export function prefixEnd(prefix: number): Uint8Array {
  return Uint8Array.of(prefix + 1);
}

function prefixed(prefix: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + body.length);
  out[0] = prefix;
  out.set(body, 1);
  return out;
}

/** Writes a safe non-negative integer as u64 big-endian (LOG_STORE_CORRUPT otherwise). */
export function writeU64(out: Uint8Array, offset: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw logError('LOG_STORE_CORRUPT', `index ${n} is not a safe non-negative integer`);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(offset, Math.floor(n / 2 ** 32));
  view.setUint32(offset + 4, n % 2 ** 32);
}

export function readU64(bytes: Uint8Array, offset: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(offset) * 2 ** 32 + view.getUint32(offset + 4);
}

/** Tree state value: u64 BE size || the compact-range hashes, concatenated (one per set bit of size). */
export function encodeState(size: number, hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length !== popCount(size)) throw logError('LOG_STORE_CORRUPT', `a state of size ${size} has ${popCount(size)} hashes`);
  const out = new Uint8Array(U64 + HASH * hashes.length);
  writeU64(out, 0, size);
  hashes.forEach((h, i) => {
    if (h.length !== HASH) throw logError('LOG_STORE_CORRUPT', 'compact range hashes are 32 bytes');
    out.set(h, U64 + i * HASH);
  });
  return out;
}

export function decodeState(value: Uint8Array): { size: number; hashes: Uint8Array[] } {
  if (value.length < U64) throw logError('LOG_STORE_CORRUPT', 'tree state too short');
  const size = readU64(value, 0);
  const count = popCount(size);
  if (value.length !== U64 + count * HASH) throw logError('LOG_STORE_CORRUPT', 'tree state length does not match its size');
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < count; i++) hashes.push(value.slice(U64 + i * HASH, U64 + (i + 1) * HASH));
  return { size, hashes };
}

/** Set bits of a safe integer (bit operators are 32-bit in JS, so split it). */
export function popCount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) c += x % 2;
  return c;
}
