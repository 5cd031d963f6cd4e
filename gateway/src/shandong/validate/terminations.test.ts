import { describe, expect, it } from 'vitest';
import { type Json, astral, errorsOf, expectMessages, termination, toZh, triples, valueOf } from './fixtures.test-support.js';
import { TERMINATION_FIELDS, TERMINATION_LIST, validateTerminations } from './terminations.js';

type Key = keyof typeof TERMINATION_FIELDS;
const SPECS = [...Object.values(TERMINATION_FIELDS), TERMINATION_LIST];
const body = (...terminations: Json[]): Json => ({ terminations });
const LANGS = [
  ['en', (b: Json) => b, (k: Key) => TERMINATION_FIELDS[k].key],
  ['zh', (b: Json) => toZh(b, SPECS), (k: Key) => TERMINATION_FIELDS[k].zh],
] as const;

describe('终止合同信息 (terminations)', () => {
  it('accepts a batch in either language and normalizes it', () => {
    const noNote = termination({ contractNo: 'b', reason: '3' });
    delete noNote['terminateNote'];
    const expected = {
      terminations: [
        { contractNo: 'HT-2023-0002', reason: '1', terminateDate: '20251231', noticeDate: '20251201', terminateNote: '合同期满，不再续订' },
        { contractNo: 'b', reason: '3', terminateDate: '20251231', noticeDate: '20251201' },
      ],
    };
    expect(valueOf(validateTerminations(body(termination(), noNote)))).toEqual(expected);
    expect(valueOf(validateTerminations(toZh(body(termination(), noNote), SPECS)))).toEqual(expected);
  });

  describe.each(LANGS)('with %s keys', (_lang, shape, name) => {
    it.each(['contractNo', 'reason', 'terminateDate', 'noticeDate'] as const)('SD_REQUIRED when %s is missing', (key) => {
      const item = termination();
      delete item[key];
      expect(triples(validateTerminations(shape(body(item))))).toEqual([[0, name(key), 'SD_REQUIRED']]);
    });

    it.each([
      ['contractNo', 'N'.repeat(51), 'SD_TOO_LONG'],
      ['reason', '7', 'SD_BAD_CODE'],
      ['reason', '10', 'SD_TOO_LONG'],
      ['terminateDate', '20251232', 'SD_BAD_DATE'],
      ['noticeDate', 'abcdefgh', 'SD_BAD_DATE'],
      ['terminateNote', astral(501), 'SD_TOO_LONG'],
      ['terminateNote', 'a\u0007b', 'SD_BAD_TEXT'],
      ['terminateNote', '\ud800x', 'SD_BAD_TEXT'],
      ['terminateNote', { text: 'x' }, 'SD_NOT_A_STRING'],
    ] as const)('%s = %j → %s', (key, value, code) => {
      expect(triples(validateTerminations(shape(body(termination({ [key]: value })))))).toEqual([[0, name(key), code]]);
    });
  });

  it('终止理由 is optional free text: 500 characters, line breaks and tabs allowed', () => {
    expect(validateTerminations(body(termination({ terminateNote: astral(500) }))).ok).toBe(true);
    expect(validateTerminations(body(termination({ terminateNote: '第一行\r\n第二行\t完' }))).ok).toBe(true);
  });

  it('does not compare 告知时间 with 合同终止时间 (the cause may be learnt afterwards)', () => {
    expect(validateTerminations(body(termination({ reason: '3', noticeDate: '20260115' }))).ok).toBe(true);
  });

  it.each(['1', '2', '3', '4', '5', '6', '9'])('accepts 终止情形 %s', (reason) => {
    expect(validateTerminations(body(termination({ reason }))).ok).toBe(true);
  });

  it('refuses 51 items, accepts 50, and reports duplicates', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => termination({ contractNo: `HT-${i}` }));
    expect(valueOf(validateTerminations(body(...items(50)))).terminations).toHaveLength(50);
    expect(triples(validateTerminations(body(...items(51))))).toEqual([[null, 'terminations', 'SD_ARRAY_TOO_LONG']]);
    expect(triples(validateTerminations(body(termination(), termination())))).toEqual([[1, 'contractNo', 'SD_DUPLICATE_IN_BATCH']]);
  });

  it('lists every error at once', () => {
    const r = validateTerminations({ uscc: '91370102MA3C00000A', 终止合同信息列表: [termination({ reason: 'x' })] });
    expect(triples(r)).toEqual([
      [null, '终止合同信息列表', 'SD_MIXED_KEYS'], // key checks come before value checks
      [null, 'uscc', 'SD_BAD_USCC'],
      [0, 'reason', 'SD_BAD_CODE'],
    ]);
    expectMessages(errorsOf(r));
  });
});
