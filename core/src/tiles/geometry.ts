// C2SP tlog-tiles geometry (https://c2sp.org/tlog-tiles): tile (L, N) holds the 256 hashes at
// tree level 8L with indices N*256 .. N*256+255; a partial tile `.p/<W>` is its first W hashes.
// Entry bundle N holds entries N*256 .. N*256+255. One definition for the log that writes tiles
// and the auditors that read them.

/** "Full tiles MUST be exactly 256 hashes wide" (entry bundles: 256 entries). */
export const TILE_WIDTH = 256;
/** Tree levels per tile level: a tile is a subtree of height 8. */
export const TILE_HEIGHT = 8;
/** Tile levels are "between 0 and 63". */
export const TILE_MAX_LEVEL = 63;

/** How many hashes tile level `level` has in a tree of `size` leaves: floor(size / 256^level). */
export function hashesAtTileLevel(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}
