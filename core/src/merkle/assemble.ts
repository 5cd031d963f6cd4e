// Turns a plan plus the hashes of its nodes into the proof, folding the ephemeral span.
import { isArrayValue, pow2 } from './bits.js';
import { merkleError } from './errors.js';
import { checkHash, isTreeHash, type LogHasher } from './log-hasher.js';
import { consistencyProofPlan, inclusionProofPlan, type NodeId, type ProofPlan } from './proof-plan.js';

/** Reads a stored perfect node; throws (any error) when the store does not have it. */
export type NodeReader = (level: number, index: number) => Uint8Array;

/** Folds hashes[start, end) right to left into the ephemeral node they cover. */
function fold(hasher: LogHasher, hashes: readonly Uint8Array[], start: number, end: number): Uint8Array {
  let folded = hashes[end - 1] as Uint8Array;
  for (let i = end - 2; i >= start; i--) folded = hasher.nodeHash(hashes[i] as Uint8Array, folded);
  return folded;
}

/** The proof for `plan`, where hashes[i] is the hash of node plan.ids[i]. */
export function assembleProof(hasher: LogHasher, plan: ProofPlan, hashes: readonly Uint8Array[]): Uint8Array[] {
  const { ids, ephemeralStart: start, ephemeralEnd: end } = plan;
  if (!isArrayValue(hashes) || hashes.length !== ids.length) {
    throw merkleError('MERKLE_PLAN_MISMATCH', `the plan needs ${ids.length} hashes`, 'hashes');
  }
  if (!(0 <= start && start <= end && end <= ids.length)) {
    throw merkleError('MERKLE_PLAN_MISMATCH', 'the ephemeral span is outside the plan', 'plan');
  }
  for (let i = 0; i < hashes.length; i++) checkHash(hashes[i], () => `hashes[${i}]`);
  const proof: Uint8Array[] = hashes.slice(0, start);
  if (end > start) proof.push(fold(hasher, hashes, start, end));
  for (let i = end; i < hashes.length; i++) proof.push(hashes[i] as Uint8Array);
  return proof;
}

function readNode(read: NodeReader, { level, index }: NodeId): Uint8Array {
  const h = read(level, index);
  return isTreeHash(h) ? h : checkHash(h, `node(${level},${index})`);
}

/**
 * Reads the plan's nodes and assembles the proof. With a cache (for one fixed tree size), each
 * ephemeral node — keyed by the first leaf it covers — is read and folded only once.
 */
export function proveFromReader(
  hasher: LogHasher,
  plan: ProofPlan,
  read: NodeReader,
  cache?: Map<number, Uint8Array>,
): Uint8Array[] {
  const { ids, ephemeralStart: start, ephemeralEnd: end } = plan;
  const proof: Uint8Array[] = [];
  for (let i = 0; i < start; i++) proof.push(readNode(read, ids[i] as NodeId));
  if (end > start) {
    const first = ids[start] as NodeId;
    const key = first.index * pow2(first.level);
    let folded = cache?.get(key);
    if (folded === undefined) {
      const parts: Uint8Array[] = [];
      for (let i = start; i < end; i++) parts.push(readNode(read, ids[i] as NodeId));
      folded = fold(hasher, parts, 0, parts.length);
      cache?.set(key, folded);
    }
    // A copy: callers own their proofs, and the cached node must not change under them.
    proof.push(cache === undefined ? folded : folded.slice());
  }
  for (let i = end; i < ids.length; i++) proof.push(readNode(read, ids[i] as NodeId));
  return proof;
}

/** Inclusion proof of leaf `index` in the tree of `size` leaves, from stored perfect nodes. */
export function inclusionProof(hasher: LogHasher, index: number, size: number, read: NodeReader): Uint8Array[] {
  return proveFromReader(hasher, inclusionProofPlan(index, size), read);
}

/** Consistency proof from size1 to size2, from stored perfect nodes (see consistencyProofPlan). */
export function consistencyProof(hasher: LogHasher, size1: number, size2: number, read: NodeReader): Uint8Array[] {
  return proveFromReader(hasher, consistencyProofPlan(size1, size2), read);
}
