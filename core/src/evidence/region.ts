// Administrative division codes, GB/T 2260: six digits, the first two the province-level unit.

/** Province-level codes of GB/T 2260 (including 71 Taiwan, 81 Hong Kong, 82 Macao). */
export const GBT2260_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** True for a six-digit GB/T 2260 code whose province part is a known province-level unit. */
export function isValidRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && GBT2260_PROVINCE_CODES.has(code.slice(0, 2));
}
