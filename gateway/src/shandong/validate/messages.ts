// Bilingual messages (Chinese first, the spec's language). Wording may change; codes may not.
import type { ResidentIdProblem, UsccProblem } from '@elc/core';
import type { SdMessage } from './issues.js';

/** A field named for a message: its Chinese name and English key. */
export interface FieldName {
  readonly zh: string;
  readonly key: string;
}

/** Why a USCC or an ID number failed (the problem names of @elc/core's checkUscc / checkResidentId). */
export const ID_PROBLEMS: Readonly<Record<UsccProblem | ResidentIdProblem, SdMessage>> = {
  length: { zh: '长度不是18位', en: 'not 18 characters' },
  charset: { zh: '含有不允许的字符', en: 'characters outside the allowed set' },
  authority: { zh: '登记管理部门代码无效', en: 'unknown registration authority code' },
  category: { zh: '机构类别代码无效', en: 'unknown organisation category code' },
  region: { zh: '行政区划码无效', en: 'bad administrative region code' },
  birthDate: { zh: '出生日期无效', en: 'impossible birth date' },
  check: { zh: '校验码错误', en: 'wrong check character' },
};

const zh = (f: FieldName): string => `${f.zh}（${f.key}）`;
const en = (f: FieldName): string => `${f.key} (${f.zh})`;

export const messages = {
  bodyNotObject: (): SdMessage => ({ zh: '请求体必须是 JSON 对象', en: 'the request body must be a JSON object' }),
  itemNotObject: (i: number): SdMessage => ({ zh: `第 ${i} 项必须是 JSON 对象`, en: `item ${i} must be a JSON object` }),
  notArray: (f: FieldName): SdMessage => ({ zh: `${zh(f)}必须是 JSON 数组`, en: `${en(f)} must be a JSON array` }),
  notString: (f: FieldName): SdMessage => ({ zh: `${zh(f)}必须是字符串`, en: `${en(f)} must be a string` }),
  required: (f: FieldName): SdMessage => ({ zh: `${zh(f)}为必填项`, en: `${en(f)} is required` }),
  conditional: (f: FieldName, because: SdMessage): SdMessage => ({
    zh: `${because.zh}时${zh(f)}为必填项`,
    en: `${en(f)} is required when ${because.en}`,
  }),
  tooLong: (f: FieldName, max: number, length: number): SdMessage => ({
    zh: `${zh(f)}最长 ${max} 个字符，实际 ${length} 个`,
    en: `${en(f)} is at most ${max} characters, got ${length}`,
  }),
  badText: (f: FieldName): SdMessage => ({
    zh: `${zh(f)}含有控制字符或无效的 Unicode 代理项`,
    en: `${en(f)} contains control characters or unpaired surrogates`,
  }),
  badDate: (f: FieldName, min: string): SdMessage => ({
    zh: `${zh(f)}必须是 yyyyMMdd 格式的真实日期，且不早于 ${min}`,
    en: `${en(f)} must be a real date as yyyyMMdd, not before ${min}`,
  }),
  badUscc: (f: FieldName, problem: SdMessage): SdMessage => ({
    zh: `${zh(f)}不是有效的统一社会信用代码（GB 32100-2015：${problem.zh}）`,
    en: `${en(f)} is not a valid unified social credit code (GB 32100-2015: ${problem.en})`,
  }),
  badIdNumber: (f: FieldName, problem: SdMessage): SdMessage => ({
    zh: `${zh(f)}不是有效的居民身份证号码（GB 11643-1999：${problem.zh}）`,
    en: `${en(f)} is not a valid citizen ID number (GB 11643-1999: ${problem.en})`,
  }),
  badPhone: (f: FieldName): SdMessage => ({
    zh: `${zh(f)}必须是手机号码或带区号的固定电话号码`,
    en: `${en(f)} must be a mobile number or a landline number with its area code`,
  }),
  badCode: (f: FieldName, table: string, allowed: readonly string[]): SdMessage => {
    const list = allowed.length <= 12 ? allowed.join(', ') : `${allowed.slice(0, 12).join(', ')}, …`;
    return { zh: `${zh(f)}不在代码表${table}中（${list}）`, en: `${en(f)} is not in code table ${table} (${list})` };
  },
  notOneOf: (f: FieldName, meaning: string): SdMessage => ({
    zh: `${zh(f)}只能取值 ${meaning}`,
    en: `${en(f)} must be one of ${meaning}`,
  }),
  arrayEmpty: (f: FieldName): SdMessage => ({ zh: `${zh(f)}不能为空`, en: `${en(f)} must not be empty` }),
  arrayTooLong: (f: FieldName, max: number, length: number): SdMessage => ({
    zh: `${zh(f)}最多 ${max} 项，实际 ${length} 项`,
    en: `${en(f)} holds at most ${max} items, got ${length}`,
  }),
  notBefore: (later: FieldName, earlier: FieldName): SdMessage => ({
    zh: `${zh(later)}不能早于${zh(earlier)}`,
    en: `${en(later)} must not be before ${en(earlier)}`,
  }),
  notAfter: (earlier: FieldName, later: FieldName): SdMessage => ({
    zh: `${zh(earlier)}不能晚于${zh(later)}`,
    en: `${en(earlier)} must not be after ${en(later)}`,
  }),
  initiator: (reason: string, expected: string, got: string): SdMessage => ({
    zh: `解除情形 ${reason} 应由${expected === '1' ? '劳动者' : '单位'}（${expected}）发起，而非 ${got}`,
    en: `rescission case ${reason} is initiated by the ${expected === '1' ? 'worker' : 'unit'} (${expected}), not ${got}`,
  }),
  dispatchToSelf: (f: FieldName): SdMessage => ({
    zh: `${zh(f)}不能是用人单位本身（劳动合同法第六十七条）`,
    en: `${en(f)} must not be the employer itself (Labor Contract Law art. 67)`,
  }),
  duplicate: (f: FieldName, first: number): SdMessage => ({
    zh: `${zh(f)}与第 ${first} 项重复`,
    en: `${en(f)} repeats item ${first}`,
  }),
  mixedKeys: (key: string, lang: 'zh' | 'en'): SdMessage => ({
    zh: `键名“${key}”与本请求其他键名语言不一致：请全部使用${lang === 'zh' ? '中文参数名' : '英文键名'}`,
    en: `key "${key}" mixes languages: this request uses ${lang === 'zh' ? 'the Chinese parameter names' : 'the English keys'}`,
  }),
  unknownField: (key: string): SdMessage => ({ zh: `未定义的参数“${key}”`, en: `unknown parameter "${key}"` }),
};
