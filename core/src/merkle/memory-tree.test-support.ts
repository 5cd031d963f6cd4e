// A test tree: leaf inputs, their hashes, and every perfect node stored through onNode.
import type { HashProvider } from '../hash/provider.js';
import type { NodeReader } from './assemble.js';
import { newCompactRange, type CompactRange } from './compact-range.js';
import { createLogHasher, type LogHasher } from './log-hasher.js';

export interface MemoryTree {
  readonly hasher: LogHasher;
  readonly leaves: Uint8Array[];
  readonly range: CompactRange;
  /** Roots after each append: roots[n] is the root of the first n leaves. */
  readonly roots: Uint8Array[];
  readonly read: NodeReader;
  append(leaf: Uint8Array): void;
}

/** Deterministic leaf inputs of varying length (0..40 bytes). */
export function leafInput(i: number): Uint8Array {
  const out = new Uint8Array(i % 41);
  for (let j = 0; j < out.length; j++) out[j] = (i * 31 + j * 7) & 0xff;
  return out;
}

export function memoryTree(provider: HashProvider, size = 0, keepRoots = true): MemoryTree {
  const hasher = createLogHasher(provider);
  const levels: Uint8Array[][] = [];
  const leaves: Uint8Array[] = [];
  const range = newCompactRange(hasher);
  const roots: Uint8Array[] = [hasher.emptyRoot()];
  const store = (level: number, index: number, hash: Uint8Array): void => {
    const row = (levels[level] ??= []);
    if (row.length !== index) throw new Error(`node (${level}, ${index}) reported out of order`);
    row.push(hash);
  };
  const tree: MemoryTree = {
    hasher,
    leaves,
    range,
    roots,
    read(level, index) {
      const h = levels[level]?.[index];
      if (h === undefined) throw new Error(`node (${level}, ${index}) is not stored`);
      return h;
    },
    append(leaf) {
      leaves.push(leaf);
      range.append(hasher.leafHash(leaf), store);
      if (keepRoots) roots.push(range.root());
    },
  };
  for (let i = 0; i < size; i++) tree.append(leafInput(i));
  return tree;
}
