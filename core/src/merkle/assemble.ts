// Turns a plan plus the hashes of its nodes into the proof, folding the ephemeral span.
import { isArrayValue } from './bits.js';
import { merkleError } from './errors.js';
import { checkHash, type LogHasher } from './log-hasher.js';
import { consistencyProofPlan, inclusionProofPlan, type ProofPlan } from './proof-plan.js';

/** Reads a stored perfect node; throws (any error) when the store does not have it. */
export type NodeReader = (level: number, index: number) => Uint8Array;

/** The proof for `plan`, where hashes[i] is the hash of node plan.ids[i]. */
export function assembleProof(hasher: LogHasher, plan: ProofPlan, hashes: readonly Uint8Array[]): Uint8Array[] {
  const { ids, ephemeralStart: start, ephemeralEnd: end } = plan;
  if (!isArrayValue(hashes) || hashes.length !== ids.length) {
    throw merkleError('MERKLE_PLAN_MISMATCH', `the plan needs ${ids.length} hashes`, 'hashes');
  }
  if (!(0 <= start && start <= end && end <= ids.length)) {
    throw merkleError('MERKLE_PLAN_MISMATCH', 'the ephemeral span is outside the plan', 'plan');
  }
  for (let i = 0; i < hashes.length; i++) checkHash(hashes[i], `hashes[${i}]`);
  const proof: Uint8Array[] = hashes.slice(0, start);
  if (end > start) {
    let folded = hashes[end - 1] as Uint8Array;
    for (let i = end - 2; i >= start; i--) folded = hasher.nodeHash(hashes[i] as Uint8Array, folded);
    proof.push(folded);
  }
  for (let i = end; i < hashes.length; i++) proof.push(hashes[i] as Uint8Array);
  return proof;
}

function readAll(plan: ProofPlan, read: NodeReader): Uint8Array[] {
  return plan.ids.map(({ level, index }) => read(level, index));
}

/** Inclusion proof of leaf `index` in the tree of `size` leaves, from stored perfect nodes. */
export function inclusionProof(hasher: LogHasher, index: number, size: number, read: NodeReader): Uint8Array[] {
  const plan = inclusionProofPlan(index, size);
  return assembleProof(hasher, plan, readAll(plan, read));
}

/** Consistency proof from size1 to size2, from stored perfect nodes (see consistencyProofPlan). */
export function consistencyProof(hasher: LogHasher, size1: number, size2: number, read: NodeReader): Uint8Array[] {
  const plan = consistencyProofPlan(size1, size2);
  return assembleProof(hasher, plan, readAll(plan, read));
}
