import { createLogHasher, rootOfLeafHashes } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { describe, expect, it } from 'vitest';
import { integrate } from './integrate.js';
import type { TreeState } from './store.js';
import { nodeInTile, placeOfNode, tileValueWidth } from './tile-nodes.js';

const hasher = createLogHasher(nativeHashProvider('sha256'));
const leafHashes = (from: number, n: number): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => hasher.leafHash(new TextEncoder().encode(`leaf ${from + i}`)));

/** Integrates the leaves in chunks of the given sizes (cycled), keeping tiles like a store would. */
function build(all: readonly Uint8Array[], chunks: number[]) {
  const total = all.length;
  let state: TreeState = { size: 0, hashes: [] };
  const tiles = new Map<string, Uint8Array>();
  const roots = new Map<number, Uint8Array>();
  for (let k = 0; state.size < total; k++) {
    const n = Math.min(chunks[k % chunks.length] ?? 1, total - state.size);
    const r = integrate(hasher, state, all.slice(state.size, state.size + n), (l, i) => tiles.get(`${l}/${i}`));
    for (const t of r.tiles) tiles.set(`${t.level}/${t.index}`, t.nodes);
    state = r.state;
    roots.set(state.size, r.root);
  }
  const node = (level: number, index: number): Uint8Array | undefined => {
    const p = placeOfNode(level, index);
    const t = tiles.get(`${p.tileLevel}/${p.tileIndex}`);
    return t === undefined ? undefined : nodeInTile(t, p.h, p.k);
  };
  return { state, tiles, roots, node };
}

const mth = (all: Uint8Array[], level: number, index: number): Uint8Array => rootOfLeafHashes(hasher, all.slice(index * 2 ** level, (index + 1) * 2 ** level));

describe('integrate', () => {
  it('produces the RFC 6962 root for every size, whatever the batch boundaries', () => {
    const all = leafHashes(0, 300);
    const expected = all.map((_, i) => rootOfLeafHashes(hasher, all.slice(0, i + 1)));
    for (const chunks of [[1], [3, 1, 4, 1, 5], [256], [17, 255], [300]]) {
      const { roots } = build(all, chunks);
      for (const [size, root] of roots) expect(root, `size ${size} chunks ${chunks.join(',')}`).toEqual(expected[size - 1]);
    }
    expect(integrate(hasher, { size: 0, hashes: [] }, [], () => undefined).root).toEqual(hasher.emptyRoot());
  });

  it('stores every perfect node, as MTH of its leaves, in its tile', () => {
    const total = 77 + 256 * 2;
    const all = leafHashes(0, total);
    const { node, state } = build(all, [5, 2, 90]);
    for (let level = 0; 2 ** level <= total; level++) {
      for (let index = 0; (index + 1) * 2 ** level <= total; index++) expect(node(level, index)).toEqual(mth(all, level, index));
      expect(node(level, Math.floor(total / 2 ** level))).toBeUndefined(); // the incomplete node is not there
    }
    expect(state.size).toBe(total);
    expect(state.hashes).toHaveLength(5); // 589 = 512 + 64 + 8 + 4 + 1
  });

  it('continues from a stored state and the edge tiles, without the earlier leaves', () => {
    const tiles = new Map<string, Uint8Array>();
    const first = integrate(hasher, { size: 0, hashes: [] }, leafHashes(0, 1000), () => undefined);
    for (const t of first.tiles) tiles.set(`${t.level}/${t.index}`, t.nodes);
    const read: string[] = [];
    const resumed = integrate(hasher, first.state, leafHashes(1000, 24), (l, i) => (read.push(`${l}/${i}`), tiles.get(`${l}/${i}`)));
    expect(resumed.root).toEqual(rootOfLeafHashes(hasher, leafHashes(0, 1024)));
    expect(resumed.state.hashes).toHaveLength(1);
    expect(read.sort()).toEqual(['0/3', '1/0']); // only the right-edge tiles
  });

  it('lays tiles out as C2SP tlog-tiles: tile L/N row 0 = MTH of 256^L-leaf spans, partial widths per the spec', () => {
    const total = 256 * 256 + 300; // a full level-1 tile, and partial ones
    const all = leafHashes(0, total);
    const { tiles } = build(all, [4096]);
    const row0 = (key: string): Uint8Array[] => {
      const t = tiles.get(key) as Uint8Array;
      return Array.from({ length: tileValueWidth(t) }, (_, k) => nodeInTile(t, 0, k) as Uint8Array);
    };
    expect(row0('0/5')).toEqual(Array.from({ length: 256 }, (_, i) => mth(all, 0, 5 * 256 + i)));
    expect(row0('0/256')).toHaveLength(256);
    expect(row0('0/257')).toEqual(all.slice(65792)); // the partial level-0 tile, width 65836 % 256 = 44
    const level1 = row0('1/0');
    expect(level1).toHaveLength(256);
    for (const i of [0, 1, 128, 255]) expect(level1[i]).toEqual(mth(all, 8, i));
    expect(row0('1/1')).toEqual([mth(all, 8, 256)]); // width floor(65836 / 256) % 256 = 1
    expect(row0('2/0')).toEqual([mth(all, 16, 0)]);
    expect(tiles.has('3/0')).toBe(false);
  });
});
