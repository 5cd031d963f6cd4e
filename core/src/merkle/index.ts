// RFC 6962 / RFC 9162 §2.1 Merkle tree math: hashing, compact ranges, proof plans and proofs,
// verification. Pure and synchronous; storage comes in as a NodeReader or as data.
export type { MerkleErrorCode } from './errors.js';
export { MERKLE_HASH_SIZE, RFC6962_LEAF_PREFIX, RFC6962_NODE_PREFIX, createLogHasher, type LogHasher } from './log-hasher.js';
export {
  newCompactRange,
  rootOfLeafHashes,
  type CompactRange,
  type CompactRangeState,
  type NodeSink,
} from './compact-range.js';
export {
  consistencyProofPlan,
  inclusionProofPlan,
  planProofLength,
  type NodeId,
  type ProofPlan,
} from './proof-plan.js';
export { assembleProof, consistencyProof, inclusionProof, type NodeReader } from './assemble.js';
export { newProofSource, type ProofSource } from './proof-source.js';
export { rootFromInclusionProof, verifyInclusion } from './verify-inclusion.js';
export { verifyConsistency } from './verify-consistency.js';
