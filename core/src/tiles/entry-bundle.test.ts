import { describe, expect, it } from 'vitest';
import { MAX_ENTRY_BYTES, decodeEntryBundle, encodeEntryBundle } from './entry-bundle.js';

describe('C2SP entry bundles', () => {
  it('encodes entry bundles as big-endian uint16 length + bytes', () => {
    const bundle = encodeEntryBundle([Uint8Array.of(7), new Uint8Array(0x0102).fill(9), new Uint8Array(0)]);
    expect([...bundle.subarray(0, 3)]).toEqual([0, 1, 7]);
    expect([...bundle.subarray(3, 5)]).toEqual([1, 2]);
    expect(bundle.length).toBe(3 + 2 + 0x0102 + 2);
    expect(decodeEntryBundle(bundle).map((e) => e.length)).toEqual([1, 0x0102, 0]);
    expect(() => decodeEntryBundle(Uint8Array.of(0, 5, 1))).toThrow(expect.objectContaining({ code: 'TILES_BUNDLE_MALFORMED' }) as Error);
  });

  it('refuses an entry too long for its uint16 length, and a truncated length', () => {
    expect(decodeEntryBundle(encodeEntryBundle([new Uint8Array(MAX_ENTRY_BYTES).fill(1)]))[0]?.length).toBe(MAX_ENTRY_BYTES);
    expect(() => encodeEntryBundle([new Uint8Array(MAX_ENTRY_BYTES + 1)])).toThrow(expect.objectContaining({ code: 'TILES_ENTRY_TOO_LARGE' }) as Error);
    expect(() => decodeEntryBundle(Uint8Array.of(0, 1, 7, 0))).toThrow(expect.objectContaining({ code: 'TILES_BUNDLE_MALFORMED' }) as Error);
    expect(decodeEntryBundle(new Uint8Array(0))).toEqual([]);
  });
});
