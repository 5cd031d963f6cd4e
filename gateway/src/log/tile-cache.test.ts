import { describe, expect, it } from 'vitest';
import { createTileCache } from './tile-cache.js';

const tile = (n: number): Uint8Array => Uint8Array.of(n);
const present = (c: ReturnType<typeof createTileCache>, ids: number[]): number[] => ids.filter((i) => c.get(0, i) !== undefined);

describe('tile cache', () => {
  it('keeps what was set, by level and index, up to its capacity', () => {
    const c = createTileCache(4);
    c.set(0, 7, tile(1));
    c.set(1, 7, tile(2));
    expect([c.get(0, 7), c.get(1, 7), c.get(2, 7), c.get(0, 8)]).toEqual([tile(1), tile(2), undefined, undefined]);
    for (let i = 0; i < 100; i++) c.set(0, 100 + i, tile(i));
    expect(c.size).toBe(4);
    expect(present(c, [196, 197, 198, 199])).toEqual([196, 197, 198, 199]);
  });

  it('evicts the oldest tile not read since it was last passed; a read tile gets a second chance', () => {
    const c = createTileCache(3);
    [1, 2, 3].forEach((i) => c.set(0, i, tile(i)));
    c.get(0, 1);
    c.set(0, 4, tile(4)); // 1 was read: 2 goes
    expect(present(c, [1, 2, 3, 4])).toEqual([1, 3, 4]);
    // that check read 1, 3 and 4: all flagged, so the walk clears them in age order and evicts the oldest
    c.set(0, 5, tile(5));
    expect(c.size).toBe(3);
    expect(present(c, [1, 3, 4, 5])).toEqual([1, 4, 5]);
  });

  it('replaces a value set again without growing', () => {
    const c = createTileCache(2);
    c.set(0, 1, tile(1));
    c.set(0, 1, tile(9));
    expect([c.get(0, 1), c.size]).toEqual([tile(9), 1]);
  });

  it('caches nothing with capacity 0, nor tiles whose key would not be a safe integer', () => {
    const none = createTileCache(0);
    none.set(0, 1, tile(1));
    expect([none.get(0, 1), none.size]).toEqual([undefined, 0]);
    const c = createTileCache(2);
    c.set(0, 2 ** 47, tile(1));
    expect([c.get(0, 2 ** 47), c.size]).toEqual([undefined, 0]);
  });
});
