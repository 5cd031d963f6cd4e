import { describe, expect, it } from 'vitest';
import { DEFAULT_CODE_TABLES } from './code-tables.js';
import { resolveSdConfig } from './config.js';
import { EMPLOYER, type Json, errorsOf, expectMessages, rescission, toZh, triples, valueOf } from './fixtures.test-support.js';
import { DEFAULT_RESCISSION_INITIATORS } from './labor-law.js';
import { RESCISSION_FIELDS, RESCISSION_LIST, validateRescissions } from './rescissions.js';

type Key = keyof typeof RESCISSION_FIELDS;
const SPECS = [...Object.values(RESCISSION_FIELDS), RESCISSION_LIST];
const body = (...rescissions: Json[]): Json => ({ rescissions });
const LANGS = [
  ['en', (b: Json) => b, (k: Key) => RESCISSION_FIELDS[k].key],
  ['zh', (b: Json) => toZh(b, SPECS), (k: Key) => RESCISSION_FIELDS[k].zh],
] as const;

describe('解除合同信息 (rescissions)', () => {
  it('accepts a batch in either language and normalizes it', () => {
    const expected = {
      rescissions: [
        { contractNo: 'HT-2026-0001', reason: '370', rescindDate: '20260610', noticeDate: '20260510', initiator: '1' },
        { contractNo: 'HT-2', reason: '402', rescindDate: '20260610', noticeDate: '20260610', initiator: '2' },
      ],
    };
    const input = body(rescission(), rescission({ contractNo: 'HT-2', reason: '402', noticeDate: '20260610', initiator: '2' }));
    expect(valueOf(validateRescissions(input))).toEqual(expected);
    expect(valueOf(validateRescissions(toZh(input, SPECS)))).toEqual(expected);
  });

  it('takes an optional 单位统一信用代码 beside the list and checks it', () => {
    expect(valueOf(validateRescissions({ uscc: EMPLOYER, rescissions: [rescission()] })).uscc).toBe(EMPLOYER);
    expect(triples(validateRescissions({ 单位统一信用代码: 'x', 解除合同信息列表: [toZh(rescission(), SPECS)] }))).toEqual([
      [null, '单位统一信用代码', 'SD_BAD_USCC'],
    ]);
  });

  describe.each(LANGS)('with %s keys', (_lang, shape, name) => {
    it.each(['contractNo', 'reason', 'rescindDate', 'noticeDate', 'initiator'] as const)('SD_REQUIRED when %s is missing', (key) => {
      const item = rescission();
      delete item[key];
      expect(triples(validateRescissions(shape(body(rescission({ contractNo: 'a' }), item))))).toEqual([[1, name(key), 'SD_REQUIRED']]);
    });

    it.each([
      ['contractNo', 'N'.repeat(51), 'SD_TOO_LONG'], // 50 in sections 3–5 (100 in section 2)
      ['reason', '380', 'SD_BAD_CODE'],
      ['reason', '3701', 'SD_TOO_LONG'],
      ['rescindDate', '20260631', 'SD_BAD_DATE'],
      ['noticeDate', '20261301', 'SD_BAD_DATE'],
      ['initiator', '3', 'SD_BAD_CODE'],
      ['initiator', 1, 'SD_NOT_A_STRING'],
    ] as const)('%s = %j → %s', (key, value, code) => {
      expect(triples(validateRescissions(shape(body(rescission({ [key]: value })))))).toEqual([[0, name(key), code]]);
    });

    it('告知时间 after 合同解除日期 → SD_DATE_ORDER on 告知时间', () => {
      const r = validateRescissions(shape(body(rescission({ noticeDate: '20260611' }))));
      expect(triples(r)).toEqual([[0, name('noticeDate'), 'SD_DATE_ORDER']]);
    });

    it('a 解除情形 given to the worker with 发起方 unit → SD_INITIATOR_MISMATCH on 发起方', () => {
      const r = validateRescissions(shape(body(rescission({ reason: '382', initiator: '2' }))));
      expect(triples(r)).toEqual([[0, name('initiator'), 'SD_INITIATOR_MISMATCH']]);
    });
  });

  it('contractNo of exactly 50 characters is accepted', () => {
    expect(validateRescissions(body(rescission({ contractNo: 'N'.repeat(50) }))).ok).toBe(true);
  });

  describe('解除情形 → 解除合同发起方 (Labor Contract Law 第36–41条)', () => {
    const worker = ['361', '370', '381', '382', '383', '384', '385', '386', '387'];
    const unit = ['362', '391', '392', '393', '394', '395', '396', '401', '402', '403', '411', '412', '413', '414'];

    it('maps exactly these codes', () => {
      expect(Object.entries(DEFAULT_RESCISSION_INITIATORS).sort()).toEqual(
        [...worker.map((c) => [c, '1']), ...unit.map((c) => [c, '2'])].sort(),
      );
      for (const code of [...worker, ...unit]) expect(DEFAULT_CODE_TABLES.E).toHaveProperty(code);
    });

    it.each(worker)('%s is initiated by the worker (1)', (reason) => {
      const ok = rescission({ reason, initiator: '1' });
      expect(validateRescissions(body(ok)).ok).toBe(true);
      const errors = errorsOf(validateRescissions(body(rescission({ reason, initiator: '2' }))));
      expect(errors.map((e) => [e.index, e.field, e.code])).toEqual([[0, 'initiator', 'SD_INITIATOR_MISMATCH']]);
      expect(errors[0]?.message.zh).toContain('劳动者');
    });

    it.each(unit)('%s is initiated by the unit (2)', (reason) => {
      expect(validateRescissions(body(rescission({ reason, initiator: '2' }))).ok).toBe(true);
      expect(triples(validateRescissions(body(rescission({ reason, initiator: '1' }))))).toEqual([[0, 'initiator', 'SD_INITIATOR_MISMATCH']]);
    });

    it.each(['710', '999'])('%s takes either initiator', (reason) => {
      expect(validateRescissions(body(rescission({ reason, initiator: '1' }), rescission({ contractNo: 'b', reason, initiator: '2' }))).ok).toBe(true);
    });

    it('uses a configured mapping instead of the default', () => {
      const config = resolveSdConfig({ rescissionInitiators: { '999': '2' } });
      expect(triples(validateRescissions(body(rescission({ reason: '999', initiator: '1' })), config))).toEqual([[0, 'initiator', 'SD_INITIATOR_MISMATCH']]);
      expect(validateRescissions(body(rescission({ reason: '382', initiator: '2' })), config).ok).toBe(true);
    });
  });

  describe('告知时间 and 合同解除日期', () => {
    it('does not require 30 days of notice (第40条 allows pay in lieu)', () => {
      expect(validateRescissions(body(rescission({ reason: '402', initiator: '2', noticeDate: '20260610' }))).ok).toBe(true);
      expect(validateRescissions(body(rescission({ noticeDate: '20260609' }))).ok).toBe(true);
    });

    it.each(['387', '999'])('lets the notice follow the rescission for %s (no prior notice required)', (reason) => {
      const initiator = reason === '387' ? '1' : '2';
      expect(validateRescissions(body(rescission({ reason, initiator, noticeDate: '20260620' }))).ok).toBe(true);
    });

    it('does not compare dates when one of them is bad', () => {
      expect(triples(validateRescissions(body(rescission({ noticeDate: '20269999' }))))).toEqual([[0, 'noticeDate', 'SD_BAD_DATE']]);
    });
  });

  it('refuses 51 items and accepts 50', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => rescission({ contractNo: `HT-${i}` }));
    expect(validateRescissions(body(...items(50))).ok).toBe(true);
    expect(triples(validateRescissions(body(...items(51))))).toEqual([[null, 'rescissions', 'SD_ARRAY_TOO_LONG']]);
    expect(triples(validateRescissions({ 解除合同信息列表: [] }))).toEqual([[null, '解除合同信息列表', 'SD_ARRAY_EMPTY']]);
  });

  it('the same contract twice in one request → SD_DUPLICATE_IN_BATCH', () => {
    expect(triples(validateRescissions(body(rescission(), rescission())))).toEqual([[1, 'contractNo', 'SD_DUPLICATE_IN_BATCH']]);
  });

  it('lists every error of every item', () => {
    const r = validateRescissions({
      rescissions: [
        rescission({ reason: '391', noticeDate: '20260701' }),
        rescission({ contractNo: 'b', rescindDate: '2026061', initiator: '0' }),
      ],
      extra: true,
    });
    expect(triples(r)).toEqual([
      [null, 'extra', 'SD_UNKNOWN_FIELD'],
      [0, 'initiator', 'SD_INITIATOR_MISMATCH'],
      [0, 'noticeDate', 'SD_DATE_ORDER'],
      [1, 'rescindDate', 'SD_BAD_DATE'],
      [1, 'initiator', 'SD_BAD_CODE'],
    ]);
    expectMessages(errorsOf(r));
  });

  it('SD_MIXED_KEYS when the list key and the item keys differ in language', () => {
    const r = validateRescissions({ rescissions: [toZh(rescission(), SPECS)] });
    expect(triples(r)).toEqual([[null, 'rescissions', 'SD_MIXED_KEYS']]);
  });
});
