// Plans and proofs at every scale, including sizes near 2^53, and their input checks.
import { describe, expect, it } from 'vitest';
import { toHex } from '../encoding/index.js';
import { nativeHashProvider } from '../node/native-hash.js';
import { assembleProof, consistencyProof, inclusionProof } from './assemble.js';
import { newCompactRange } from './compact-range.js';
import { createLogHasher } from './log-hasher.js';
import { memoryTree } from './memory-tree.test-support.js';
import { newProofSource } from './proof-source.js';
import {
  consistencyProofLength,
  consistencyProofPlan,
  inclusionProofLength,
  inclusionProofPlan,
  planProofLength,
  type ProofPlan,
} from './proof-plan.js';
import { rootFromInclusionProof, verifyInclusion } from './verify-inclusion.js';
import { verifyConsistency } from './verify-consistency.js';
import { thrownCode } from '../errors.test-support.js';

const hasher = createLogHasher(nativeHashProvider('sha256'));

const codeOf = (f: () => unknown): string => thrownCode(f, { withField: true }) ?? 'OK';

// A tree whose leaves are all equal: every perfect node at level L has the same hash, so trees
// of any size up to 2^53 - 1 can be read and rooted without being built.
const perfect: Uint8Array[] = [hasher.leafHash(Uint8Array.of(42))];
for (let l = 1; l <= 53; l++) perfect.push(hasher.nodeHash(perfect[l - 1] as Uint8Array, perfect[l - 1] as Uint8Array));

function uniformTree(size: number): { root: Uint8Array; read: (level: number, index: number) => Uint8Array } {
  const hashes: Uint8Array[] = [];
  for (let l = 53; l >= 0; l--) if (Math.floor(size / 2 ** l) % 2 === 1) hashes.push(perfect[l] as Uint8Array);
  return {
    root: newCompactRange(hasher, { size, hashes }).root(),
    read(level, index) {
      // Only perfect nodes inside the tree exist in a store.
      if (!Number.isSafeInteger(index) || (index + 1) * 2 ** level > size) throw new Error(`(${level}, ${index}) is not stored`);
      return perfect[level] as Uint8Array;
    },
  };
}

const HUGE = [2 ** 32 + 1, 2 ** 40 - 3, 2 ** 52, 2 ** 52 + 2 ** 31 + 7, Number.MAX_SAFE_INTEGER];

