/**
 * The read side: entries, proofs, tiles and entry bundles from the store, the full-tile cache and
 * the sequencer's committed right-edge tiles — never through the write coordinator. Callers check
 * the bounds (log-service.ts); this file turns core's proof plans into tile lookups, with at most
 * one store read per call (and none once the tiles are cached).
 */
import { assembleProof, consistencyProofPlan, inclusionProofPlan, type LogHasher, type ProofPlan } from '@elc/core';
import { encodeEntryBundle, TILE_WIDTH } from '@elc/core/tiles';
import { logError } from './errors.js';
import type { TileReader } from './integrate.js';
import type { LogStore, NodeId } from './store.js';
import type { TileCache } from './tile-cache.js';
import { nodeInTile, placeOfNode, tileValueWidth, type NodePlace } from './tile-nodes.js';
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

/** Memoised roots and right-border folds (per tree size; proofs cluster on the latest checkpoint). */
const MEMO_SIZE = 256;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MEMO_SIZE) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

export function createLogReader(store: LogStore, hasher: LogHasher, cache: TileCache, edgeTile: TileReader): LogReader {
  const roots = new Map<number, Uint8Array>();
  const folds = new Map<string, Uint8Array>();
  const known = (level: number, index: number): Uint8Array | undefined => edgeTile(level, index) ?? cache.get(level, index);

  /**
   * Hashes of `ids`: from tiles in memory where possible, one store read for the other tiles. A
   * proof's ~20 nodes sit in a handful of tiles (one per tile level for an inclusion proof), so
   * each distinct tile is looked up once per call (the LRU refresh is the costly part).
   */
  async function nodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    const places = ids.map((id) => placeOfNode(id.level, id.index));
    const tiles: { level: number; index: number; value: Uint8Array | undefined }[] = [];
    const tileOf = (p: NodePlace): { level: number; index: number; value: Uint8Array | undefined } => {
      for (const t of tiles) if (t.level === p.tileLevel && t.index === p.tileIndex) return t;
      const t = { level: p.tileLevel, index: p.tileIndex, value: known(p.tileLevel, p.tileIndex) };
      tiles.push(t);
      return t;
    };
    const slots = places.map(tileOf);
    const missing = tiles.filter((t) => t.value === undefined);
    if (missing.length > 0) {
      (await store.getTiles(missing.map((t) => ({ level: t.level, index: t.index })))).forEach((v, i) => {
        const t = missing[i] as (typeof tiles)[number];
        if (v === undefined) throw logError('LOG_STORE_CORRUPT', `tile ${t.level}/${t.index} is missing`);
        if (tileValueWidth(v) === TILE_WIDTH) cache.set(t.level, t.index, v);
        t.value = v;
      });
    }
    return places.map((p, i) => {
      const value = slots[i]?.value;
      const node = value === undefined ? undefined : nodeInTile(value, p.h, p.k);
      if (node === undefined) throw logError('LOG_STORE_CORRUPT', `node (${ids[i]?.level}, ${ids[i]?.index}) is missing`);
      return node;
    });
  }

  /**
   * The proof for a plan. The ephemeral right-border node depends only on the tree size and where
   * the span starts, so its fold (up to log2(size) hashes) is memoised and core's assembleProof
   * is handed the folded value as a one-node span.
   */
  async function proofOf(plan: ProofPlan, size: number, extra: readonly NodeId[]): Promise<{ proof: Uint8Array[]; extra: Uint8Array[] }> {
    const { ids, ephemeralStart: start, ephemeralEnd: end } = plan;
    const first = ids[start];
    const memoKey = end > start + 1 && first !== undefined ? `${size}:${first.level}:${first.index}` : undefined;
    const memo = memoKey === undefined ? undefined : folds.get(memoKey);
    const wanted = memo === undefined ? ids : [...ids.slice(0, start), ...ids.slice(end)];
    const hashes = await nodes([...wanted, ...extra]);
    const planHashes = hashes.slice(0, wanted.length);
    const extraHashes = hashes.slice(wanted.length);
    if (memo === undefined) {
      const proof = assembleProof(hasher, plan, planHashes);
      if (memoKey !== undefined) remember(folds, memoKey, proof[start] as Uint8Array);
      return { proof, extra: extraHashes };
    }
    const folded: ProofPlan = { ids: [...ids.slice(0, start), ids[start] as NodeId, ...ids.slice(end)], ephemeralStart: start, ephemeralEnd: start + 1 };
    const withFold = [...planHashes.slice(0, start), memo, ...planHashes.slice(start)];
    return { proof: assembleProof(hasher, folded, withFold), extra: extraHashes };
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
    remember(roots, size, root);
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
      const { proof, extra } = await proofOf(inclusionProofPlan(index, size), size, [{ level: 0, index }]);
      return { index, size, leafHash: extra[0] as Uint8Array, proof, rootHash: await rootAt(size) };
    },
    async consistencyProof(from, to) {
      const { proof } = await proofOf(consistencyProofPlan(from, to), to, []);
      return { from, to, proof, fromRoot: await rootAt(from), toRoot: await rootAt(to) };
    },
    async readTile(level, index, width) {
      let value = known(level, index);
      if (value === undefined) {
        [value] = await store.getTiles([{ level, index }]);
        if (value !== undefined && tileValueWidth(value) === TILE_WIDTH) cache.set(level, index, value);
      }
      if (value === undefined || tileValueWidth(value) < width) throw logError('LOG_STORE_CORRUPT', `tile ${level}/${index} is narrower than ${width}`);
      return value.slice(0, width * 32); // row 0 is the C2SP tile
    },
    async readEntryBundle(index, width) {
      const entries = await store.getEntries(index * TILE_WIDTH, width);
      if (entries.length !== width) throw logError('LOG_STORE_CORRUPT', `entry bundle ${index} has ${entries.length} of ${width} entries`);
      try {
        return encodeEntryBundle(entries);
      } catch (cause) {
        // validate.ts admits no entry over MAX_ENTRY_BYTES: a longer stored one is damage.
        throw logError('LOG_STORE_CORRUPT', `entry bundle ${index} holds an entry too long for it`, { cause });
      }
    },
  };
}
