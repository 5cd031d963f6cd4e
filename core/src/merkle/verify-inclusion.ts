// Inclusion proof verification, RFC 9162 §2.1.3.2, with every input checked first.
import { equalBytes } from '../encoding/index.js';
import { checkIndex, checkSize, isOdd } from './bits.js';
import { merkleError } from './errors.js';
import { checkHash, isTreeHash, type LogHasher } from './log-hasher.js';
import { inclusionProofLength } from './proof-plan.js';

/** Throws MERKLE_PROOF_SIZE / MERKLE_HASH_LENGTH unless `proof` is `length` 32-byte hashes. */
export function checkProof(proof: unknown, length: number): readonly Uint8Array[] {
  if (!Array.isArray(proof) || proof.length !== length) {
    throw merkleError('MERKLE_PROOF_SIZE', `the proof must have ${length} hashes`, 'proof');
  }
  for (let i = 0; i < proof.length; i++) if (!isTreeHash(proof[i])) checkHash(proof[i], `proof[${i}]`);
  return proof as readonly Uint8Array[];
}

/** The root that `proof` implies for `leafHash` at `index` in a tree of `size` leaves. */
export function rootFromInclusionProof(
  hasher: LogHasher,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  checkSize(size, 'size');
  checkIndex(index, size);
  checkHash(leafHash, 'leafHash');
  checkProof(proof, inclusionProofLength(index, size));
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) throw merkleError('MERKLE_PROOF_SIZE', 'the proof is too long', 'proof');
    if (isOdd(fn) || fn === sn) {
      r = hasher.nodeHash(p, r);
      // Skip the levels where this node has no right sibling (the tree's right border).
      while (!isOdd(fn) && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hasher.nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw merkleError('MERKLE_PROOF_SIZE', 'the proof is too short', 'proof');
  return r;
}

/** Throws unless `proof` proves `leafHash` at `index` in the tree of `size` leaves with `root`. */
export function verifyInclusion(
  hasher: LogHasher,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkHash(root, 'root');
  const computed = rootFromInclusionProof(hasher, index, size, leafHash, proof);
  if (!equalBytes(computed, root)) {
    throw merkleError('MERKLE_ROOT_MISMATCH', 'the inclusion proof does not lead to the root', 'root');
  }
}
