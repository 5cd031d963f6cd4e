import { describe, expect, it } from 'vitest';
import { resolveSdConfig } from './config.js';
import { CONTRACT_FIELDS, CONTRACT_LIST, validateContracts } from './contracts.js';
import {
  BAD_ID, EMPLOYER, HOST, type Json, WORKER_ID, dispatchContract, errorsOf, expectMessages, newContract, toZh, triples, valueOf,
} from './fixtures.test-support.js';

type Key = keyof typeof CONTRACT_FIELDS;
const SPECS = [...Object.values(CONTRACT_FIELDS), CONTRACT_LIST];
const body = (...contracts: Json[]): Json => ({ uscc: EMPLOYER, contracts });
const LANGS = [
  ['en', (b: Json) => b, (k: Key) => CONTRACT_FIELDS[k].key],
  ['zh', (b: Json) => toZh(b, SPECS), (k: Key) => CONTRACT_FIELDS[k].zh],
] as const;

describe('新订合同信息 (contracts)', () => {
  it('accepts a batch and normalizes it, in either language', () => {
    const input = body(newContract(), dispatchContract());
    const expected = {
      uscc: EMPLOYER,
      contracts: [
        { contractNo: 'HT-2026-0001', contractName: '劳动合同', workerIdType: '01', workerName: '测试甲', workerIdNumber: WORKER_ID,
          workerPhone: '13800000000', termType: '1', startDate: '20260101', endDate: '20281231', workerCategory: '01', contractCategory: '1' },
        expect.objectContaining({ contractCategory: '3', hostUscc: HOST, dispatchStart: '20260201', dispatchEnd: '20271231' }),
      ],
    };
    expect(valueOf(validateContracts(input))).toEqual(expected);
    expect(valueOf(validateContracts(toZh(input, SPECS)))).toEqual(expected);
  });

  it('drops blank optional fields from the normalized record', () => {
    const value = valueOf(validateContracts(body(newContract({ termType: '2', endDate: '', hostUnitName: null }))));
    expect(value.contracts[0]).not.toHaveProperty('endDate');
    expect(value.contracts[0]).not.toHaveProperty('hostUnitName');
  });

  describe.each(LANGS)('with %s keys', (_lang, shape, name) => {
    it.each(['contractNo', 'contractName', 'workerIdType', 'workerName', 'workerIdNumber', 'workerPhone', 'termType',
      'startDate', 'workerCategory', 'contractCategory'] as const)('SD_REQUIRED at the item index when %s is missing', (key) => {
      const second = newContract({ contractNo: 'HT-2' });
      delete second[key];
      const r = validateContracts(shape(body(newContract(), second)));
      expect(triples(r)).toEqual([[1, name(key), 'SD_REQUIRED']]);
    });

    it('SD_REQUIRED at index null when 单位统一信用代码 is missing', () => {
      const b = body(newContract());
      delete b['uscc'];
      expect(triples(validateContracts(shape(b)))).toEqual([[null, name('uscc'), 'SD_REQUIRED']]);
    });

    it.each([
      ['contractNo', 'N'.repeat(101), 'SD_TOO_LONG'],
      ['contractName', '名'.repeat(21), 'SD_TOO_LONG'],
      ['workerIdType', 'AB', 'SD_BAD_CODE'],
      ['workerIdNumber', BAD_ID, 'SD_BAD_ID_NUMBER'],
      ['workerName', 7, 'SD_NOT_A_STRING'],
      ['workerPhone', '1380000000', 'SD_BAD_PHONE'],
      ['termType', '4', 'SD_BAD_CODE'],
      ['termType', '100', 'SD_TOO_LONG'],
      ['startDate', '20230229', 'SD_BAD_DATE'],
      ['startDate', '2026/1/1', 'SD_BAD_DATE'],
      ['startDate', '2026-01-01', 'SD_TOO_LONG'], // length (8) is checked before the format
      ['startDate', '18991231', 'SD_BAD_DATE'],
      ['startDate', '202601011', 'SD_TOO_LONG'],
      ['endDate', '20281331', 'SD_BAD_DATE'],
      ['endDate', '20251231', 'SD_DATE_ORDER'],
      ['workerCategory', '05', 'SD_BAD_CODE'],
      ['contractCategory', '5', 'SD_BAD_CODE'],
      ['hostUscc', 'ABC', 'SD_BAD_USCC'],
      ['hostUnitName', '单'.repeat(21), 'SD_TOO_LONG'],
    ] as const)('%s = %j → %s', (key, value, code) => {
      const r = validateContracts(shape(body(newContract(), newContract({ contractNo: 'HT-2', [key]: value }))));
      expect(triples(r)).toEqual([[1, name(key), code]]);
    });

    it('固定期限 (termType 1) requires the end date; 2 and 3 do not', () => {
      const fixed = newContract();
      delete fixed['endDate'];
      const r = validateContracts(shape(body(fixed)));
      expect(triples(r)).toEqual([[0, name('endDate'), 'SD_CONDITIONAL_REQUIRED']]);
      for (const termType of ['2', '3']) {
        const open = newContract({ termType });
        delete open['endDate'];
        expect(validateContracts(shape(body(open))).ok).toBe(true);
      }
    });

    it('劳务派遣 (contractCategory 3) requires the four host and dispatch fields; the dispatch end stays optional', () => {
      const d = dispatchContract();
      for (const k of ['hostUnitName', 'hostUnitLegalRep', 'dispatchStart', 'hostUscc', 'dispatchEnd']) delete d[k];
      expect(triples(validateContracts(shape(body(d))))).toEqual([
        [0, name('hostUnitName'), 'SD_CONDITIONAL_REQUIRED'],
        [0, name('hostUnitLegalRep'), 'SD_CONDITIONAL_REQUIRED'],
        [0, name('dispatchStart'), 'SD_CONDITIONAL_REQUIRED'],
        [0, name('hostUscc'), 'SD_CONDITIONAL_REQUIRED'],
      ]);
    });

    it('the dispatch end is not before the dispatch start', () => {
      const r = validateContracts(shape(body(dispatchContract({ dispatchEnd: '20260131' }))));
      expect(triples(r)).toEqual([[0, name('dispatchEnd'), 'SD_DATE_ORDER']]);
    });

    it('the host unit is not the employer itself (第67条)', () => {
      const r = validateContracts(shape(body(dispatchContract({ hostUscc: EMPLOYER }))));
      expect(triples(r)).toEqual([[0, name('hostUscc'), 'SD_DISPATCH_TO_SELF']]);
    });

    it('a 合同编号 appears once per request', () => {
      const r = validateContracts(shape(body(newContract(), dispatchContract(), newContract())));
      expect(triples(r)).toEqual([[2, name('contractNo'), 'SD_DUPLICATE_IN_BATCH']]);
    });
  });

  it('keeps the spec lengths of section 2: 合同编号 100, 合同期限类别 2', () => {
    const config = resolveSdConfig({ codeTables: { B: { '1': '固定期限', '11': '两位代码' } } });
    const r = validateContracts(body(newContract({ contractNo: 'N'.repeat(100), termType: '11', endDate: '20281231' })), config);
    expect(r.ok).toBe(true);
  });

  it('does not check GB 11643 for other ID types', () => {
    expect(validateContracts(body(newContract({ workerIdType: '08', workerIdNumber: 'E12345678' }))).ok).toBe(true);
  });

  it('accepts dispatch fields outside dispatch contracts but still checks them', () => {
    expect(validateContracts(body(newContract({ hostUnitName: '某单位' }))).ok).toBe(true);
    expect(triples(validateContracts(body(newContract({ dispatchStart: '20260230' }))))).toEqual([[0, 'dispatchStart', 'SD_BAD_DATE']]);
  });

  describe('the list', () => {
    it.each([
      [{ uscc: EMPLOYER }, 'contracts', 'SD_REQUIRED'],
      [{ uscc: EMPLOYER, contracts: null }, 'contracts', 'SD_REQUIRED'],
      [{ uscc: EMPLOYER, contracts: {} }, 'contracts', 'SD_NOT_AN_ARRAY'],
      [{ uscc: EMPLOYER, contracts: [] }, 'contracts', 'SD_ARRAY_EMPTY'],
      [{ 单位统一信用代码: EMPLOYER, 合同新订列表: [] }, '合同新订列表', 'SD_ARRAY_EMPTY'],
    ])('%j → %s %s', (b, field, code) => {
      expect(triples(validateContracts(b))).toEqual([[null, field, code]]);
    });

    it('accepts 500 items and refuses 501 (the spec sets no maximum; ELC Ledger caps at 500)', () => {
      const items = (n: number) => Array.from({ length: n }, (_, i) => newContract({ contractNo: `HT-${i}` }));
      expect(valueOf(validateContracts(body(...items(500)))).contracts).toHaveLength(500);
      expect(triples(validateContracts(body(...items(501))))).toEqual([[null, 'contracts', 'SD_ARRAY_TOO_LONG']]);
    });

    it('takes its maximum from configuration', () => {
      const config = resolveSdConfig({ maxItems: { contracts: 2 } });
      const r = validateContracts(body(newContract({ contractNo: 'a' }), newContract({ contractNo: 'b' }), newContract({ contractNo: 'c' })), config);
      expect(triples(r)).toEqual([[null, 'contracts', 'SD_ARRAY_TOO_LONG']]);
    });

    it('reports items that are not objects, and the others too', () => {
      const r = validateContracts(body(newContract(), 'x' as unknown as Json, newContract({ contractNo: 'b', workerPhone: '1' })));
      expect(triples(r)).toEqual([
        [1, null, 'SD_NOT_AN_OBJECT'],
        [2, 'workerPhone', 'SD_BAD_PHONE'],
      ]);
    });
  });

  it('lists every error of every item, body first then by index', () => {
    const r = validateContracts({
      uscc: 'bad',
      contracts: [
        newContract({ workerPhone: 'x', startDate: '20260132' }),
        newContract({ contractNo: 'b', termType: '9', workerIdNumber: BAD_ID, remark: 'x' }),
      ],
    });
    expect(triples(r)).toEqual([
      [null, 'uscc', 'SD_BAD_USCC'],
      [0, 'workerPhone', 'SD_BAD_PHONE'],
      [0, 'startDate', 'SD_BAD_DATE'],
      [1, 'remark', 'SD_UNKNOWN_FIELD'],
      [1, 'workerIdNumber', 'SD_BAD_ID_NUMBER'],
      [1, 'termType', 'SD_BAD_CODE'],
    ]);
    expectMessages(errorsOf(r));
  });

  it('SD_MIXED_KEYS for an English key in a Chinese request, wherever it is', () => {
    const b = toZh(body(newContract(), newContract({ contractNo: 'b' })), SPECS);
    const items = b['合同新订列表'] as Json[];
    const second = items[1] as Json;
    second['workerPhone'] = second['劳动者联系电话'];
    delete second['劳动者联系电话'];
    expect(triples(validateContracts(b))).toEqual([[1, 'workerPhone', 'SD_MIXED_KEYS']]);
  });

  it('an empty object gets Chinese field names (the spec language)', () => {
    expect(triples(validateContracts({}))).toEqual([
      [null, '单位统一信用代码', 'SD_REQUIRED'],
      [null, '合同新订列表', 'SD_REQUIRED'],
    ]);
  });
});
