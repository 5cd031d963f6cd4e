// The tree, its proofs and its verifiers against a direct transcription of RFC 6962 §2.1.
import { describe, expect, it } from 'vitest';
import { HASH_ALGS } from '../hash/provider.js';
import { nativeHashProvider } from '../node/native-hash.js';
import { consistencyProof, inclusionProof } from './assemble.js';
import { rootOfLeafHashes } from './compact-range.js';
import { createLogHasher } from './log-hasher.js';
import { leafInput, memoryTree } from './memory-tree.test-support.js';
import { consistencyProofLength, inclusionProofLength } from './proof-plan.js';
import { rfc6962Reference } from './rfc6962-reference.test-support.js';
import { toHex } from '../encoding/index.js';
import { verifyInclusion } from './verify-inclusion.js';
import { verifyConsistency } from './verify-consistency.js';

const MAX_EXHAUSTIVE = 64;

// Hex strings: vitest's deep equality on Uint8Array is ~20x slower than on strings.
const hex = (hashes: readonly Uint8Array[]): string[] => hashes.map(toHex);

describe.each(HASH_ALGS)('RFC 6962 differential (%s)', (alg) => {
  const provider = nativeHashProvider(alg);
  const ref = rfc6962Reference(provider);
  const tree = memoryTree(provider, MAX_EXHAUSTIVE);
  const { hasher, leaves, roots } = tree;

  it(`roots of every size 0..${MAX_EXHAUSTIVE} equal MTH`, () => {
    for (let n = 0; n <= MAX_EXHAUSTIVE; n++) {
      const expected = ref.mth(leaves.slice(0, n));
      expect(toHex(roots[n] as Uint8Array)).toBe(toHex(expected));
      expect(toHex(rootOfLeafHashes(hasher, leaves.slice(0, n).map((l) => hasher.leafHash(l))))).toBe(toHex(expected));
    }
  });

  it(`inclusion proofs for every index of every size 1..${MAX_EXHAUSTIVE} equal PATH and verify`, () => {
    for (let n = 1; n <= MAX_EXHAUSTIVE; n++) {
      const d = leaves.slice(0, n);
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(hasher, m, n, tree.read);
        expect(hex(proof)).toEqual(hex(ref.path(m, d)));
        expect(proof.length).toBe(inclusionProofLength(m, n));
        verifyInclusion(hasher, m, n, hasher.leafHash(d[m] as Uint8Array), proof, roots[n] as Uint8Array);
      }
    }
  });

  it(`consistency proofs for every pair 0 < m < n <= ${MAX_EXHAUSTIVE} equal PROOF and verify`, () => {
    for (let n = 2; n <= MAX_EXHAUSTIVE; n++) {
      const d = leaves.slice(0, n);
      for (let m = 1; m < n; m++) {
        const proof = consistencyProof(hasher, m, n, tree.read);
        expect(hex(proof)).toEqual(hex(ref.proof(m, d)));
        expect(proof.length).toBe(consistencyProofLength(m, n));
        verifyConsistency(hasher, m, n, proof, roots[m] as Uint8Array, roots[n] as Uint8Array);
      }
    }
  });
});

// Large trees cost O(n) hashes per reference proof; SHA-256 only keeps the suite fast (SM3
// differs only in the injected hash, which the exhaustive cases above cover).
describe('RFC 6962 differential, large random trees (sha256)', () => {
  const provider = nativeHashProvider('sha256');
  const ref = rfc6962Reference(provider);
  const hasher = createLogHasher(provider);

  it('agrees with the reference on random sizes up to 100,000', () => {
    // Seeded so a failure reproduces.
    let seed = 0x2545f491;
    const next = (bound: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % bound;
    };
    const big = memoryTree(provider, 0, false);
    const sizes = [1 + next(50_000), 50_000 + next(50_001)];
    for (const n of sizes) {
      const m1 = 1 + next(n - 1);
      let root1 = hasher.emptyRoot();
      while (big.leaves.length < n) {
        big.append(leafInput(big.leaves.length));
        if (big.leaves.length === m1) root1 = big.range.root();
      }
      const d = big.leaves.slice(0, n);
      const root = big.range.root();
      expect(toHex(root)).toBe(toHex(ref.mth(d)));
      const m = next(n);
      expect(hex(inclusionProof(big.hasher, m, n, big.read))).toEqual(hex(ref.path(m, d)));
      const proof = consistencyProof(big.hasher, m1, n, big.read);
      expect(hex(proof)).toEqual(hex(ref.proof(m1, d)));
      verifyConsistency(big.hasher, m1, n, proof, root1, root);
    }
  });
});
