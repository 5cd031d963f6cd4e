// The tree, its proofs and its verifiers against a direct transcription of RFC 6962 §2.1.
import { describe, expect, it } from 'vitest';
import { HASH_ALGS } from '../hash/provider.js';
import { nativeHashProvider } from '../node/native-hash.js';
import { consistencyProof, inclusionProof } from './assemble.js';
import { rootOfLeafHashes } from './compact-range.js';
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

  it('agrees with the reference on a few random sizes up to 100,000', () => {
    // Seeded so a failure reproduces; the reference recomputes O(n) hashes per proof.
    let seed = alg === 'sha256' ? 0x2545f491 : 0x9e3779b9;
    const next = (bound: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % bound;
    };
    const big = memoryTree(provider, 0, false);
    const sizes = [1 + next(49_999), 50_000 + next(50_001)].sort((a, b) => a - b);
    for (const n of sizes) {
      while (big.leaves.length < n) big.append(leafInput(big.leaves.length));
      const d = big.leaves.slice(0, n);
      const root = big.range.root();
      expect(toHex(root)).toBe(toHex(ref.mth(d)));
      const m = next(n);
      expect(hex(inclusionProof(big.hasher, m, n, big.read))).toEqual(hex(ref.path(m, d)));
      const m1 = 1 + next(n - 1);
      const proof = consistencyProof(big.hasher, m1, n, big.read);
      expect(hex(proof)).toEqual(hex(ref.proof(m1, d)));
      verifyConsistency(big.hasher, m1, n, proof, rootOfLeafHashes(big.hasher, d.slice(0, m1).map((l) => big.hasher.leafHash(l))), root);
    }
  });
});
