// A compact range [0, size): the roots of the perfect subtrees that the binary decomposition of
// `size` splits the tree into, left to right — O(log n) state from which the next nodes and the
// root follow. Node (level, index) covers leaves [index * 2^level, (index + 1) * 2^level).
import { checkSize, isOdd, popcount } from './bits.js';
import { merkleError } from './errors.js';
import { checkHash, type LogHasher } from './log-hasher.js';

/** Told of every perfect node as it completes, leaves (level 0) included. */
export type NodeSink = (level: number, index: number, hash: Uint8Array) => void;

export interface CompactRangeState {
  size: number;
  /** Perfect subtree roots, highest level (leftmost) first; one per set bit of `size`. */
  hashes: readonly Uint8Array[];
}

export interface CompactRange {
  readonly size: number;
  /** A copy of the perfect subtree roots, leftmost (highest level) first. */
  readonly hashes: readonly Uint8Array[];
  append(leafHash: Uint8Array, onNode?: NodeSink): void;
  /** The RFC 6962 root of the leaves appended so far. */
  root(): Uint8Array;
  clone(): CompactRange;
}

class Range implements CompactRange {
  private count: number;
  private readonly stack: Uint8Array[];

  constructor(
    private readonly hasher: LogHasher,
    size: number,
    stack: Uint8Array[],
  ) {
    this.count = size;
    this.stack = stack;
  }

  get size(): number {
    return this.count;
  }

  get hashes(): readonly Uint8Array[] {
    return this.stack.slice();
  }

  append(leafHash: Uint8Array, onNode?: NodeSink): void {
    checkHash(leafHash, 'leafHash');
    if (this.count >= Number.MAX_SAFE_INTEGER) {
      throw merkleError('MERKLE_BAD_SIZE', 'the tree cannot grow past 2^53 - 1 leaves', 'size');
    }
    // The new node at level L has index floor(size / 2^L); it merges with its left sibling
    // (the top of the stack) while that index is odd.
    let index = this.count;
    let level = 0;
    let hash = leafHash;
    onNode?.(0, index, hash);
    while (isOdd(index)) {
      const left = this.stack.pop() as Uint8Array; // present: one stack entry per set bit of size
      hash = this.hasher.nodeHash(left, hash);
      index = (index - 1) / 2;
      level++;
      onNode?.(level, index, hash);
    }
    this.stack.push(hash);
    this.count++;
  }

  root(): Uint8Array {
    const s = this.stack;
    let i = s.length - 1;
    if (i < 0) return this.hasher.emptyRoot();
    // Fold right to left: the smaller subtrees on the right border hang under the larger ones.
    let root = s[i] as Uint8Array;
    while (--i >= 0) root = this.hasher.nodeHash(s[i] as Uint8Array, root);
    return root;
  }

  clone(): CompactRange {
    return new Range(this.hasher, this.count, this.stack.slice());
  }
}

/** A compact range for [0, state.size) (empty when no state is given); the state is validated. */
export function newCompactRange(hasher: LogHasher, state?: CompactRangeState): CompactRange {
  if (state === undefined) return new Range(hasher, 0, []);
  const size = checkSize(state.size, 'size');
  if (!Array.isArray(state.hashes) || state.hashes.length !== popcount(size)) {
    throw merkleError('MERKLE_BAD_RANGE', `a range of size ${size} has ${popcount(size)} hashes`, 'hashes');
  }
  const stack = state.hashes.map((h, i) => checkHash(h, () => `hashes[${i}]`));
  return new Range(hasher, size, stack);
}

/** The RFC 6962 Merkle Tree Hash of a list of leaf hashes (the empty root for none). */
export function rootOfLeafHashes(hasher: LogHasher, leafHashes: readonly Uint8Array[]): Uint8Array {
  const range = newCompactRange(hasher);
  for (const h of leafHashes) range.append(h);
  return range.root();
}
