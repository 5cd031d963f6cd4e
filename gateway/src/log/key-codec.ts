/**
 * Fixed-width big-endian keys for the LevelDB store, so that LevelDB's byte order is numeric order
 * and a tile or an entry bundle is one contiguous range scan.
 */
import { logError } from './errors.js';

export const INDEX_KEY_BYTES = 8;
export const NODE_KEY_BYTES = 1 + INDEX_KEY_BYTES;

/** uint64 big-endian of a safe integer (indices and sizes are < 2^53). */
export function indexKey(n: number): Uint8Array {
  const out = new Uint8Array(INDEX_KEY_BYTES);
  writeIndex(out, 0, n);
  return out;
}

export function decodeIndexKey(key: Uint8Array): number {
  if (key.length !== INDEX_KEY_BYTES) throw logError('LOG_STORE_CORRUPT', `index key of ${key.length} bytes`);
  return readIndex(key, 0);
}

/** uint8 level || uint64 big-endian index: level-major, so a level's nodes are contiguous. */
export function nodeKey(level: number, index: number): Uint8Array {
  if (!Number.isInteger(level) || level < 0 || level > 63) throw logError('LOG_STORE_CORRUPT', `node level ${level}`);
  const out = new Uint8Array(NODE_KEY_BYTES);
  out[0] = level;
  writeIndex(out, 1, index);
  return out;
}

function writeIndex(out: Uint8Array, offset: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw logError('LOG_STORE_CORRUPT', `index ${n} is not a safe non-negative integer`);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(offset, Math.floor(n / 2 ** 32));
  view.setUint32(offset + 4, n % 2 ** 32);
}

function readIndex(bytes: Uint8Array, offset: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(offset) * 2 ** 32 + view.getUint32(offset + 4);
}

/** Tree state value: uint64 BE size || the compact-range hashes, concatenated (one per set bit of size). */
export function encodeState(size: number, hashes: readonly Uint8Array[]): Uint8Array {
  const hashLen = hashes[0]?.length ?? 0;
  const out = new Uint8Array(INDEX_KEY_BYTES + hashLen * hashes.length);
  writeIndex(out, 0, size);
  hashes.forEach((h, i) => {
    if (h.length !== hashLen) throw logError('LOG_STORE_CORRUPT', 'compact range hashes of different lengths');
    out.set(h, INDEX_KEY_BYTES + i * hashLen);
  });
  return out;
}

export function decodeState(value: Uint8Array): { size: number; hashes: Uint8Array[] } {
  if (value.length < INDEX_KEY_BYTES) throw logError('LOG_STORE_CORRUPT', 'tree state too short');
  const size = readIndex(value, 0);
  const count = popCount(size);
  const body = value.length - INDEX_KEY_BYTES;
  if (count === 0 ? body !== 0 : body % count !== 0) throw logError('LOG_STORE_CORRUPT', 'tree state length does not match its size');
  const hashLen = count === 0 ? 0 : body / count;
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    hashes.push(value.slice(INDEX_KEY_BYTES + i * hashLen, INDEX_KEY_BYTES + (i + 1) * hashLen));
  }
  return { size, hashes };
}

/** Set bits of a safe integer (bit operators are 32-bit in JS, so split it). */
export function popCount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) c += x % 2;
  return c;
}
