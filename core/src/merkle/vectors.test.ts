// The transparency-dev/merkle JSON vectors (../shared/vectors/merkle, read in place, never
// copied): every happy path must verify, every `wantErr` case must fail with a MERKLE_ code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMerkleVectors, merkleVectorsDir } from '../../../test/support/paths.js';
import { fromBase64, toHex, utf8 } from '../encoding/index.js';
import { pureHashProvider } from '../hash/pure.js';
import { memoryTree } from './memory-tree.test-support.js';
import { consistencyProof, inclusionProof } from './assemble.js';
import { verifyInclusion } from './verify-inclusion.js';
import { verifyConsistency } from './verify-consistency.js';
import { thrownCode } from '../errors.test-support.js';

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

function load<T>(kind: string): [string, T][] {
  const dir = join(merkleVectorsDir, kind);
  return jsonFiles(dir).map((path) => [relative(dir, path), JSON.parse(readFileSync(path, 'utf8')) as T]);
}

const b64 = (s: string): Uint8Array => fromBase64(s);
const b64List = (p: string[] | null): Uint8Array[] => (p ?? []).map(b64);

/** The error code `f` throws: a MERKLE_ code, or a marker that fails the expectations. */
const codeOf = (f: () => void): string => thrownCode(f) ?? 'OK';

// The RFC 6962 test leaves the vectors were made from (transparency-dev/merkle testonly).
const RFC6962_TEST_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];

if (!hasMerkleVectors) {
  describe('transparency-dev merkle vectors', () => {
    it(`are not checked: ${merkleVectorsDir} does not exist (set ELC_SHARED_DIR)`, () => {
      console.warn(`merkle vectors skipped: ${merkleVectorsDir} is missing`);
      expect(hasMerkleVectors).toBe(false);
    });
  });
} else {
  const tree = memoryTree(pureHashProvider('sha256'));
  const hexLeaf = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
  for (const leaf of RFC6962_TEST_LEAVES) tree.append(hexLeaf(leaf));
  const { hasher } = tree;
  const rootHex = tree.roots.map(toHex);

  describe('transparency-dev inclusion vectors', () => {
    const vectors = load<InclusionVector>('inclusion');
    it('are present', () => {
      expect(vectors.length).toBeGreaterThan(50);
      expect(vectors.filter(([, v]) => !v.wantErr).length).toBeGreaterThan(4);
    });
    it.each(vectors)('%s', (_name, v) => {
      const verify = (): void =>
        verifyInclusion(hasher, v.leafIdx, v.treeSize, b64(v.leafHash), b64List(v.proof), b64(v.root));
      const code = codeOf(verify);
      if (v.wantErr) expect(code).toMatch(/^MERKLE_/);
      else expect(code).toBe('OK');
    });
    it('happy paths over the RFC 6962 test tree are exactly the proofs we generate', () => {
      const fromTestTree = vectors.filter(([, v]) => !v.wantErr && rootHex[v.treeSize] === toHex(b64(v.root)));
      expect(fromTestTree.length).toBeGreaterThanOrEqual(4);
      for (const [, v] of fromTestTree) {
        const ours = inclusionProof(hasher, v.leafIdx, v.treeSize, tree.read);
        expect(ours.map(toHex)).toEqual(b64List(v.proof).map(toHex));
      }
    });
  });

  describe('transparency-dev consistency vectors', () => {
    const vectors = load<ConsistencyVector>('consistency');
    it('are present', () => {
      expect(vectors.length).toBeGreaterThan(50);
      expect(vectors.filter(([, v]) => !v.wantErr).length).toBeGreaterThan(4);
    });
    it.each(vectors)('%s', (_name, v) => {
      const verify = (): void =>
        verifyConsistency(hasher, v.size1, v.size2, b64List(v.proof), b64(v.root1), b64(v.root2));
      const code = codeOf(verify);
      if (v.wantErr) expect(code).toMatch(/^MERKLE_/);
      else expect(code).toBe('OK');
    });
    it('happy paths over the RFC 6962 test tree are exactly the proofs we generate', () => {
      const fromTestTree = vectors.filter(
        ([, v]) => !v.wantErr && v.size1 > 0 && v.size1 < v.size2 && rootHex[v.size2] === toHex(b64(v.root2)),
      );
      expect(fromTestTree.length).toBeGreaterThanOrEqual(3);
      for (const [, v] of fromTestTree) {
        const ours = consistencyProof(hasher, v.size1, v.size2, tree.read);
        expect(ours.map(toHex)).toEqual(b64List(v.proof).map(toHex));
      }
    });
  });

  it('the RFC 6962 test tree has the published size-8 root', () => {
    expect(rootHex[8]).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    expect(toHex(hasher.leafHash(utf8('')))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });
}
