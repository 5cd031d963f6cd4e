// The root of a tree of `size` leaves recomputed from its C2SP tlog-tiles (https://c2sp.org/tlog-tiles):
// an auditor needs no proof from the log, only the static tiles. The tree is split into the
// perfect subtrees of size's binary decomposition (its compact range); the root of each is
// hashed from the hashes of one tile, and core's compact range folds them into the root.
import { MERKLE_HASH_SIZE, newCompactRange, rootOfLeafHashes } from '@elc/core';
import type { LogHasher } from '@elc/core';
import { TILE_HEIGHT, TILE_WIDTH, formatTilePath } from '@elc/core/tiles';

/** The tile path (without the leading /) of tile L/N at width w (partial below 256). */
export function tilePath(level: number, index: number, width: number): string {
  return `tile/${formatTilePath({ kind: 'hashes', level, index, width: width < TILE_WIDTH ? width : undefined })}`;
}

/** A tile that cannot be had (absent, or the wrong length): the log cannot show part of itself. */
export class TileGapError extends Error {
  override readonly name = 'TileGapError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Fetches a tile's bytes; `undefined` when the server says it does not exist (404). */
export type TileFetcher = (path: string) => Promise<Uint8Array | undefined>;

/** The perfect subtrees [(level, index)] of [0, size), leftmost (highest) first. */
function compactRangeNodes(size: number): { level: number; index: number }[] {
  const nodes: { level: number; index: number }[] = [];
  let start = 0;
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level;
    if (size - start >= width) {
      nodes.push({ level, index: start / width });
      start += width;
    }
  }
  return nodes;
}

/**
 * RFC 6962 root of the first `size` leaves, from the tiles. Each node (level k, index i) of the
 * compact range lives in tile level L = ⌊k/8⌋: its 2^(k−8L) descendants at tree level 8L are
 * consecutive hashes of one tile, whose width is what the tree of `size` leaves fills of it.
 */
export async function rootFromTiles(hasher: LogHasher, size: number, fetchTile: TileFetcher): Promise<{ root: Uint8Array; tiles: number }> {
  if (size === 0) return { root: hasher.emptyRoot(), tiles: 0 };
  const cache = new Map<string, Uint8Array>();
  const hashes: Uint8Array[] = [];
  for (const { level, index } of compactRangeNodes(size)) {
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const below = 2 ** (level - tileLevel * TILE_HEIGHT); // descendants at tree level 8L
    const first = index * below;
    const tileIndex = Math.floor(first / TILE_WIDTH);
    const offset = first - tileIndex * TILE_WIDTH;
    const atLevel = Math.floor(size / 2 ** (tileLevel * TILE_HEIGHT)); // hashes of tree level 8L
    const width = Math.min(TILE_WIDTH, atLevel - tileIndex * TILE_WIDTH);
    const path = tilePath(tileLevel, tileIndex, width);
    let tile = cache.get(path);
    if (tile === undefined) {
      tile = await fetchTile(path);
      if (tile === undefined) throw new TileGapError(path, `tile ${path} is missing though the checkpoint covers it`);
      if (tile.length !== width * MERKLE_HASH_SIZE) throw new TileGapError(path, `tile ${path} has ${tile.length} bytes, not ${width * MERKLE_HASH_SIZE}`);
      cache.set(path, tile);
    }
    const leafLevel: Uint8Array[] = [];
    for (let j = 0; j < below; j++) leafLevel.push(tile.subarray((offset + j) * MERKLE_HASH_SIZE, (offset + j + 1) * MERKLE_HASH_SIZE));
    // A perfect subtree's root over its level-8L hashes hashes exactly like one over leaf hashes.
    hashes.push(rootOfLeafHashes(hasher, leafLevel));
  }
  return { root: newCompactRange(hasher, { size, hashes }).root(), tiles: cache.size };
}
