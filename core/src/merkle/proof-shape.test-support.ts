// What a verifier can observe of a proof: the left/right order in which its entries are hashed,
// read off the RFC 6962 §2.1 recursive definitions. Two (index, size) pairs with the same shape
// accept exactly the same proofs for the same root — RFC 6962 proofs do not bind the tree size,
// so the size must always come from the signed checkpoint that carries the root.

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** PATH(m, D[n]) as directions, leaf first: 'r' = sibling on the right, 'l' = on the left; null if m >= n. */
export function inclusionShape(m: number, n: number): string | null {
  if (!(m >= 0 && m < n)) return null;
  if (n === 1) return '';
  const k = largestPowerOfTwoBelow(n);
  return m < k ? `${inclusionShape(m, k)}r` : `${inclusionShape(m - k, n - k)}l`;
}

/** PROOF(m, D[n]) as directions, 'x' = the old subtree itself; null unless 0 < m < n. */
export function consistencyShape(m: number, n: number): string | null {
  if (!(m > 0 && m < n)) return null;
  const sub = (m1: number, n1: number, b: boolean): string => {
    if (m1 === n1) return b ? '' : 'x';
    const k = largestPowerOfTwoBelow(n1);
    return m1 <= k ? `${sub(m1, k, b)}r` : `${sub(m1 - k, n1 - k, false)}l`;
  };
  return sub(m, n, true);
}
