// Strict parsing of numeric path and query parameters: canonical decimal, safe integers.
import { httpError } from '../../errors/codes.js';

const DECIMAL = /^(0|[1-9]\d{0,15})$/;

export function parseIndexParam(value: unknown, field: string): number {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw httpError('QUERY_INVALID', `${field} must be a non-negative decimal integer`, field);
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw httpError('QUERY_INVALID', `${field} is too large`, field);
  return n;
}
