// rootFromTiles without a log (test/e2e/audit-tiles.test.ts runs it against the real log engine).
import { createLogHasher, pureHashProvider } from '@elc/core';
import { describe, expect, it } from 'vitest';
import { rootFromTiles, tilePath } from './audit-tiles.js';

const hasher = createLogHasher(pureHashProvider('sha256'));

describe('rootFromTiles (c2sp.org/tlog-tiles)', () => {
  it('names tiles as C2SP paths', () => {
    expect(tilePath(0, 1234067, 256)).toBe('tile/0/x001/x234/067');
    expect(tilePath(1, 0, 5)).toBe('tile/1/000.p/5');
  });

  it('gives the empty root for size 0 without fetching', async () => {
    expect(Buffer.from((await rootFromTiles(hasher, 0, () => Promise.resolve(undefined))).root)).toEqual(Buffer.from(hasher.emptyRoot()));
  });
});
