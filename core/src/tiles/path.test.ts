import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { encodeTileIndex, formatTilePath, parseTilePath, type TileAddress } from './path.js';

describe('C2SP tlog-tiles paths', () => {
  it.each([
    [0, '000'],
    [5, '005'],
    [999, '999'],
    [1000, 'x001/000'],
    [1234067, 'x001/x234/067'],
  ])('encodes %i as %s and parses it back', (n, text) => {
    expect(encodeTileIndex(n)).toBe(text);
    expect(parseTilePath(`0/${text}`)).toEqual({ kind: 'hashes', level: 0, index: n, width: undefined });
    expect(parseTilePath(`entries/${text}`)).toEqual({ kind: 'entries', index: n, width: undefined });
    expect(formatTilePath({ kind: 'hashes', level: 0, index: n, width: undefined })).toBe(`0/${text}`);
    expect(formatTilePath({ kind: 'entries', index: n, width: undefined })).toBe(`entries/${text}`);
  });

  it('parses levels and partial widths', () => {
    expect(parseTilePath('2/x001/234.p/17')).toEqual({ kind: 'hashes', level: 2, index: 1234, width: 17 });
    expect(parseTilePath('entries/000.p/255')).toEqual({ kind: 'entries', index: 0, width: 255 });
  });

  it.each([
    '', '0', '0/5', '0/0005', '0/x000/005', '0/001/002', '0/x001', 'x/000', '64/000', '01/000',
    '0/000.p/0', '0/000.p/256', '0/000.p/007', '0/000.p/', 'entries/', 'entries/abc', '0/000/', '-1/000',
  ])('refuses %j', (path) => {
    expect(parseTilePath(path)).toBeUndefined();
  });

  it('formats what it parses, and refuses addresses outside the spec', () => {
    for (const path of ['2/x001/234.p/17', 'entries/000.p/255', '63/x009/x007/x199/254', '1/000.p/1']) {
      expect(formatTilePath(parseTilePath(path) as TileAddress)).toBe(path);
    }
    const bad: TileAddress[] = [
      { kind: 'hashes', level: 64, index: 0, width: undefined },
      { kind: 'hashes', level: -1, index: 0, width: undefined },
      { kind: 'hashes', level: 0, index: -1, width: undefined },
      { kind: 'entries', index: 0.5, width: undefined },
      { kind: 'entries', index: 2 ** 53, width: undefined },
      { kind: 'hashes', level: 0, index: 0, width: 0 },
      { kind: 'hashes', level: 0, index: 0, width: 256 },
    ];
    for (const address of bad) {
      let code: string | undefined;
      try {
        formatTilePath(address);
      } catch (e) {
        code = isElcError(e) ? e.code : 'other';
      }
      expect(code, JSON.stringify(address)).toBe('TILES_ADDRESS_INVALID');
    }
  });
});
