// Administrative division codes, GB/T 2260: six digits; the first two name the province-level
// unit. Only the province part is checked: county codes change every year, and a code that was
// valid when an ID number or a USCC was issued stays in use after its county is renamed.

/** Province-level codes of GB/T 2260, including 71 台湾, 81 香港, 82 澳门. */
export const GB2260_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** The shape of a region code (and of a region claim): six digits. */
export const REGION_PATTERN = /^\d{6}$/;

/** True when `prefix` is a two-digit GB/T 2260 province-level code. */
export function isProvinceCode(prefix: string): boolean {
  return GB2260_PROVINCE_CODES.has(prefix);
}

/** True for six digits whose first two are a GB/T 2260 province-level code. */
export function isValidRegionCode(s: string): boolean {
  return typeof s === 'string' && REGION_PATTERN.test(s) && isProvinceCode(s.slice(0, 2));
}
