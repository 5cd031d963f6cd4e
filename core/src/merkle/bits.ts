// Bit arithmetic on tree sizes and indices. They reach 2^53, past JS's 32-bit bitwise operators,
// so everything here is plain arithmetic split into 32-bit halves where needed.
import { merkleError } from './errors.js';

const TWO32 = 2 ** 32;

/** POW2[n] = 2^n for n in 0..53 (a lookup: `2 ** n` with a variable n is a Math.pow call). */
export const POW2: readonly number[] = Array.from({ length: 54 }, (_, n) => 2 ** n);

/** 2^n for 0 <= n <= 53. */
export function pow2(n: number): number {
  return POW2[n] as number;
}

/** floor(x / 2^n) for a non-negative safe integer x and 0 <= n <= 53. */
export function shr(x: number, n: number): number {
  return Math.floor(x / (POW2[n] as number));
}

export function isOdd(x: number): boolean {
  return x % 2 === 1;
}

/** Number of bits needed to write x (0 for 0). */
export function bitLength(x: number): number {
  if (x < TWO32) return 32 - Math.clz32(x);
  return 64 - Math.clz32(Math.floor(x / TWO32));
}

export function popcount(x: number): number {
  let count = 0;
  for (let v = x; v > 0; v = Math.floor(v / 2)) count += v % 2;
  return count;
}

/** Number of trailing zero bits of x > 0. */
export function trailingZeros(x: number): number {
  let n = 0;
  for (let v = x; v % 2 === 0; v /= 2) n++;
  return n;
}

export function xor(a: number, b: number): number {
  const hi = (Math.floor(a / TWO32) ^ Math.floor(b / TWO32)) >>> 0;
  const lo = ((a % TWO32) ^ (b % TWO32)) >>> 0;
  return hi * TWO32 + lo;
}

export function isPowerOfTwo(x: number): boolean {
  return x > 0 && popcount(x) === 1;
}

/** Throws MERKLE_BAD_SIZE unless `x` is a non-negative safe integer. */
export function checkSize(x: unknown, field: string): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) {
    throw merkleError('MERKLE_BAD_SIZE', `${field} must be a non-negative safe integer`, field);
  }
  return x;
}

/** Throws MERKLE_INDEX_OUT_OF_RANGE unless 0 <= index < size (size already checked). */
export function checkIndex(index: unknown, size: number, field = 'index'): number {
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw merkleError('MERKLE_INDEX_OUT_OF_RANGE', `${field} must be a safe integer in [0, ${size})`, field);
  }
  return index;
}

/** Array.isArray without narrowing a typed array parameter to any[] (inputs are untrusted). */
export function isArrayValue(x: unknown): boolean {
  return Array.isArray(x);
}
