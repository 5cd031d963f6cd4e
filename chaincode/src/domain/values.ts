// Checks for the values the chaincode accepts. Identifiers are shared with core's evidence
// schema (USCC, GB/T 2260 region, document hash) so that chain and log agree on what is valid.
import { isDocHash, isValidRegionCode, isValidUscc, personalDataInText } from '@elc/core';

export { isDocHash, isValidUscc as isUscc, isValidRegionCode as isRegionCode };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL_CHAR = /[\u0000-\u001F\u007F]/;

/** Well-formed Unicode, no control characters (so no NUL in a composite key), 1..max UTF-16 units. */
export function isCleanText(s: string, max: number): boolean {
  return s.length >= 1 && s.length <= max && !LONE_SURROGATE.test(s) && !CONTROL_CHAR.test(s);
}

/** Nothing that looks like a citizen ID or phone number goes on the chain (invariant 3). */
export function looksPersonal(s: string): boolean {
  return personalDataInText(s) !== undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `yyyy-mm-dd` (so string order is date order). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** C2SP checkpoint origin: one non-empty line; we also bound it and refuse control characters. */
export const MAX_ORIGIN_LENGTH = 255;
export function isOrigin(s: string): boolean {
  return isCleanText(s, MAX_ORIGIN_LENGTH) && s.trim() === s;
}

/** Decimal, no sign, no leading zeros, a safe integer. */
export function parseSize(s: string): number | undefined {
  if (!/^(0|[1-9]\d{0,15})$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}
