// Strict parsing of numeric path and query parameters: canonical decimal, safe integers.
import { httpError } from '../errors/codes.js';

const DECIMAL = /^(0|[1-9]\d{0,15})$/;

/** The value as a number when it is a canonical decimal safe integer, else undefined. */
export function canonicalIndex(value: string): number | undefined {
  if (!DECIMAL.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function parseIndexParam(value: unknown, field: string): number {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw httpError('QUERY_INVALID', `${field} must be a non-negative decimal integer`, field);
  }
  const n = canonicalIndex(value);
  if (n === undefined) throw httpError('QUERY_INVALID', `${field} is too large`, field);
  return n;
}
