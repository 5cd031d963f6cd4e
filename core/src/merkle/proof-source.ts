// Many proofs against one tree size (a served checkpoint): the right-border nodes that proofs
// fold from perfect ones are the same for every proof at that size, so fold each only once.
import { checkSize } from './bits.js';
import { proveFromReader, type NodeReader } from './assemble.js';
import type { LogHasher } from './log-hasher.js';
import { consistencyProofPlan, inclusionProofPlan } from './proof-plan.js';

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
  return Object.freeze({
    size,
    inclusionProof: (index: number) => proveFromReader(hasher, inclusionProofPlan(index, size), read, cache),
    consistencyProof: (size1: number) => proveFromReader(hasher, consistencyProofPlan(size1, size), read, cache),
  });
}