describe('proof plans', () => {
  it('read only perfect nodes inside the tree and predict the proof length', () => {
    // Collect failures and assert once: an expect() per node would dominate the runtime.
    const failures: string[] = [];
    const check = (what: string, plan: ProofPlan, size: number, length: number): void => {
      const outside = plan.ids.filter(({ level, index }) => (index + 1) * 2 ** level > size);
      if (outside.length > 0 || planProofLength(plan) !== length) failures.push(what);
    };
    for (let n = 1; n <= 300; n++) {
      for (let i = 0; i < n; i++) check(`inclusion ${i}/${n}`, inclusionProofPlan(i, n), n, inclusionProofLength(i, n));
      for (let m = 1; m < n; m++) check(`consistency ${m}/${n}`, consistencyProofPlan(m, n), n, consistencyProofLength(m, n));
    }
    expect(failures).toEqual([]);
  });

  it.each(HUGE)('work for a tree of %d leaves', (size) => {
    const tree = uniformTree(size);
    for (const index of [0, 1, 2 ** 31, Math.floor(size / 3), size - 2, size - 1]) {
      const proof = inclusionProof(hasher, index, size, tree.read);
      expect(proof.length).toBe(inclusionProofLength(index, size));
      verifyInclusion(hasher, index, size, perfect[0] as Uint8Array, proof, tree.root);
    }
    for (const size1 of [1, 3, 2 ** 31 + 5, Math.floor(size / 2), size - 1]) {
      const old = uniformTree(size1);
      const proof = consistencyProof(hasher, size1, size, tree.read);
      expect(proof.length).toBe(consistencyProofLength(size1, size));
      verifyConsistency(hasher, size1, size, proof, old.root, tree.root);
      if (size1 > 3) expect(codeOf(() => verifyConsistency(hasher, size1 - 1, size, proof, old.root, tree.root))).toMatch(/^MERKLE_/);
    }
  });

  it('refuse bad indices and sizes with codes', () => {
    expect(codeOf(() => inclusionProofPlan(3, 3))).toBe('MERKLE_INDEX_OUT_OF_RANGE:index');
    expect(codeOf(() => inclusionProofPlan(0, 0))).toBe('MERKLE_INDEX_OUT_OF_RANGE:index');
    expect(codeOf(() => inclusionProofPlan(-1, 3))).toBe('MERKLE_INDEX_OUT_OF_RANGE:index');
    expect(codeOf(() => inclusionProofPlan(0.5, 3))).toBe('MERKLE_INDEX_OUT_OF_RANGE:index');
    expect(codeOf(() => inclusionProofPlan(0, 2 ** 53))).toBe('MERKLE_BAD_SIZE:size');
    expect(codeOf(() => inclusionProofPlan(0, Number.POSITIVE_INFINITY))).toBe('MERKLE_BAD_SIZE:size');
    expect(codeOf(() => consistencyProofPlan(5, 3))).toBe('MERKLE_SIZE_ORDER:size1');
    expect(codeOf(() => consistencyProofPlan(0, 3))).toBe('MERKLE_BAD_SIZE:size1');
    expect(codeOf(() => consistencyProofPlan(1, -3))).toBe('MERKLE_BAD_SIZE:size2');
    expect(consistencyProofPlan(3, 3).ids).toEqual([]);
    expect(consistencyProofPlan(0, 0).ids).toEqual([]);
  });

  it('assemble only the hashes the plan asks for', () => {
    const plan = inclusionProofPlan(5, 7);
    const tree = uniformTree(7);
    const hashes = plan.ids.map(({ level, index }) => tree.read(level, index));
    expect(assembleProof(hasher, plan, hashes).map(toHex)).toEqual(inclusionProof(hasher, 5, 7, tree.read).map(toHex));
    expect(codeOf(() => assembleProof(hasher, plan, hashes.slice(1)))).toBe('MERKLE_PLAN_MISMATCH:hashes');
    expect(codeOf(() => assembleProof(hasher, { ...plan, ephemeralEnd: 99 }, hashes))).toBe('MERKLE_PLAN_MISMATCH:plan');
    const short = hashes.map((h, i) => (i === 1 ? h.subarray(1) : h));
    expect(codeOf(() => assembleProof(hasher, plan, short))).toBe('MERKLE_HASH_LENGTH:hashes[1]');
  });
});

describe('proof source (one tree size, shared right border)', () => {
  it('gives exactly the proofs of inclusionProof and consistencyProof', () => {
    const tree = memoryTree(nativeHashProvider('sm3'), 80);
    for (let n = 1; n <= 80; n++) {
      const source = newProofSource(tree.hasher, n, tree.read);
      expect(source.size).toBe(n);
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < n; i++) {
          expect(source.inclusionProof(i).map(toHex)).toEqual(inclusionProof(tree.hasher, i, n, tree.read).map(toHex));
        }
        for (let m = 1; m < n; m++) {
          expect(source.consistencyProof(m).map(toHex)).toEqual(consistencyProof(tree.hasher, m, n, tree.read).map(toHex));
        }
      }
    }
  });

  it('hands out copies of cached nodes and checks its inputs', () => {
    const tree = uniformTree(2 ** 40 + 12345);
    const source = newProofSource(hasher, 2 ** 40 + 12345, tree.read);
    // Reads may alias the store; the folded right-border entry is the source's own and is copied.
    const at = inclusionProofPlan(7, 2 ** 40 + 12345).ephemeralStart;
    const first = source.inclusionProof(7);
    const expected = first.map(toHex);
    first[at]?.fill(0);
    expect(source.inclusionProof(7).map(toHex)).toEqual(expected);
    verifyInclusion(hasher, 7, 2 ** 40 + 12345, perfect[0] as Uint8Array, source.inclusionProof(7), tree.root);
    expect(codeOf(() => newProofSource(hasher, -1, tree.read))).toBe('MERKLE_BAD_SIZE:size');
    expect(codeOf(() => source.inclusionProof(2 ** 41))).toBe('MERKLE_INDEX_OUT_OF_RANGE:index');
    expect(codeOf(() => source.consistencyProof(0))).toBe('MERKLE_BAD_SIZE:size1');
    const bad = newProofSource(hasher, 5, () => new Uint8Array(31));
    expect(codeOf(() => bad.inclusionProof(0))).toBe('MERKLE_HASH_LENGTH:node(0,1)');
  });
});

