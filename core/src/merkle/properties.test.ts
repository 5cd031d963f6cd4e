// Property tests on random trees: every generated proof verifies, and a single flipped bit in
// any input fails with a MERKLE_ code — unless the flip lands on another (index, size) pair that
// a verifier provably cannot tell apart (same proof shape), in which case it must still verify.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_ALGS } from '../hash/provider.js';
import { nativeHashProvider } from '../node/native-hash.js';
import { consistencyProof, inclusionProof } from './assemble.js';
import { memoryTree } from './memory-tree.test-support.js';
import { consistencyShape, inclusionShape } from './proof-shape.test-support.js';
import { verifyInclusion } from './verify-inclusion.js';
import { verifyConsistency } from './verify-consistency.js';
import { thrownCode } from '../errors.test-support.js';

const MAX_SIZE = 300;
const NUMBER_BITS = 53;

const codeOf = (f: () => void): string => thrownCode(f) ?? 'OK';

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  const at = Math.floor(bit / 8) % out.length;
  out[at] = (out[at] ?? 0) ^ (1 << bit % 8);
  return out;
}

const flipNumber = (x: number, bit: number): number => Number(BigInt(x) ^ (1n << BigInt(bit)));

describe.each(HASH_ALGS)('merkle properties (%s)', (alg) => {
  const tree = memoryTree(nativeHashProvider(alg), MAX_SIZE);
  const { hasher, roots, read } = tree;
  const leafHashes = tree.leaves.map((l) => hasher.leafHash(l));
  const sizeAndIndex = fc.integer({ min: 1, max: MAX_SIZE }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1)));
  const sizePair = fc.integer({ min: 2, max: MAX_SIZE }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n)));

  it('inclusion proofs verify, and every single-bit flip fails with a code', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(255), ([n, i], bit) => {
        const proof = inclusionProof(hasher, i, n, read);
        const leaf = leafHashes[i] as Uint8Array;
        const root = roots[n] as Uint8Array;
        const verify = (i1: number, n1: number, l: Uint8Array, p: Uint8Array[], r: Uint8Array): string =>
          codeOf(() => verifyInclusion(hasher, i1, n1, l, p, r));
        expect(verify(i, n, leaf, proof, root)).toBe('OK');
        proof.forEach((h, k) => {
          const bad = proof.slice();
          bad[k] = flipBit(h, bit + k);
          expect(verify(i, n, leaf, bad, root)).toBe('MERKLE_ROOT_MISMATCH');
        });
        expect(verify(i, n, flipBit(leaf, bit), proof, root)).toBe('MERKLE_ROOT_MISMATCH');
        expect(verify(i, n, leaf, proof, flipBit(root, bit))).toBe('MERKLE_ROOT_MISMATCH');
        const shape = inclusionShape(i, n);
        for (let b = 0; b < NUMBER_BITS; b++) {
          for (const [i1, n1] of [[flipNumber(i, b), n], [i, flipNumber(n, b)]] as const) {
            const same = inclusionShape(i1, n1) === shape;
            expect(verify(i1, n1, leaf, proof, root)).toMatch(same ? /^OK$/ : /^MERKLE_/);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('consistency proofs verify, and every single-bit flip fails with a code', () => {
    fc.assert(
      fc.property(sizePair, fc.nat(255), ([m, n], bit) => {
        const proof = consistencyProof(hasher, m, n, read);
        const [r1, r2] = [roots[m] as Uint8Array, roots[n] as Uint8Array];
        const verify = (m1: number, n1: number, p: Uint8Array[], a: Uint8Array, b: Uint8Array): string =>
          codeOf(() => verifyConsistency(hasher, m1, n1, p, a, b));
        expect(verify(m, n, proof, r1, r2)).toBe('OK');
        proof.forEach((h, k) => {
          const bad = proof.slice();
          bad[k] = flipBit(h, bit + k);
          expect(verify(m, n, bad, r1, r2)).toBe('MERKLE_ROOT_MISMATCH');
        });
        expect(verify(m, n, proof, flipBit(r1, bit), r2)).toBe('MERKLE_ROOT_MISMATCH');
        expect(verify(m, n, proof, r1, flipBit(r2, bit))).toBe('MERKLE_ROOT_MISMATCH');
        const shape = consistencyShape(m, n);
        for (let b = 0; b < NUMBER_BITS; b++) {
          for (const [m1, n1] of [[flipNumber(m, b), n], [m, flipNumber(n, b)]] as const) {
            const same = consistencyShape(m1, n1) === shape;
            expect(verify(m1, n1, proof, r1, r2)).toMatch(same ? /^OK$/ : /^MERKLE_/);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a proof does not bind the tree size: equal shapes verify alike (why checkpoints sign size and root together)', () => {
    expect(inclusionShape(0, 7)).toBe(inclusionShape(0, 5));
    const proof = inclusionProof(hasher, 0, 7, read);
    expect(codeOf(() => verifyInclusion(hasher, 0, 5, leafHashes[0] as Uint8Array, proof, roots[7] as Uint8Array))).toBe('OK');
    expect(consistencyShape(4, 7)).toBe(consistencyShape(4, 5));
    const cproof = consistencyProof(hasher, 4, 7, read);
    expect(codeOf(() => verifyConsistency(hasher, 4, 5, cproof, roots[4] as Uint8Array, roots[7] as Uint8Array))).toBe('OK');
  });
});
