import { describe, expect, it } from 'vitest';
import { extendTile, nodeInTile, placeOfNode, tileNodeCount, tileValueWidth } from './tile-nodes.js';

const h = (x: number): Uint8Array => new Uint8Array(32).fill(x);

describe('tile values', () => {
  it('hold floor(w / 2^h) nodes per row, so the width follows from the length', () => {
    expect(tileNodeCount(256)).toBe(510);
    expect(tileNodeCount(1)).toBe(1);
    expect(tileNodeCount(3)).toBe(4);
    for (let w = 1; w <= 256; w++) expect(tileValueWidth(new Uint8Array(tileNodeCount(w) * 32))).toBe(w);
    expect(() => tileValueWidth(new Uint8Array(33))).toThrow(expect.objectContaining({ code: 'LOG_STORE_CORRUPT' }) as Error);
  });

  it('place tree nodes in tiles of height 8', () => {
    expect(placeOfNode(0, 300)).toEqual({ tileLevel: 0, tileIndex: 1, h: 0, k: 44 });
    expect(placeOfNode(3, 33)).toEqual({ tileLevel: 0, tileIndex: 1, h: 3, k: 1 });
    expect(placeOfNode(8, 300)).toEqual({ tileLevel: 1, tileIndex: 1, h: 0, k: 44 });
    expect(placeOfNode(15, 2 ** 40 + 1)).toEqual({ tileLevel: 1, tileIndex: 2 ** 39, h: 7, k: 1 });
  });

  it('extend row by row and refuse gaps', () => {
    const t1 = extendTile(undefined, [{ h: 0, k: 0, hash: h(1) }]);
    const t3 = extendTile(t1, [
      { h: 0, k: 1, hash: h(2) },
      { h: 1, k: 0, hash: h(12) },
      { h: 0, k: 2, hash: h(3) },
    ]);
    expect(tileValueWidth(t3)).toBe(3);
    expect([nodeInTile(t3, 0, 0), nodeInTile(t3, 0, 2), nodeInTile(t3, 1, 0)]).toEqual([h(1), h(3), h(12)]);
    expect(nodeInTile(t3, 0, 3)).toBeUndefined();
    expect(nodeInTile(t3, 1, 1)).toBeUndefined();
    expect(() => extendTile(t1, [{ h: 0, k: 2, hash: h(3) }])).toThrow(expect.objectContaining({ code: 'LOG_STORE_CORRUPT' }) as Error);
    expect(() => extendTile(t1, [{ h: 0, k: 1, hash: h(2) }])).toThrow(expect.objectContaining({ code: 'LOG_STORE_CORRUPT' }) as Error); // missing row-1 node
  });
});
