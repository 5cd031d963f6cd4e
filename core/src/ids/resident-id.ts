// Citizen identity number (公民身份号码, the number on a 居民身份证), GB 11643-1999: 18 characters
//   1–6   address code (GB/T 2260)      7–14  birth date yyyyMMdd
//   15–17 sequence (odd: male)          18    check character (ISO 7064 MOD 11-2)
import { ElcError } from '../errors.js';
import { type CompactDate, parseCompactDate } from './compact-date.js';
import { isProvinceCode } from './region.js';

/** GB 11643-1999 §8.2 weights of positions 1–17 (2^(18-i) mod 11). */
export const RESIDENT_ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Check character by (Σ ai·Wi) mod 11; X stands for 10 and is upper case. */
export const RESIDENT_ID_CHECK_CHARS = '10X98765432';

/** Birth dates before this are refused as implausible for a living person. */
export const RESIDENT_ID_MIN_BIRTH_DATE = '19000101';

export type ResidentIdProblem = 'length' | 'charset' | 'region' | 'birthDate' | 'check';

export interface ResidentIdInfo {
  readonly regionCode: string;
  readonly birthDate: CompactDate;
  readonly sex: 'male' | 'female';
}

export type ResidentIdCheck =
  | { readonly ok: true; readonly info: ResidentIdInfo }
  | { readonly ok: false; readonly problem: ResidentIdProblem };

export interface ResidentIdOptions {
  /** yyyyMMdd "today"; when given, a birth date after it is refused. Injected, never read from a clock. */
  readonly asOf?: string;
}

const RESIDENT_ID_SHAPE = /^\d{17}[\dX]$/;

/** The check character for the first 17 digits, or undefined when the input is not 17 digits. */
export function residentIdCheckChar(first17: string): string | undefined {
  if (typeof first17 !== 'string' || !/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK_CHARS.charAt(sum % 11);
}

/** Checks an 18-character citizen ID number; says the first problem found. 15-digit numbers are refused. */
export function checkResidentId(s: string, options: ResidentIdOptions = {}): ResidentIdCheck {
  if (typeof s !== 'string' || s.length !== 18) return { ok: false, problem: 'length' };
  if (!RESIDENT_ID_SHAPE.test(s)) return { ok: false, problem: 'charset' };
  const regionCode = s.slice(0, 6);
  if (!isProvinceCode(regionCode.slice(0, 2))) return { ok: false, problem: 'region' };
  const birthText = s.slice(6, 14);
  const birthDate = parseCompactDate(birthText);
  if (birthDate === undefined || birthText < RESIDENT_ID_MIN_BIRTH_DATE) return { ok: false, problem: 'birthDate' };
  if (options.asOf !== undefined && birthText > options.asOf) return { ok: false, problem: 'birthDate' };
  if (residentIdCheckChar(s.slice(0, 17)) !== s.charAt(17)) return { ok: false, problem: 'check' };
  const sex = Number(s.charAt(16)) % 2 === 1 ? 'male' : 'female';
  return { ok: true, info: { regionCode, birthDate, sex } };
}

/** True for a GB 11643-1999 number with a province code, a real birth date and a valid check character. */
export function isValidResidentId(s: string, options: ResidentIdOptions = {}): boolean {
  return checkResidentId(s, options).ok;
}

/** Test-data generator: appends the check character to 17 digits (no other checks). */
export function makeResidentId(first17: string): string {
  const check = residentIdCheckChar(first17);
  if (check === undefined) {
    throw new ElcError('IDS_BAD_INPUT', 'makeResidentId needs 17 digits', { field: 'first17' });
  }
  return first17 + check;
}
