// Sizes reach 2^53 - 1, beyond 32-bit operators: check the arithmetic against BigInt.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitLength, isPowerOfTwo, popcount, shr, trailingZeros, xor } from './bits.js';

const safe = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('bits', () => {
  it('agree with BigInt on safe integers', () => {
    fc.assert(
      fc.property(safe, safe, fc.integer({ min: 0, max: 53 }), (a, b, n) => {
        const A = BigInt(a);
        expect(bitLength(a)).toBe(a === 0 ? 0 : A.toString(2).length);
        expect(popcount(a)).toBe(A.toString(2).replaceAll('0', '').length);
        expect(BigInt(xor(a, b))).toBe(A ^ BigInt(b));
        expect(BigInt(shr(a, n))).toBe(A >> BigInt(n));
        expect(isPowerOfTwo(a)).toBe(a > 0 && (A & (A - 1n)) === 0n);
        if (a > 0) expect(trailingZeros(a)).toBe(A.toString(2).length - A.toString(2).replace(/0+$/, '').length);
      }),
      { numRuns: 2000 },
    );
  });

  it('handle the edges', () => {
    expect([bitLength(0), bitLength(1), bitLength(2 ** 32 - 1), bitLength(2 ** 32), bitLength(2 ** 53 - 1)]).toEqual([
      0, 1, 32, 33, 53,
    ]);
    expect(xor(2 ** 52 + 5, 2 ** 52 + 3)).toBe(6);
    expect(trailingZeros(2 ** 52)).toBe(52);
  });
});
