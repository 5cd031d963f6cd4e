import { describe, expect, it } from 'vitest';
import { hashesAtTileLevel } from '@elc/core/tiles';
import { tileWidth } from './tiles.js';

describe('C2SP tlog-tiles geometry', () => {
  it('matches the spec example: a tree of 70,000', () => {
    const size = 70_000;
    // "273 full level 0 tiles, one partial level 0 tile of width 112"
    expect(tileWidth(0, 272, undefined, size)).toBe(256);
    expect(tileWidth(0, 273, 112, size)).toBe(112);
    expectNotFound(0, 273, undefined, size);
    // "one full level 1 tile, one partial level 1 tile of width 17"
    expect(tileWidth(1, 0, undefined, size)).toBe(256);
    expect(tileWidth(1, 1, 17, size)).toBe(17);
    // "and one partial level 2 tile of width 1"
    expect(tileWidth(2, 0, 1, size)).toBe(1);
    expect(hashesAtTileLevel(3, size)).toBe(0);
  });

  it('a tree of 256 is one full level 0 tile and a level 1 tile of width 1', () => {
    expect(tileWidth(0, 0, undefined, 256)).toBe(256);
    expect(tileWidth(1, 0, 1, 256)).toBe(1);
    expectNotFound(1, 0, 2, 256);
    expectNotFound(0, 1, 1, 256);
  });

  it('refuses malformed addresses', () => {
    for (const [l, n, w] of [[-1, 0, 1], [64, 0, 1], [0, -1, 1], [0, 0.5, 1], [0, 0, 0], [0, 0, 256], [0, 0, 1.5]] as const) {
      expectNotFound(l, n, w, 10_000);
    }
  });
});

function expectNotFound(level: number, index: number, width: number | undefined, size: number): void {
  expect(() => tileWidth(level, index, width, size)).toThrow(expect.objectContaining({ code: 'LOG_TILE_NOT_FOUND' }) as Error);
}
