import { describe, expect, it } from 'vitest';
import { TILE_HEIGHT, TILE_WIDTH, hashesAtTileLevel } from './geometry.js';

describe('C2SP tlog-tiles geometry', () => {
  it('a tile is 8 levels high and 256 hashes wide', () => {
    expect(TILE_WIDTH).toBe(2 ** TILE_HEIGHT);
  });

  it('counts the hashes of each tile level as the spec example does (a tree of 70,000)', () => {
    // "273 full level 0 tiles, one partial level 0 tile of width 112; one full level 1 tile, one
    // partial level 1 tile of width 17; and one partial level 2 tile of width 1"
    expect([0, 1, 2, 3].map((level) => hashesAtTileLevel(level, 70_000))).toEqual([70_000, 273, 1, 0]);
    expect(70_000 % TILE_WIDTH).toBe(112);
    expect(273 % TILE_WIDTH).toBe(17);
  });
});
