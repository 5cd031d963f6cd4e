import { describe, expect, it } from 'vitest';
import { checkpointKey, decodeState, encodeState, entryKey, idKey, metaKey, popCount, tileKey } from './key-codec.js';

const cmp = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(a, b);

describe('LevelDB key codec', () => {
  it('uses one ASCII prefix per kind and big-endian u64 numbers', () => {
    expect([...entryKey(258)]).toEqual([0x65, 0, 0, 0, 0, 0, 0, 1, 2]);
    expect([...tileKey(2, 2 ** 40 + 3)]).toEqual([0x74, 2, 0, 0, 1, 0, 0, 0, 0, 3]);
    expect([...checkpointKey(2 ** 53 - 1)]).toEqual([0x6b, 0x00, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(new TextDecoder().decode(idKey('org/é'))).toBe('iorg/é');
    expect(new TextDecoder().decode(metaKey('state'))).toBe('mstate');
  });

  it('orders keys numerically', () => {
    const nums = [0, 1, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1];
    for (let i = 1; i < nums.length; i++) {
      expect(cmp(entryKey(nums[i - 1] as number), entryKey(nums[i] as number))).toBe(-1);
      expect(cmp(tileKey(0, nums[i - 1] as number), tileKey(0, nums[i] as number))).toBe(-1);
    }
  });

  it('refuses numbers that are not safe non-negative integers', () => {
    for (const bad of [-1, 1.5, 2 ** 53, Number.NaN]) expect(() => entryKey(bad)).toThrow(expect.objectContaining({ code: 'LOG_STORE_CORRUPT' }) as Error);
    expect(() => tileKey(64, 0)).toThrow(expect.objectContaining({ code: 'LOG_STORE_CORRUPT' }) as Error);
  });

  it('round-trips the compact-range state and refuses a state of the wrong length', () => {
    const size = 2 ** 40 + 5; // three set bits
    const hashes = [1, 2, 3].map((x) => new Uint8Array(32).fill(x));
    expect(popCount(size)).toBe(3);
    expect(decodeState(encodeState(size, hashes))).toEqual({ size, hashes });
    expect(decodeState(encodeState(0, []))).toEqual({ size: 0, hashes: [] });
    const bytes = encodeState(size, hashes);
    expect(() => decodeState(bytes.subarray(0, 8 + 33))).toThrow(expect.objectContaining({ code: 'LOG_STORE_CORRUPT' }) as Error);
    expect(() => decodeState(bytes.subarray(0, bytes.length - 32))).toThrow(expect.objectContaining({ code: 'LOG_STORE_CORRUPT' }) as Error);
    expect(() => encodeState(size, hashes.slice(1))).toThrow(expect.objectContaining({ code: 'LOG_STORE_CORRUPT' }) as Error);
  });
});
