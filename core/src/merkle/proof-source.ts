// Many proofs against one tree size (a served checkpoint): the right-border nodes that proofs
// fold from perfect ones are the same for every proof at that size, so fold each only once.
import { bitLength, checkIndex, checkSize, isOdd, pow2, xor } from './bits.js';
import { proveFromReader, type NodeReader } from './assemble.js';
import { checkHash, isTreeHash, type LogHasher } from './log-hasher.js';
import { consistencyProofPlan, pushRange, type NodeId } from './proof-plan.js';

export interface ProofSource {
  readonly size: number;
  /** Inclusion proof of leaf `index` in the tree of `size` leaves. */
  inclusionProof(index: number): Uint8Array[];
  /** Consistency proof from `size1` to `size`. */
  consistencyProof(size1: number): Uint8Array[];
}

/**
 * Proofs for the tree of `size` leaves from stored perfect nodes. After at most ~log2(size)
 * folds (O(log^2 n) hashes in all) every proof is reads only. The store must not change the
 * nodes below `size` (an append-only log never does).
 */
export function newProofSource(hasher: LogHasher, size: number, read: NodeReader): ProofSource {
  checkSize(size, 'size');
  const cache = new Map<number, Uint8Array>();
  const node = (level: number, index: number): Uint8Array => {
    const h = read(level, index);
    return isTreeHash(h) ? h : checkHash(h, `node(${level},${index})`);
  };
  // The ephemeral node over [end, size), folded right to left from its perfect parts, once.
  const rightBorder = (end: number): Uint8Array => {
    let folded = cache.get(end);
    if (folded === undefined) {
      const ids: NodeId[] = [];
      pushRange(ids, end, size);
      const parts = ids.map(({ level, index }) => node(level, index));
      let acc: Uint8Array = parts[parts.length - 1] as Uint8Array; // end < size: never empty
      for (let i = parts.length - 2; i >= 0; i--) acc = hasher.nodeHash(parts[i] as Uint8Array, acc);
      cache.set(end, acc);
      folded = acc;
    }
    return folded.slice(); // callers own their proofs; the cached node must not change
  };
  return Object.freeze({
    size,
    // The same walk as inclusionProofPlan (tests hold the two equal), without building a plan:
    // this is the path that serves proofs at a checkpoint, so it avoids per-node allocations.
    inclusionProof(index: number): Uint8Array[] {
      checkIndex(index, size);
      const fork = bitLength(xor(index, size)) - 1;
      const proof: Uint8Array[] = [];
      let k = index;
      for (let level = 0; level < fork; level++) {
        proof.push(node(level, isOdd(k) ? k - 1 : k + 1));
        k = Math.floor(k / 2);
      }
      const end = (k + 1) * pow2(fork);
      if (end < size) proof.push(rightBorder(end));
      let rest = k / 2; // the fork node is a left child: k is even
      for (let level = fork + 1; rest > 0; level++, rest = Math.floor(rest / 2)) {
        if (isOdd(rest)) proof.push(node(level, rest - 1));
      }
      return proof;
    },
    consistencyProof: (size1: number) => proveFromReader(hasher, consistencyProofPlan(size1, size), read, cache),
  });
}
