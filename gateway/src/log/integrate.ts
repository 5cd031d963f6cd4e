/**
 * Integration, in the shape of tessera's `Integrate(getTiles, fromSize, leafHashes)`: new leaf
 * hashes in; the new values of the tiles they touch and the new root out, as data for the caller
 * to store. It starts from the stored compact range (O(log n) hashes), so a restart never
 * re-hashes the log, and reads only the right-edge tiles it extends, through `readTile`
 * (in-memory in the sequencer). Pure apart from that reader.
 */
import { newCompactRange, type CompactRangeState, type LogHasher } from '@elc/core';
import type { StoredTile, TreeState } from './store.js';
import { extendTile, placeOfNode } from './tile-nodes.js';

/** The stored value of tile (level, index), or undefined when it does not exist yet. */
export type TileReader = (level: number, index: number) => Uint8Array | undefined;

export interface Integration {
  /** the compact range after the new leaves */
  readonly state: TreeState;
  /** the new value of every tile the leaves added nodes to */
  readonly tiles: StoredTile[];
  /** the RFC 6962 root at state.size */
  readonly root: Uint8Array;
}

interface TouchedTile {
  readonly level: number;
  readonly index: number;
  readonly nodes: { h: number; k: number; hash: Uint8Array }[];
}

export function integrate(hasher: LogHasher, from: CompactRangeState, leafHashes: readonly Uint8Array[], readTile: TileReader): Integration {
  const range = newCompactRange(hasher, from);
  const touched = new Map<string, TouchedTile>();
  // Every perfect node the new leaves complete, leaves included, goes into its tile's row.
  const sink = (level: number, index: number, hash: Uint8Array): void => {
    const p = placeOfNode(level, index);
    const key = `${p.tileLevel}/${p.tileIndex}`;
    let t = touched.get(key);
    if (t === undefined) touched.set(key, (t = { level: p.tileLevel, index: p.tileIndex, nodes: [] }));
    t.nodes.push({ h: p.h, k: p.k, hash });
  };
  for (const leafHash of leafHashes) range.append(leafHash, sink);
  const tiles = [...touched.values()].map((t) => ({ level: t.level, index: t.index, nodes: extendTile(readTile(t.level, t.index), t.nodes) }));
  return { state: { size: range.size, hashes: range.hashes }, tiles, root: range.root() };
}
