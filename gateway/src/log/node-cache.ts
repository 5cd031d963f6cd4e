/**
 * A bounded LRU of tree node hashes. Nodes never change once written (the log is append-only),
 * so the cache needs no invalidation: it is filled by integration (recent nodes are the hot ones:
 * clients ask for proofs of what they just appended) and by reads.
 */

/** Default capacity in hashes (~10-20 MB with Map overhead). */
export const NODE_CACHE_SIZE = 131_072;

/** index * 64 + level is a safe integer for index < 2^47; beyond that nodes are not cached. */
const MAX_CACHED_INDEX = 2 ** 47;

export interface NodeCache {
  get(level: number, index: number): Uint8Array | undefined;
  set(level: number, index: number, hash: Uint8Array): void;
  readonly size: number;
}

export function createNodeCache(capacity = NODE_CACHE_SIZE): NodeCache {
  const map = new Map<number, Uint8Array>();
  const key = (level: number, index: number): number | undefined =>
    index < MAX_CACHED_INDEX ? index * 64 + level : undefined;
  return {
    get(level, index) {
      const k = key(level, index);
      if (k === undefined) return undefined;
      const v = map.get(k);
      if (v !== undefined) {
        // Refresh recency: Map iterates in insertion order, so the first key is the oldest.
        map.delete(k);
        map.set(k, v);
      }
      return v;
    },
    set(level, index, hash) {
      const k = key(level, index);
      if (k === undefined || capacity <= 0) return;
      map.delete(k);
      map.set(k, hash);
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
