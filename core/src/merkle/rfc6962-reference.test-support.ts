// A direct transcription of the RFC 6962 §2.1 recursive definitions, for differential tests.
// Deliberately naive (no compact ranges, no plans, no bit tricks): D is the list of leaf
// inputs, k is the largest power of two smaller than n, and every MTH is recomputed.
// https://www.rfc-editor.org/rfc/rfc6962#section-2.1
import type { HashProvider } from '../hash/provider.js';

export interface Rfc6962Reference {
  /** MTH(D[n]) */
  mth(d: readonly Uint8Array[]): Uint8Array;
  /** PATH(m, D[n]) — §2.1.1 */
  path(m: number, d: readonly Uint8Array[]): Uint8Array[];
  /** PROOF(m, D[n]) — §2.1.2 */
  proof(m: number, d: readonly Uint8Array[]): Uint8Array[];
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function rfc6962Reference(h: HashProvider): Rfc6962Reference {
  const hash = (...parts: Uint8Array[]): Uint8Array => h.hash(...parts);
  const leaf = Uint8Array.of(0x00);
  const node = Uint8Array.of(0x01);

  // The hash of an empty list is the hash of an empty string: MTH({}) = SHA-256().
  // The hash of a list with one entry: MTH({d(0)}) = SHA-256(0x00 || d(0)).
  // For n > 1: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
  function mth(d: readonly Uint8Array[]): Uint8Array {
    const n = d.length;
    if (n === 0) return hash();
    if (n === 1) return hash(leaf, d[0] as Uint8Array);
    const k = largestPowerOfTwoBelow(n);
    return hash(node, mth(d.slice(0, k)), mth(d.slice(k)));
  }

  // PATH(0, {d(0)}) = {}
  // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k
  // PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k]) for m >= k
  function path(m: number, d: readonly Uint8Array[]): Uint8Array[] {
    const n = d.length;
    if (n === 1 && m === 0) return [];
    const k = largestPowerOfTwoBelow(n);
    if (m < k) return [...path(m, d.slice(0, k)), mth(d.slice(k))];
    return [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
  }

  // PROOF(m, D[n]) = SUBPROOF(m, D[n], true)
  // SUBPROOF(m, D[m], true) = {}
  // SUBPROOF(m, D[m], false) = {MTH(D[m])}
  // SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n]) for m <= k
  // SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]) for m > k
  function subproof(m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
    const n = d.length;
    if (m === n) return b ? [] : [mth(d)];
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) return [...subproof(m, d.slice(0, k), b), mth(d.slice(k))];
    return [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
  }

  return { mth, path, proof: (m, d) => subproof(m, d, true) };
}
