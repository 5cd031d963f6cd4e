import { createLogHasher, rootOfLeafHashes } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { describe, expect, it } from 'vitest';
import { integrate } from './integrate.js';
import type { StoredNode, TreeState } from './store.js';

const hasher = createLogHasher(nativeHashProvider('sha256'));
const leafHashes = (from: number, n: number): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => hasher.leafHash(new TextEncoder().encode(`leaf ${from + i}`)));

/** Integrates `total` leaves in chunks of the given sizes (cycled), collecting all nodes. */
function build(total: number, chunks: number[]): { state: TreeState; nodes: Map<string, Uint8Array>; roots: Map<number, Uint8Array> } {
  let state: TreeState = { size: 0, hashes: [] };
  const nodes = new Map<string, Uint8Array>();
  const roots = new Map<number, Uint8Array>();
  for (let k = 0; state.size < total; k++) {
    const n = Math.min(chunks[k % chunks.length] ?? 1, total - state.size);
    const r = integrate(hasher, state, leafHashes(state.size, n));
    r.nodes.forEach((x: StoredNode) => nodes.set(`${x.level}/${x.index}`, x.hash));
    state = r.state;
    roots.set(state.size, r.root);
  }
  return { state, nodes, roots };
}

describe('integrate', () => {
  it('produces the RFC 6962 root for every size, whatever the batch boundaries', () => {
    const all = leafHashes(0, 300);
    for (const chunks of [[1], [3, 1, 4, 1, 5], [256], [17, 255]]) {
      const { roots } = build(300, chunks);
      for (const [size, root] of roots) expect(root, `size ${size} chunks ${chunks.join(',')}`).toEqual(rootOfLeafHashes(hasher, all.slice(0, size)));
    }
    expect(integrate(hasher, { size: 0, hashes: [] }, []).root).toEqual(hasher.emptyRoot());
  });

  it('emits every perfect node exactly once, as MTH of its leaves', () => {
    const total = 77;
    const all = leafHashes(0, total);
    const { nodes, state } = build(total, [5, 2, 9]);
    let expected = 0;
    for (let level = 0; 2 ** level <= total; level++) {
      for (let index = 0; (index + 1) * 2 ** level <= total; index++) {
        expected++;
        expect(nodes.get(`${level}/${index}`)).toEqual(rootOfLeafHashes(hasher, all.slice(index * 2 ** level, (index + 1) * 2 ** level)));
      }
    }
    expect(nodes.size).toBe(expected);
    expect(state.size).toBe(total);
    expect(state.hashes).toHaveLength(4); // 77 = 64 + 8 + 4 + 1
  });

  it('continues from a stored state without the earlier leaves', () => {
    const first = integrate(hasher, { size: 0, hashes: [] }, leafHashes(0, 1000));
    const resumed = integrate(hasher, first.state, leafHashes(1000, 24));
    expect(resumed.root).toEqual(rootOfLeafHashes(hasher, leafHashes(0, 1024)));
    expect(resumed.state.hashes).toHaveLength(1);
    expect(resumed.nodes.find((n) => n.level === 10)?.hash).toEqual(resumed.root);
  });

  it('stores the hashes C2SP level-1 tiles are made of (tree level 8 = MTH of a full level-0 tile)', () => {
    const total = 256 * 256 + 300; // a full level-1 tile and a partial one
    const all = leafHashes(0, total);
    const r = integrate(hasher, { size: 0, hashes: [] }, all);
    const level8 = r.nodes.filter((n) => n.level === 8);
    expect(level8).toHaveLength(257);
    for (const i of [0, 1, 128, 255, 256]) {
      expect(level8[i]).toEqual({ level: 8, index: i, hash: rootOfLeafHashes(hasher, all.slice(i * 256, (i + 1) * 256)) });
    }
    // level-2 tile 0 entry 0 = MTH of the first 65536 leaves = tree level 16 node 0
    expect(r.nodes.find((n) => n.level === 16 && n.index === 0)?.hash).toEqual(rootOfLeafHashes(hasher, all.slice(0, 65536)));
  });
});
