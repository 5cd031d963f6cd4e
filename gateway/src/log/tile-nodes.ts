/**
 * How the store keeps tree nodes: one value per C2SP tile (tile level L, index N), holding every
 * node of the tile's height-8 subtree, row by row:
 *
 *   row 0: the tile's hashes (tree level 8L)   -- exactly the C2SP tile bytes, so serving a tile
 *   row 1: tree level 8L+1                         (full or `.p/W`) is a prefix of the value
 *   ...
 *   row 7: tree level 8L+7
 *
 * Row h of a tile of width w holds floor(w / 2^h) hashes (only complete nodes); the width is
 * implied by the value's length. One value per tile instead of one key per node halves the
 * writes of a group commit, and a proof touches about one tile per 8 levels.
 */
import { TILE_HEIGHT, TILE_WIDTH } from '@elc/core/tiles';
import { logError } from './errors.js';

const HASH = 32;

/** Hashes in a tile value of width w: sum over h of floor(w / 2^h). */
export function tileNodeCount(width: number): number {
  let n = 0;
  for (let h = 0; h < TILE_HEIGHT; h++) n += Math.floor(width / 2 ** h);
  return n;
}

const WIDTH_OF_COUNT = new Map<number, number>(Array.from({ length: TILE_WIDTH }, (_, i) => [tileNodeCount(i + 1), i + 1]));
/** ROW_OFFSETS[w][h]: where row h starts in a tile value of width w, in hashes (reads are hot). */
const ROW_OFFSETS: readonly (readonly number[])[] = Array.from({ length: TILE_WIDTH + 1 }, (_, w) =>
  Array.from({ length: TILE_HEIGHT }, (_, h) => {
    let n = 0;
    for (let j = 0; j < h; j++) n += Math.floor(w / 2 ** j);
    return n;
  }),
);
const FULL_TILE_BYTES = tileNodeCount(TILE_WIDTH) * HASH;

/** The width of a tile value, from its length; throws LOG_STORE_CORRUPT for an impossible length. */
export function tileValueWidth(value: Uint8Array): number {
  const w = value.length % HASH === 0 ? WIDTH_OF_COUNT.get(value.length / HASH) : undefined;
  if (w === undefined) throw logError('LOG_STORE_CORRUPT', `a tile value of ${value.length} bytes`);
  return w;
}

function rowOffset(width: number, h: number): number {
  return ROW_OFFSETS[width]?.[h] ?? 0;
}

/** Where tree node (level, index) lives: tile (tileLevel, tileIndex), row h, position k. */
export interface NodePlace {
  readonly tileLevel: number;
  readonly tileIndex: number;
  readonly h: number;
  readonly k: number;
}

export function placeOfNode(level: number, index: number): NodePlace {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const h = level - tileLevel * TILE_HEIGHT;
  const perTile = TILE_WIDTH / 2 ** h;
  const tileIndex = Math.floor(index / perTile);
  return { tileLevel, tileIndex, h, k: index - tileIndex * perTile };
}

/** The node at row h, position k of a tile value, or undefined when the tile is not that wide yet. */
export function nodeInTile(value: Uint8Array, h: number, k: number): Uint8Array | undefined {
  const w = value.length === FULL_TILE_BYTES ? TILE_WIDTH : tileValueWidth(value);
  if (k >= Math.floor(w / 2 ** h)) return undefined;
  const at = (rowOffset(w, h) + k) * HASH;
  return value.subarray(at, at + HASH);
}

/**
 * A tile value extended by new nodes (row h, position k), e.g. from integration. Nodes must
 * continue each row without gaps; the result is the value of the wider tile.
 */
export function extendTile(prev: Uint8Array | undefined, nodes: readonly { h: number; k: number; hash: Uint8Array }[]): Uint8Array {
  const prevWidth = prev === undefined ? 0 : tileValueWidth(prev);
  let width = prevWidth;
  for (const n of nodes) if (n.h === 0) width = Math.max(width, n.k + 1);
  if (width > TILE_WIDTH) throw logError('LOG_STORE_CORRUPT', 'a tile wider than 256');
  const out = new Uint8Array(tileNodeCount(width) * HASH);
  const filled = new Uint8Array(tileNodeCount(width));
  if (prev !== undefined) {
    for (let h = 0; h < TILE_HEIGHT; h++) {
      const count = Math.floor(prevWidth / 2 ** h);
      const from = rowOffset(prevWidth, h);
      const to = rowOffset(width, h);
      out.set(prev.subarray(from * HASH, (from + count) * HASH), to * HASH);
      filled.fill(1, to, to + count);
    }
  }
  for (const n of nodes) {
    if (n.h < 0 || n.h >= TILE_HEIGHT || n.k >= Math.floor(width / 2 ** n.h) || n.hash.length !== HASH) {
      throw logError('LOG_STORE_CORRUPT', `node (row ${n.h}, ${n.k}) does not fit a tile of width ${width}`);
    }
    const at = rowOffset(width, n.h) + n.k;
    out.set(n.hash, at * HASH);
    filled[at] = 1;
  }
  if (filled.includes(0)) throw logError('LOG_STORE_CORRUPT', `tile nodes leave a gap (width ${prevWidth} -> ${width})`);
  return out;
}
