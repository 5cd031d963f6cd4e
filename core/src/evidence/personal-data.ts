// Architecture invariant 3: no personal data in a leaf. Leaves are public to every verifier and
// cannot be deleted from an append-only log, so names, ID numbers, phones, e-mail and addresses
// must never reach one. Two screens: key names anywhere in the input, and the values of free-text
// fields (formatted fields such as hashes are excluded: 64 hex digits often hold 11-digit runs).

import { isProvinceCode } from '../ids/region.js';

/**
 * Fragments that mark a key as personal data when they occur anywhere in it, compared after
 * lower-casing and dropping `_`, `-`, `.` and spaces (so `worker_Name`, `idNumber`, `ID-No` all match).
 */
const PERSONAL_KEY_FRAGMENTS: readonly string[] = [
  'name', '姓名', '名字', '名称',
  'idnumber', 'idno', 'idcard', 'identitynumber', 'identitycard', 'certno', 'certnumber', 'passport',
  '身份证', '证件号', '护照',
  'phone', 'mobile', 'telephone', 'cellphone', '电话', '手机', '联系方式',
  'email', 'mail', '邮箱', '邮件',
  'addr', '地址', '住址', '居住地', '户籍',
  'birth', '出生', '生日',
  'bankcard', 'bankaccount', '银行卡', '银行账号',
];

/** Keys that are personal data only as a whole word (too short to search inside other keys). */
const PERSONAL_KEYS_EXACT: ReadonlySet<string> = new Set(['tel', 'dob', 'sfz', 'sfzh', 'xm']);

/** One alternation of the fragments (none holds a regex metacharacter): a single scan per key. */
const PERSONAL_KEY_PATTERN = new RegExp(PERSONAL_KEY_FRAGMENTS.join('|'));

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[\s_.-]/g, '');
}

export function isPersonalDataKey(key: string): boolean {
  const k = normaliseKey(key);
  return PERSONAL_KEYS_EXACT.has(k) || PERSONAL_KEY_PATTERN.test(k);
}

/**
 * GB 11643-1999 citizen ID: 6-digit region, yyyymmdd birth date, 3-digit sequence, check digit.
 * Matched by shape (not by check digit: a mistyped ID number is still personal data).
 */
const ID_NUMBER = /(?<![0-9])([1-8][0-9])[0-9]{4}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])/g;

/** Mainland mobile numbers 1[3-9]xxxxxxxxx, optionally +86 / 86 prefixed or split 3-4-4. */
const MOBILE_NUMBER = /(?<![0-9])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]{4}){2}(?![0-9])/;

/** What a free-text value gives away, or undefined when it looks clean. */
export function personalDataInText(text: string): 'id_number' | 'mobile_number' | undefined {
  for (const m of text.matchAll(ID_NUMBER)) {
    if (isProvinceCode(m[1] ?? '')) return 'id_number';
  }
  if (MOBILE_NUMBER.test(text)) return 'mobile_number';
  return undefined;
}

export interface PersonalDataFinding {
  /** Dot path of the key (array indices as numbers), e.g. `data.workerName`. */
  readonly field: string;
  readonly message: string;
}

/** Deepest nesting the key screen walks; no valid event comes close, deeper input is refused. */
export const PERSONAL_DATA_MAX_DEPTH = 16;

/**
 * Every key anywhere in `input` whose name marks personal data, in document order. Own enumerable
 * keys only; recursion stops at PERSONAL_DATA_MAX_DEPTH and reports `tooDeep` (the first such path).
 */
export function findPersonalDataKeys(input: unknown): { findings: PersonalDataFinding[]; tooDeep: string | undefined } {
  const findings: PersonalDataFinding[] = [];
  let tooDeep: string | undefined;
  const path: (string | number)[] = [];
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (path.length >= PERSONAL_DATA_MAX_DEPTH) {
      tooDeep ??= path.join('.');
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      path.push(key);
      if (isPersonalDataKey(key)) {
        findings.push({ field: path.join('.'), message: `key "${key}" would carry personal data; send a commitment or nothing` });
      }
      visit((value as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  visit(input);
  return { findings, tooDeep };
}
