// The closed list of merkle failure codes (tests and HTTP mapping use the code, never the message).
import { ElcError } from '../errors.js';

export type MerkleErrorCode =
  /** an index is not below the tree size, or not a non-negative safe integer */
  | 'MERKLE_INDEX_OUT_OF_RANGE'
  /** a tree size is not a non-negative safe integer, or a proof between these sizes is undefined */
  | 'MERKLE_BAD_SIZE'
  /** size1 > size2 in a consistency check */
  | 'MERKLE_SIZE_ORDER'
  /** a proof is not an array or has the wrong number of entries for its sizes */
  | 'MERKLE_PROOF_SIZE'
  /** equal sizes need an empty consistency proof */
  | 'MERKLE_EMPTY_PROOF_EXPECTED'
  /** a hash is not a Uint8Array of 32 bytes */
  | 'MERKLE_HASH_LENGTH'
  /** the recomputed root differs from the one given */
  | 'MERKLE_ROOT_MISMATCH'
  /** a compact-range state whose hash count does not match its size */
  | 'MERKLE_BAD_RANGE'
  /** hashes handed to assembleProof do not match the plan */
  | 'MERKLE_PLAN_MISMATCH';

export function merkleError(code: MerkleErrorCode, message: string, field?: string): ElcError {
  return new ElcError(code, message, field === undefined ? undefined : { field });
}
