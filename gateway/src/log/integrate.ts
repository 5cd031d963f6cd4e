/**
 * Integration: new leaf hashes in, new tree nodes and root out — tessera's
 * `Integrate(getTiles, fromSize, leafHashes)`, except that it starts from the stored compact range
 * (O(log n) hashes) instead of reading the right edge of the tiles, so it needs no storage at all
 * and a restart never re-hashes the log. Pure: the caller stores what it returns.
 */
import { newCompactRange, type CompactRangeState, type LogHasher } from '@elc/core';
import type { StoredNode, TreeState } from './store.js';

export interface Integration {
  /** the compact range after the new leaves */
  readonly state: TreeState;
  /** every perfect node the new leaves completed, level 0 (the leaf hashes) included, in completion order */
  readonly nodes: StoredNode[];
  /** the RFC 6962 root at state.size */
  readonly root: Uint8Array;
}

export function integrate(hasher: LogHasher, from: CompactRangeState, leafHashes: readonly Uint8Array[]): Integration {
  const range = newCompactRange(hasher, from);
  const nodes: StoredNode[] = [];
  const sink = (level: number, index: number, hash: Uint8Array): void => {
    nodes.push({ level, index, hash });
  };
  for (const leafHash of leafHashes) range.append(leafHash, sink);
  return { state: { size: range.size, hashes: range.hashes }, nodes, root: range.root() };
}
