import { describe, expect, it } from 'vitest';
import { toHex } from '../encoding/index.js';
import { pureHashProvider } from '../hash/pure.js';
import { newCompactRange, rootOfLeafHashes } from './compact-range.js';
import { createLogHasher, RFC6962_LEAF_PREFIX, RFC6962_NODE_PREFIX } from './log-hasher.js';
import { leafInput } from './memory-tree.test-support.js';
import { rfc6962Reference } from './rfc6962-reference.test-support.js';
import { thrownCode } from '../errors.test-support.js';

const provider = pureHashProvider('sha256');
const hasher = createLogHasher(provider);
const ref = rfc6962Reference(provider);
const leaves = Array.from({ length: 70 }, (_, i) => leafInput(i));
const leafHashes = leaves.map((l) => hasher.leafHash(l));

const codeOf = (f: () => unknown): string => thrownCode(f, { withField: true }) ?? 'OK';

describe('log hasher', () => {
  it('prefixes leaves with 0x00 and nodes with 0x01 (RFC 6962 §2.1)', () => {
    expect([RFC6962_LEAF_PREFIX, RFC6962_NODE_PREFIX]).toEqual([0, 1]);
    const [a, b] = [leafHashes[0] as Uint8Array, leafHashes[1] as Uint8Array];
    expect(toHex(hasher.leafHash(leaves[3] as Uint8Array))).toBe(toHex(provider.hash(Uint8Array.of(0), leaves[3] as Uint8Array)));
    expect(toHex(hasher.nodeHash(a, b))).toBe(toHex(provider.hash(Uint8Array.of(1), a, b)));
    expect(toHex(hasher.emptyRoot())).toBe(toHex(provider.hash()));
    expect(hasher.alg).toBe('sha256');
  });

  it('hashes leaves of any length, growing its scratch buffer', () => {
    for (const length of [0, 1, 1023, 1024, 5000, 3]) {
      const leaf = Uint8Array.from({ length }, (_, i) => i * 7);
      expect(toHex(hasher.leafHash(leaf))).toBe(toHex(provider.hash(Uint8Array.of(0), leaf)));
    }
    expect(codeOf(() => hasher.leafHash('leaf' as unknown as Uint8Array))).toBe('HASH_INVALID_INPUT:leaf');
  });

  it('refuses node inputs that are not 32 bytes', () => {
    const a = leafHashes[0] as Uint8Array;
    expect(codeOf(() => hasher.nodeHash(a.subarray(1), a))).toBe('MERKLE_HASH_LENGTH:left');
    expect(codeOf(() => hasher.nodeHash(a, new Uint8Array(33)))).toBe('MERKLE_HASH_LENGTH:right');
  });
});

describe('compact range', () => {
  it('reports every perfect node exactly once, in order, with its MTH', () => {
    const range = newCompactRange(hasher);
    const seen = new Map<string, string>();
    for (const [i, h] of leafHashes.entries()) {
      range.append(h, (level, index, hash) => {
        const key = `${level}/${index}`;
        expect(seen.has(key)).toBe(false);
        // A node completes exactly when its last leaf arrives.
        expect((index + 1) * 2 ** level).toBe(i + 1);
        seen.set(key, toHex(hash));
      });
    }
    const n = leafHashes.length;
    let expected = 0;
    for (let level = 0; 2 ** level <= n; level++) {
      for (let index = 0; (index + 1) * 2 ** level <= n; index++) {
        expected++;
        const covered = leaves.slice(index * 2 ** level, (index + 1) * 2 ** level);
        expect(seen.get(`${level}/${index}`)).toBe(toHex(ref.mth(covered)));
      }
    }
    expect(seen.size).toBe(expected);
  });

  it('has the MTH as root, one hash per set bit of the size, and resumes from its state', () => {
    const range = newCompactRange(hasher);
    for (let n = 0; n <= leafHashes.length; n++) {
      expect(range.size).toBe(n);
      expect(range.hashes.length).toBe(n.toString(2).replaceAll('0', '').length);
      expect(toHex(range.root())).toBe(toHex(ref.mth(leaves.slice(0, n))));
      const resumed = newCompactRange(hasher, { size: range.size, hashes: range.hashes });
      for (const h of leafHashes.slice(n, n + 3)) resumed.append(h);
      expect(toHex(resumed.root())).toBe(toHex(ref.mth(leaves.slice(0, Math.min(n + 3, leaves.length)))));
      if (n < leafHashes.length) range.append(leafHashes[n] as Uint8Array);
    }
    expect(toHex(rootOfLeafHashes(hasher, leafHashes))).toBe(toHex(range.root()));
    expect(toHex(rootOfLeafHashes(hasher, []))).toBe(toHex(hasher.emptyRoot()));
  });

  it('reports the right node ids after resuming from a state', () => {
    const a = newCompactRange(hasher);
    for (const h of leafHashes.slice(0, 11)) a.append(h);
    const resumed = newCompactRange(hasher, { size: a.size, hashes: a.hashes });
    const seen: string[] = [];
    resumed.append(leafHashes[11] as Uint8Array, (level, index, hash) => {
      seen.push(`${level}/${index}`);
      const covered = leaves.slice(index * 2 ** level, (index + 1) * 2 ** level);
      expect(toHex(hash)).toBe(toHex(ref.mth(covered)));
    });
    // Leaf 11 completes (1, 5) with leaf 10, then (2, 2) over leaves 8..11.
    expect(seen).toEqual(['0/11', '1/5', '2/2']);
  });

  it('clones independently and hands out copies of its hashes', () => {
    const a = newCompactRange(hasher);
    for (const h of leafHashes.slice(0, 5)) a.append(h);
    const b = a.clone();
    b.append(leafHashes[5] as Uint8Array);
    expect([a.size, b.size]).toEqual([5, 6]);
    expect(toHex(a.root())).toBe(toHex(ref.mth(leaves.slice(0, 5))));
    (a.hashes as Uint8Array[]).pop();
    expect(a.hashes.length).toBe(2);
  });

  it('refuses bad states and bad leaf hashes with codes', () => {
    const h = leafHashes[0] as Uint8Array;
    for (const size of [-1, 1.5, Number.NaN, 2 ** 53, '3' as unknown as number]) {
      expect(codeOf(() => newCompactRange(hasher, { size, hashes: [h, h] }))).toBe('MERKLE_BAD_SIZE:size');
    }
    expect(codeOf(() => newCompactRange(hasher, { size: 3, hashes: [h] }))).toBe('MERKLE_BAD_RANGE:hashes');
    expect(codeOf(() => newCompactRange(hasher, { size: 3, hashes: [h, h.subarray(2)] }))).toBe(
      'MERKLE_HASH_LENGTH:hashes[1]',
    );
    const range = newCompactRange(hasher);
    expect(codeOf(() => range.append(new Uint8Array(31)))).toBe('MERKLE_HASH_LENGTH:leafHash');
    expect(range.size).toBe(0);
    const full = newCompactRange(hasher, { size: Number.MAX_SAFE_INTEGER, hashes: Array.from({ length: 53 }, () => h) });
    expect(codeOf(() => full.append(h))).toBe('MERKLE_BAD_SIZE:size');
  });
});
