import { describe, expect, it } from 'vitest';
import { resolveSdConfig } from './config.js';
import { validateContracts } from './contracts.js';
import { EMPLOYER, type Json, errorsOf, expectMessages, newContract, renewal, toZh, triples, valueOf } from './fixtures.test-support.js';
import { RENEWAL_FIELDS, RENEWAL_LIST, validateRenewals } from './renewals.js';

type Key = keyof typeof RENEWAL_FIELDS;
const SPECS = [...Object.values(RENEWAL_FIELDS), RENEWAL_LIST];
const body = (...renewals: Json[]): Json => ({ renewals });
const LANGS = [
  ['en', (b: Json) => b, (k: Key) => RENEWAL_FIELDS[k].key],
  ['zh', (b: Json) => toZh(b, SPECS), (k: Key) => RENEWAL_FIELDS[k].zh],
] as const;

describe('续签合同信息 (renewals)', () => {
  it('accepts a batch in either language and normalizes it', () => {
    const open = renewal({ contractNo: 'b', termType: '2', endDate: '' });
    const expected = {
      renewals: [
        { contractNo: 'HT-2023-0001', termType: '1', startDate: '20260101', endDate: '20281231', originalSignDate: '20230101', unitSignDate: '20251220', workerSignDate: '20251221' },
        { contractNo: 'b', termType: '2', startDate: '20260101', originalSignDate: '20230101', unitSignDate: '20251220', workerSignDate: '20251221' },
      ],
    };
    expect(valueOf(validateRenewals(body(renewal(), open)))).toEqual(expected);
    expect(valueOf(validateRenewals(toZh(body(renewal(), open), SPECS)))).toEqual(expected);
  });

  describe.each(LANGS)('with %s keys', (_lang, shape, name) => {
    it.each(['contractNo', 'termType', 'startDate', 'originalSignDate', 'unitSignDate', 'workerSignDate'] as const)(
      'SD_REQUIRED when %s is missing',
      (key) => {
        const item = renewal();
        delete item[key];
        expect(triples(validateRenewals(shape(body(item))))).toEqual([[0, name(key), 'SD_REQUIRED']]);
      },
    );

    it.each([
      ['contractNo', 'N'.repeat(51), 'SD_TOO_LONG'],
      ['termType', '12', 'SD_TOO_LONG'], // 1 in section 4 (2 in section 2)
      ['termType', '4', 'SD_BAD_CODE'],
      ['startDate', '20250229', 'SD_BAD_DATE'],
      ['endDate', '20251231', 'SD_DATE_ORDER'],
      ['originalSignDate', '20230132', 'SD_BAD_DATE'],
      ['unitSignDate', 20251220, 'SD_NOT_A_STRING'],
      ['workerSignDate', '00000000', 'SD_BAD_DATE'],
    ] as const)('%s = %j → %s', (key, value, code) => {
      expect(triples(validateRenewals(shape(body(renewal({ [key]: value })))))).toEqual([[0, name(key), code]]);
    });

    it('固定期限 requires the end date', () => {
      const item = renewal();
      delete item['endDate'];
      expect(triples(validateRenewals(shape(body(item))))).toEqual([[0, name('endDate'), 'SD_CONDITIONAL_REQUIRED']]);
    });

    it('原合同签订日期 is not after the renewal start or either renewal signature', () => {
      const r = validateRenewals(shape(body(
        renewal({ originalSignDate: '20260102' }),
        renewal({ contractNo: 'b', originalSignDate: '20251221' }),
      )));
      expect(triples(r)).toEqual([
        [0, name('originalSignDate'), 'SD_DATE_ORDER'],
        [0, name('originalSignDate'), 'SD_DATE_ORDER'],
        [0, name('originalSignDate'), 'SD_DATE_ORDER'],
        [1, name('originalSignDate'), 'SD_DATE_ORDER'],
      ]);
    });
  });

  it('renewal signatures may fall after the start (第10条: within a month)', () => {
    expect(validateRenewals(body(renewal({ unitSignDate: '20260115', workerSignDate: '20260120' }))).ok).toBe(true);
  });

  it('keeps the spec inconsistency: a 2-character term type fits section 2 but not section 4', () => {
    const config = resolveSdConfig({ codeTables: { B: { '1': '固定期限', '11': '两位代码' } } });
    expect(validateContracts({ uscc: EMPLOYER, contracts: [newContract({ termType: '11' })] }, config).ok).toBe(true);
    expect(triples(validateRenewals(body(renewal({ termType: '11' })), config))).toEqual([[0, 'termType', 'SD_TOO_LONG']]);
  });

  it('refuses 51 items and an item that is not an object', () => {
    const items = Array.from({ length: 51 }, (_, i) => renewal({ contractNo: `HT-${i}` }));
    expect(triples(validateRenewals(body(...items)))).toEqual([[null, 'renewals', 'SD_ARRAY_TOO_LONG']]);
    expect(triples(validateRenewals(body(renewal(), [] as unknown as Json)))).toEqual([[1, null, 'SD_NOT_AN_OBJECT']]);
    expect(triples(validateRenewals({ renewals: 'x' }))).toEqual([[null, 'renewals', 'SD_NOT_AN_ARRAY']]);
  });

  it('lists every error of every item, with a duplicate', () => {
    const r = validateRenewals(body(renewal({ termType: '9' }), renewal({ startDate: '', endDate: '2028' })));
    expect(triples(r)).toEqual([
      [0, 'termType', 'SD_BAD_CODE'],
      [1, 'startDate', 'SD_REQUIRED'],
      [1, 'endDate', 'SD_BAD_DATE'],
      [1, 'contractNo', 'SD_DUPLICATE_IN_BATCH'],
    ]);
    expectMessages(errorsOf(r));
  });
});
