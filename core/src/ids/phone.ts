// Telephone numbers of mainland China as a contact field: a mobile number (11 digits, 1[3-9]…)
// or a landline with its area code, optionally in +86 form. Service numbers (400/800, 5-digit
// hotlines) are not a person's contact number and are refused.

const MOBILE = /^1[3-9]\d{9}$/;
const MOBILE_INTL = /^\+86[- ]?1[3-9]\d{9}$/;
// Area codes: 010 and 02x take an 8-digit local number; 03xx–09xx take 7 or 8 digits. Local numbers
// never start with 0 or 1. An extension may follow after a hyphen.
const LANDLINE = /^0(?:(?:10|2\d)-?[2-9]\d{7}|[3-9]\d{2}-?[2-9]\d{6,7})(?:-\d{1,6})?$/;
const LANDLINE_INTL = /^\+86[- ]?(?:(?:10|2\d)[- ]?[2-9]\d{7}|[3-9]\d{2}[- ]?[2-9]\d{6,7})(?:-\d{1,6})?$/;

/** True for an 11-digit mainland mobile number `1[3-9]` + 9 digits, with no prefix or separators. */
export function isValidMainlandMobile(s: string): boolean {
  return typeof s === 'string' && MOBILE.test(s);
}

/** True for a mainland mobile or landline-with-area-code number, optionally as +86 (no trunk 0 after it). */
export function isValidPhone(s: string): boolean {
  if (typeof s !== 'string') return false;
  return MOBILE.test(s) || MOBILE_INTL.test(s) || LANDLINE.test(s) || LANDLINE_INTL.test(s);
}
