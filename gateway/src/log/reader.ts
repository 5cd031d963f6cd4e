/**
 * The read side: entries, proofs, tiles and entry bundles straight from the store (through the
 * node cache), never through the write coordinator. Callers check the bounds (log-service.ts);
 * this file turns core's proof plans into one batched node read each.
 */
import { assembleProof, consistencyProofPlan, inclusionProofPlan, type LogHasher } from '@elc/core';
import { logError } from './errors.js';
import type { NodeCache } from './node-cache.js';
import type { LogStore, NodeId } from './store.js';
import { encodeEntryBundle, TILE_HEIGHT, TILE_WIDTH } from './tiles.js';
import type { ConsistencyProofResult, InclusionProofResult, LogEntry } from './types.js';

export interface LogReader {
  entry(index: number): Promise<LogEntry>;
  rootAt(size: number): Promise<Uint8Array>;
  inclusionProof(index: number, size: number): Promise<InclusionProofResult>;
  consistencyProof(from: number, to: number): Promise<ConsistencyProofResult>;
  /** `width` already checked against the tree (tiles.ts tileWidth) */
  readTile(level: number, index: number, width: number): Promise<Uint8Array>;
  readEntryBundle(index: number, width: number): Promise<Uint8Array>;
}

/** The perfect subtrees that make up [0, size), left to right (the compact range's node ids). */
export function rangeNodeIds(size: number): NodeId[] {
  const ids: NodeId[] = [];
  let pos = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))) + 1; level >= 0; level--) {
    const span = 2 ** level;
    if (pos + span <= size) {
      ids.push({ level, index: pos / span });
      pos += span;
    }
  }
  return ids;
}

export function createLogReader(store: LogStore, hasher: LogHasher, cache: NodeCache): LogReader {
  /** Hashes of `ids`, from the cache where it has them and one store read for the rest. */
  async function nodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    const out: (Uint8Array | undefined)[] = ids.map((id) => cache.get(id.level, id.index));
    const missing: NodeId[] = [];
    const at: number[] = [];
    out.forEach((h, i) => {
      if (h === undefined) {
        missing.push(ids[i] as NodeId);
        at.push(i);
      }
    });
    if (missing.length > 0) {
      const fetched = await store.getNodes(missing);
      fetched.forEach((h, k) => {
        const id = missing[k] as NodeId;
        if (h === undefined) throw logError('LOG_STORE_CORRUPT', `node (${id.level}, ${id.index}) is missing`);
        cache.set(id.level, id.index, h);
        out[at[k] as number] = h;
      });
    }
    return out as Uint8Array[];
  }

  function fold(hashes: readonly Uint8Array[]): Uint8Array {
    let i = hashes.length - 1;
    if (i < 0) return hasher.emptyRoot();
    let root = hashes[i] as Uint8Array;
    while (--i >= 0) root = hasher.nodeHash(hashes[i] as Uint8Array, root);
    return root;
  }

  return {
    async entry(index) {
      const leaf = await store.getEntry(index);
      if (leaf === undefined) throw logError('LOG_STORE_CORRUPT', `entry ${index} is missing`);
      return { index, leaf, leafHash: hasher.leafHash(leaf) };
    },

    async rootAt(size) {
      return fold(await nodes(rangeNodeIds(size)));
    },

    async inclusionProof(index, size) {
      const plan = inclusionProofPlan(index, size);
      const rootIds = rangeNodeIds(size);
      const hashes = await nodes([...plan.ids, { level: 0, index }, ...rootIds]);
      const n = plan.ids.length;
      return {
        index,
        size,
        leafHash: hashes[n] as Uint8Array,
        proof: assembleProof(hasher, plan, hashes.slice(0, n)),
        rootHash: fold(hashes.slice(n + 1)),
      };
    },

    async consistencyProof(from, to) {
      const plan = consistencyProofPlan(from, to);
      const fromIds = rangeNodeIds(from);
      const hashes = await nodes([...plan.ids, ...fromIds, ...rangeNodeIds(to)]);
      const n = plan.ids.length;
      return {
        from,
        to,
        proof: assembleProof(hasher, plan, hashes.slice(0, n)),
        fromRoot: fold(hashes.slice(n, n + fromIds.length)),
        toRoot: fold(hashes.slice(n + fromIds.length)),
      };
    },

    async readTile(level, index, width) {
      const hashes = await store.getNodeRange(level * TILE_HEIGHT, index * TILE_WIDTH, width);
      if (hashes.length !== width) throw logError('LOG_STORE_CORRUPT', `tile ${level}/${index} has ${hashes.length} of ${width} hashes`);
      const out = new Uint8Array(width * 32);
      hashes.forEach((h, i) => out.set(h, i * 32));
      return out;
    },

    async readEntryBundle(index, width) {
      const entries = await store.getEntries(index * TILE_WIDTH, width);
      if (entries.length !== width) throw logError('LOG_STORE_CORRUPT', `entry bundle ${index} has ${entries.length} of ${width} entries`);
      return encodeEntryBundle(entries);
    },
  };
}
