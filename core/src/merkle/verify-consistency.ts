// Consistency proof verification, RFC 9162 §2.1.4.2, with every input checked first.
import { equalBytes } from '../encoding/index.js';
import { checkSize, isArrayValue, isOdd, isPowerOfTwo } from './bits.js';
import { merkleError } from './errors.js';
import { checkHash, type LogHasher } from './log-hasher.js';
import { consistencyProofLength } from './proof-plan.js';
import { checkProof } from './verify-inclusion.js';

function mismatch(field: string): Error {
  return merkleError('MERKLE_ROOT_MISMATCH', `the consistency proof does not lead to ${field}`, field);
}

function checkBytes(x: unknown, field: string): Uint8Array {
  if (!(x instanceof Uint8Array)) throw merkleError('MERKLE_HASH_LENGTH', `${field} must be a Uint8Array`, field);
  return x;
}

/**
 * Throws unless `proof` shows that the tree of size2 leaves with root2 extends the tree of size1
 * leaves with root1. Equal sizes need an empty proof and equal roots (the empty-tree root at
 * size 0); size1 = 0 < size2 is refused (MERKLE_BAD_SIZE): it would prove nothing.
 */
export function verifyConsistency(
  hasher: LogHasher,
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  checkSize(size1, 'size1');
  checkSize(size2, 'size2');
  if (size1 > size2) throw merkleError('MERKLE_SIZE_ORDER', 'size1 must not exceed size2', 'size1');
  if (!isArrayValue(proof)) throw merkleError('MERKLE_PROOF_SIZE', 'the proof must be an array', 'proof');
  if (size1 === size2) {
    if (proof.length !== 0) {
      throw merkleError('MERKLE_EMPTY_PROOF_EXPECTED', 'equal sizes need an empty proof', 'proof');
    }
    // Nothing is hashed here, so the roots are only compared (as the transparency-dev vectors do).
    const expected = size1 === 0 ? hasher.emptyRoot() : checkBytes(root1, 'root1');
    if (!equalBytes(checkBytes(root1, 'root1'), expected)) throw mismatch('root1');
    if (!equalBytes(checkBytes(root2, 'root2'), expected)) throw mismatch('root2');
    return;
  }
  if (size1 === 0) throw merkleError('MERKLE_BAD_SIZE', 'no consistency proof from the empty tree', 'size1');
  checkHash(root1, 'root1');
  checkHash(root2, 'root2');
  checkProof(proof, consistencyProofLength(size1, size2));

  // When size1 is a power of two the old root is itself the first node of the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) throw merkleError('MERKLE_PROOF_SIZE', 'the proof is too long', 'proof');
    if (isOdd(fn) || fn === sn) {
      fr = hasher.nodeHash(c, fr);
      sr = hasher.nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hasher.nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw merkleError('MERKLE_PROOF_SIZE', 'the proof is too short', 'proof');
  if (!equalBytes(fr, root1)) throw mismatch('root1');
  if (!equalBytes(sr, root2)) throw mismatch('root2');
}
