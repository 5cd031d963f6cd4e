/**
 * The read side: entries, proofs, tiles and entry bundles from the store, the full-tile cache and
 * the sequencer's committed right-edge tiles — never through the write coordinator. Callers check
 * the bounds (log-service.ts); this file turns core's proof plans into tile lookups, with at most
 * one store read per call (and none once the tiles are cached).
 */
import { assembleProof, consistencyProofPlan, inclusionProofPlan, type LogHasher } from '@elc/core';
import { logError } from './errors.js';
import type { TileReader } from './integrate.js';
import type { LogStore, NodeId, TileId } from './store.js';
import type { TileCache } from './tile-cache.js';
import { nodeInTile, placeOfNode, tileValueWidth } from './tile-nodes.js';
import { encodeEntryBundle, TILE_WIDTH } from './tiles.js';
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

const ROOT_MEMO = 64;

export function createLogReader(store: LogStore, hasher: LogHasher, cache: TileCache, edgeTile: TileReader): LogReader {
  const roots = new Map<number, Uint8Array>();
  const tileKey = (t: TileId): string => `${t.level}/${t.index}`;
  const known = (t: TileId): Uint8Array | undefined => edgeTile(t.level, t.index) ?? cache.get(t.level, t.index);

  /** Tile values for `ids`: from memory where possible, one store read for the rest. */
  async function tiles(ids: readonly TileId[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    const missing: TileId[] = [];
    for (const t of ids) {
      const key = tileKey(t);
      if (out.has(key)) continue;
      const v = known(t);
      if (v === undefined) missing.push(t);
      else out.set(key, v);
    }
    if (missing.length > 0) {
      const fetched = await store.getTiles(missing);
      fetched.forEach((v, i) => {
        const t = missing[i] as TileId;
        if (v === undefined) throw logError('LOG_STORE_CORRUPT', `tile ${t.level}/${t.index} is missing`);
        if (tileValueWidth(v) === TILE_WIDTH) cache.set(t.level, t.index, v);
        out.set(tileKey(t), v);
      });
    }
    return out;
  }

  async function nodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    const places = ids.map((id) => placeOfNode(id.level, id.index));
    const values = await tiles(places.map((p) => ({ level: p.tileLevel, index: p.tileIndex })));
    return places.map((p, i) => {
      const value = values.get(`${p.tileLevel}/${p.tileIndex}`);
      const node = value === undefined ? undefined : nodeInTile(value, p.h, p.k);
      if (node === undefined) throw logError('LOG_STORE_CORRUPT', `node (${ids[i]?.level}, ${ids[i]?.index}) is missing`);
      return node;
    });
  }

  function fold(hashes: readonly Uint8Array[]): Uint8Array {
    let i = hashes.length - 1;
    if (i < 0) return hasher.emptyRoot();
    let root = hashes[i] as Uint8Array;
    while (--i >= 0) root = hasher.nodeHash(hashes[i] as Uint8Array, root);
    return root;
  }

  async function rootAt(size: number): Promise<Uint8Array> {
    const memo = roots.get(size);
    if (memo !== undefined) return memo;
    const root = fold(await nodes(rangeNodeIds(size)));
    if (roots.size >= ROOT_MEMO) roots.delete(roots.keys().next().value as number);
    roots.set(size, root);
    return root;
  }

  return {
    async entry(index) {
      const leaf = await store.getEntry(index);
      if (leaf === undefined) throw logError('LOG_STORE_CORRUPT', `entry ${index} is missing`);
      return { index, leaf, leafHash: hasher.leafHash(leaf) };
    },
    rootAt,
    async inclusionProof(index, size) {
      const plan = inclusionProofPlan(index, size);
      const hashes = await nodes([...plan.ids, { level: 0, index }]);
      const n = plan.ids.length;
      return { index, size, leafHash: hashes[n] as Uint8Array, proof: assembleProof(hasher, plan, hashes.slice(0, n)), rootHash: await rootAt(size) };
    },
    async consistencyProof(from, to) {
      const plan = consistencyProofPlan(from, to);
      const proof = assembleProof(hasher, plan, await nodes(plan.ids));
      return { from, to, proof, fromRoot: await rootAt(from), toRoot: await rootAt(to) };
    },
    async readTile(level, index, width) {
      const value = (await tiles([{ level, index }])).get(`${level}/${index}`);
      if (value === undefined || tileValueWidth(value) < width) throw logError('LOG_STORE_CORRUPT', `tile ${level}/${index} is narrower than ${width}`);
      return value.slice(0, width * 32); // row 0 is the C2SP tile
    },
    async readEntryBundle(index, width) {
      const entries = await store.getEntries(index * TILE_WIDTH, width);
      if (entries.length !== width) throw logError('LOG_STORE_CORRUPT', `entry bundle ${index} has ${entries.length} of ${width} entries`);
      return encodeEntryBundle(entries);
    },
  };
}