describe('verification input checks', () => {
  const tree = uniformTree(11);
  const leaf = perfect[0] as Uint8Array;
  const proof = inclusionProof(hasher, 4, 11, tree.read);

  it('inclusion: index, size, hash lengths and exact proof length', () => {
    const v = (index: number, size: number, leafHash: Uint8Array, p: readonly Uint8Array[], root: Uint8Array): string =>
      codeOf(() => verifyInclusion(hasher, index, size, leafHash, p, root));
    expect(v(4, 11, leaf, proof, tree.root)).toBe('OK');
    expect(v(11, 11, leaf, proof, tree.root)).toBe('MERKLE_INDEX_OUT_OF_RANGE:index');
    expect(v(Number.NaN, 11, leaf, proof, tree.root)).toBe('MERKLE_INDEX_OUT_OF_RANGE:index');
    expect(v(4, -11, leaf, proof, tree.root)).toBe('MERKLE_BAD_SIZE:size');
    expect(v(4, 11, leaf.subarray(1), proof, tree.root)).toBe('MERKLE_HASH_LENGTH:leafHash');
    expect(v(4, 11, leaf, proof, new Uint8Array(64))).toBe('MERKLE_HASH_LENGTH:root');
    expect(v(4, 11, leaf, [...proof, leaf], tree.root)).toBe('MERKLE_PROOF_SIZE:proof');
    expect(v(4, 11, leaf, proof.slice(1), tree.root)).toBe('MERKLE_PROOF_SIZE:proof');
    expect(v(4, 11, leaf, 'proof' as unknown as Uint8Array[], tree.root)).toBe('MERKLE_PROOF_SIZE:proof');
    expect(v(4, 11, leaf, [new Uint8Array(32), ...proof.slice(1).map((h) => h.subarray(0, 31))], tree.root)).toBe(
      'MERKLE_HASH_LENGTH:proof[1]',
    );
    expect(v(4, 11, leaf, proof, leaf)).toBe('MERKLE_ROOT_MISMATCH:root');
    expect(toHex(rootFromInclusionProof(hasher, 4, 11, leaf, proof))).toBe(toHex(tree.root));
  });

  it('consistency: order, empty tree, equal sizes, exact proof length', () => {
    const old = uniformTree(6);
    const p = consistencyProof(hasher, 6, 11, tree.read);
    const v = (s1: number, s2: number, pr: readonly Uint8Array[], r1: Uint8Array, r2: Uint8Array): string =>
      codeOf(() => verifyConsistency(hasher, s1, s2, pr, r1, r2));
    expect(v(6, 11, p, old.root, tree.root)).toBe('OK');
    expect(v(11, 6, p, old.root, tree.root)).toBe('MERKLE_SIZE_ORDER:size1');
    expect(v(0, 11, p, hasher.emptyRoot(), tree.root)).toBe('MERKLE_BAD_SIZE:size1');
    expect(v(6, 2 ** 53, p, old.root, tree.root)).toBe('MERKLE_BAD_SIZE:size2');
    expect(v(11, 11, p, tree.root, tree.root)).toBe('MERKLE_EMPTY_PROOF_EXPECTED:proof');
    expect(v(11, 11, [], tree.root, tree.root)).toBe('OK');
    expect(v(11, 11, [], tree.root, old.root)).toBe('MERKLE_ROOT_MISMATCH:root2');
    expect(v(0, 0, [], hasher.emptyRoot(), hasher.emptyRoot())).toBe('OK');
    expect(v(0, 0, [], tree.root, tree.root)).toBe('MERKLE_ROOT_MISMATCH:root1');
    expect(v(6, 11, p.slice(1), old.root, tree.root)).toBe('MERKLE_PROOF_SIZE:proof');
    expect(v(6, 11, [...p, leaf], old.root, tree.root)).toBe('MERKLE_PROOF_SIZE:proof');
    expect(v(6, 11, p, old.root.subarray(1), tree.root)).toBe('MERKLE_HASH_LENGTH:root1');
    expect(v(6, 11, p, old.root, tree.root)).toBe('OK');
    expect(v(6, 11, p, tree.root, tree.root)).toBe('MERKLE_ROOT_MISMATCH:root1');
    expect(v(6, 11, p, old.root, old.root)).toBe('MERKLE_ROOT_MISMATCH:root2');
  });
});
