// Proof generation as data: which stored (perfect) nodes a proof needs, and how to fold the
// right-border node that is never stored because it changes with every append. Storage reads
// happen elsewhere (sync, async, batched), so the same plan serves the gateway, tiles and tests.
import { bitLength, checkIndex, checkSize, isOdd, isPowerOfTwo, popcount, pow2, shr, trailingZeros, xor } from './bits.js';
import { merkleError } from './errors.js';

/** A perfect subtree: covers leaves [index * 2^level, (index + 1) * 2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

export interface ProofPlan {
  /** Perfect nodes to read. Proof entries follow this order, except for the ephemeral span. */
  readonly ids: readonly NodeId[];
  /**
   * ids[ephemeralStart, ephemeralEnd) cover, left to right, the right-border subtree that is
   * not perfect; they fold (right to left) into ONE proof entry. Empty when start === end.
   */
  readonly ephemeralStart: number;
  readonly ephemeralEnd: number;
}

/** Appends the perfect nodes covering [begin, end), left to right (begin aligned to 2^(top bit of end-begin)). */
export function pushRange(ids: NodeId[], begin: number, end: number): void {
  let pos = begin;
  for (let level = bitLength(end - begin) - 1; level >= 0; level--) {
    const width = pow2(level);
    if (pos + width <= end) {
      ids.push({ level, index: pos / width });
      pos += width;
    }
  }
}

/** Appends the perfect nodes covering [0, end), right to left: node (L, end/2^L - 1) per set bit L. */
function pushPrefixRightToLeft(ids: NodeId[], end: number): void {
  let rest = end;
  for (let level = 0; rest > 0; level++, rest = Math.floor(rest / 2)) {
    if (isOdd(rest)) ids.push({ level, index: rest - 1 });
  }
}

/**
 * The audit path of perfect node (level, index) in the tree of `size` leaves, where the node
 * ends at or before `size`. Above the fork level — where the node's path meets the path to
 * leaf `size` — the tree's right border is ephemeral.
 */
function pathPlan(level: number, index: number, size: number, ids: NodeId[]): ProofPlan {
  const fork = level + bitLength(xor(index, shr(size, level))) - 1;
  // 1. Siblings inside the fork node: all perfect.
  let k = index;
  for (let l = level; l < fork; l++) {
    ids.push({ level: l, index: isOdd(k) ? k - 1 : k + 1 });
    k = Math.floor(k / 2);
  }
  // 2. The fork node's right sibling is the (ephemeral) subtree over [end, size), if any.
  const begin = k * pow2(fork);
  const end = begin + pow2(fork);
  const ephemeralStart = ids.length;
  pushRange(ids, end, size);
  const ephemeralEnd = ids.length;
  // 3. Perfect subtrees to the left of the fork node, nearest (smallest) first.
  pushPrefixRightToLeft(ids, begin);
  return { ids, ephemeralStart, ephemeralEnd };
}

/** RFC 9162 §2.1.3.1 inclusion proof of leaf `index` in a tree of `size` leaves, as a plan. */
export function inclusionProofPlan(index: number, size: number): ProofPlan {
  checkSize(size, 'size');
  checkIndex(index, size);
  return pathPlan(0, index, size, []);
}

/**
 * RFC 9162 §2.1.4.1 consistency proof from size1 to size2, as a plan. Equal sizes give an empty
 * plan; size1 = 0 < size2 throws MERKLE_BAD_SIZE (nothing to prove; verifiers reject it too).
 */
export function consistencyProofPlan(size1: number, size2: number): ProofPlan {
  checkSize(size1, 'size1');
  checkSize(size2, 'size2');
  if (size1 > size2) throw merkleError('MERKLE_SIZE_ORDER', 'size1 must not exceed size2', 'size1');
  if (size1 === size2) return { ids: [], ephemeralStart: 0, ephemeralEnd: 0 };
  if (size1 === 0) throw merkleError('MERKLE_BAD_SIZE', 'no consistency proof from the empty tree', 'size1');
  // The smallest perfect subtree of the old tree ends at size1; the proof is its audit path in
  // the new tree, preceded by the subtree itself unless it is the whole old tree.
  const level = trailingZeros(size1);
  const index = shr(size1, level) - 1;
  const ids: NodeId[] = isPowerOfTwo(size1) ? [] : [{ level, index }];
  return pathPlan(level, index, size2, ids);
}

/** Number of entries in a plan's proof. */
export function planProofLength(plan: ProofPlan): number {
  const folded = plan.ephemeralEnd - plan.ephemeralStart;
  return plan.ids.length - folded + (folded > 0 ? 1 : 0);
}

/** Length of the inclusion proof for (index, size), both already validated, without building it. */
export function inclusionProofLength(index: number, size: number): number {
  const fork = bitLength(xor(index, size)) - 1;
  const end = (shr(index, fork) + 1) * pow2(fork);
  return fork + (end < size ? 1 : 0) + popcount(shr(size, fork + 1));
}

/** Length of the consistency proof for 0 < size1 < size2 (validated), without building it. */
export function consistencyProofLength(size1: number, size2: number): number {
  const level = trailingZeros(size1);
  const index = shr(size1, level) - 1;
  const fork = level + bitLength(xor(index, shr(size2, level))) - 1;
  const end = (shr(index, fork - level) + 1) * pow2(fork);
  return (
    (isPowerOfTwo(size1) ? 0 : 1) + (fork - level) + (end < size2 ? 1 : 0) + popcount(shr(size2, fork + 1))
  );
}
