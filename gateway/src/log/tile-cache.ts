/**
 * A bounded LRU of FULL tile values (tile-nodes.ts; about 16 KB each for level-0 tiles). A full
 * tile never changes again (the log is append-only), so the cache needs no invalidation. It is
 * filled by integration (a tile is cached the moment it fills, so a log ingested by this process
 * is served from memory) and by reads. Partial tiles come from the sequencer's right edge instead.
 */
export const TILE_CACHE_SIZE = 4096; // ~64 MB: every level-0 tile of a 1,000,000-entry log

/** index * 64 + level is a safe integer for index < 2^47; tiles beyond that are not cached. */
const MAX_CACHED_INDEX = 2 ** 47;

export interface TileCache {
  get(level: number, index: number): Uint8Array | undefined;
  set(level: number, index: number, value: Uint8Array): void;
  readonly size: number;
}

export function createTileCache(capacity = TILE_CACHE_SIZE): TileCache {
  const map = new Map<number, Uint8Array>();
  const key = (level: number, index: number): number | undefined => (index < MAX_CACHED_INDEX ? index * 64 + level : undefined);
  return {
    get(level, index) {
      const k = key(level, index);
      if (k === undefined) return undefined;
      const v = map.get(k);
      if (v !== undefined) {
        // Refresh recency: a Map iterates in insertion order, so its first key is the oldest.
        map.delete(k);
        map.set(k, v);
      }
      return v;
    },
    set(level, index, value) {
      const k = key(level, index);
      if (k === undefined || capacity <= 0) return;
      map.delete(k);
      map.set(k, value);
      if (map.size > capacity) {
        const oldest = map.keys().next();
        if (oldest.done !== true) map.delete(oldest.value);
      }
    },
    get size() {
      return map.size;
    },
  };
}
