// Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters
//   1     registration authority code (登记管理部门代码)
//   2     organisation category code (机构类别代码), from the authority's own list
//   3–8   administrative region of the registering authority (GB/T 2260; 100000 = national)
//   9–17  subject identifier (主体标识码, the GB 11714 organisation code)
//   18    check character (§5)
import { ElcError } from '../errors.js';
import { isProvinceCode } from './region.js';

/** GB 32100-2015 §4 code character set, in value order (digits and capitals without I O S V Z). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 §5 weights of positions 1–17 (3^(i-1) mod 31). */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * GB 32100-2015 Appendix A: registration authority code → the organisation category codes it may
 * use. 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商 (市场监管),
 * A 中央军委改革和编制办公室, N 农业, Y 其他. Under 民政 the table prints 1 社会团体, 2 民办非企业单位,
 * 3 基金会, 9 其他. 4 and 5 are accepted there too, as a precaution: codes starting 54/55 are said to
 * be used for 基层群众性自治组织 (村民/居民委员会) coded after 2015, which we could not confirm against
 * a published table — and refusing a real employer's code is worse than accepting two extra categories.
 */
export const USCC_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '123459',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

/** The region part of codes issued by national-level registration authorities. */
const USCC_NATIONAL_REGION = '100000';

export type UsccProblem = 'length' | 'charset' | 'authority' | 'category' | 'region' | 'check';

export type UsccCheck = { readonly ok: true } | { readonly ok: false; readonly problem: UsccProblem };

function charValues(s: string): number[] | undefined {
  const values: number[] = [];
  for (const ch of s) {
    const v = USCC_CHARSET.indexOf(ch);
    if (v < 0 || ch.length !== 1) return undefined;
    values.push(v);
  }
  return values;
}

/**
 * The check character for the first 17 characters (GB 32100-2015 §5: C18 = 31 − (Σ Ci·Wi mod 31),
 * with 31 written as 0), or undefined when the input is not 17 characters of the code set.
 */
export function usccCheckChar(first17: string): string | undefined {
  if (typeof first17 !== 'string' || first17.length !== 17) return undefined;
  const values = charValues(first17);
  if (values === undefined || values.length !== 17) return undefined;
  let sum = 0;
  values.forEach((v, i) => {
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  });
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Checks a USCC and says what is wrong first: length, charset, structure, then the check character. */
export function checkUscc(s: string): UsccCheck {
  if (typeof s !== 'string' || s.length !== 18) return { ok: false, problem: 'length' };
  if (charValues(s) === undefined) return { ok: false, problem: 'charset' };
  const categories = USCC_CATEGORIES[s.charAt(0)];
  if (categories === undefined) return { ok: false, problem: 'authority' };
  if (!categories.includes(s.charAt(1))) return { ok: false, problem: 'category' };
  const region = s.slice(2, 8);
  if (!/^\d{6}$/.test(region) || (region !== USCC_NATIONAL_REGION && !isProvinceCode(region.slice(0, 2)))) {
    return { ok: false, problem: 'region' };
  }
  if (usccCheckChar(s.slice(0, 17)) !== s.charAt(17)) return { ok: false, problem: 'check' };
  return { ok: true };
}

/** True for an 18-character GB 32100-2015 code with a valid structure and check character. */
export function isValidUscc(s: string): boolean {
  return checkUscc(s).ok;
}

/**
 * Test-data generator: appends the check character to 17 characters of the code set. It does not
 * check the structure, so fixtures can also carry structurally wrong codes with a valid check.
 */
export function makeUscc(first17: string): string {
  const check = usccCheckChar(first17);
  if (check === undefined) {
    throw new ElcError('IDS_BAD_INPUT', 'makeUscc needs 17 characters of the GB 32100 code set', { field: 'first17' });
  }
  return first17 + check;
}
