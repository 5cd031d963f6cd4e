/**
 * C2SP tlog-tiles geometry (https://c2sp.org/tlog-tiles): tile (L, N) holds the 256 hashes at
 * tree level 8L with indices N*256 .. N*256+255; a partial tile `.p/<W>` is its first W hashes.
 * Entry bundle N holds entries N*256 .. N*256+255, each as big-endian uint16 length + bytes.
 */
import { logError } from './errors.js';

/** "Full tiles MUST be exactly 256 hashes wide" */
export const TILE_WIDTH = 256;
/** Tree levels per tile level: a tile is a subtree of height 8. */
export const TILE_HEIGHT = 8;
/** tile levels are "between 0 and 63" */
export const MAX_TILE_LEVEL = 63;
/** entries are uint16 length-prefixed */
export const MAX_ENTRY_BYTES = 0xffff;

/** How many hashes tile level `level` has in a tree of `size` leaves: floor(size / 256^level). */
export function hashesAtTileLevel(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/**
 * Checks a tile address against a tree of `size` leaves and returns its width: 256 for a full
 * tile, W for `.p/W`. Throws LOG_TILE_NOT_FOUND for a malformed address or a tile not (yet) there.
 */
export function tileWidth(level: number, index: number, width: number | undefined, size: number): number {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) throw notFound(`tile level ${level}`);
  if (!Number.isSafeInteger(index) || index < 0) throw notFound(`tile index ${index}`);
  if (width !== undefined && (!Number.isInteger(width) || width < 1 || width >= TILE_WIDTH)) {
    throw notFound(`partial tile width ${width}`);
  }
  const w = width ?? TILE_WIDTH;
  const available = hashesAtTileLevel(level, size) - index * TILE_WIDTH;
  if (available < w) throw notFound(`tile ${level}/${index}${width === undefined ? '' : `.p/${width}`} is beyond size ${size}`);
  return w;
}

/** The C2SP entry bundle encoding of `entries`. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const e of entries) total += 2 + e.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_BYTES) throw logError('LOG_STORE_CORRUPT', `stored entry of ${e.length} bytes`);
    out[at] = e.length >>> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/** Splits an entry bundle back into entries (for tests and clients); throws on a malformed bundle. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw logError('LOG_STORE_CORRUPT', 'truncated entry length');
    const len = ((bundle[at] ?? 0) << 8) | (bundle[at + 1] ?? 0);
    if (at + 2 + len > bundle.length) throw logError('LOG_STORE_CORRUPT', 'truncated entry');
    out.push(bundle.slice(at + 2, at + 2 + len));
    at += 2 + len;
  }
  return out;
}

function notFound(message: string): Error {
  return logError('LOG_TILE_NOT_FOUND', message);
}
