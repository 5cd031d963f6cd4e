import { describe, expect, it } from 'vitest';
import { resolveSdConfig } from './config.js';
import {
  AGENT_ID, BAD_ID, EMPLOYER, LEGAL_REP_ID, astral, errorsOf, expectMessages, toZh, triples, unit, valueOf,
} from './fixtures.test-support.js';
import { UNIT_FIELDS, validateUnit } from './units.js';

const SPECS = Object.values(UNIT_FIELDS);
const zh = (body: Record<string, unknown>) => toZh(body, SPECS);
const LANGS = [
  ['en', (b: Record<string, unknown>) => b, (k: keyof typeof UNIT_FIELDS) => UNIT_FIELDS[k].key],
  ['zh', zh, (k: keyof typeof UNIT_FIELDS) => UNIT_FIELDS[k].zh],
] as const;

describe('单位信息 (units)', () => {
  it('accepts a unit with a new agent and normalizes to English keys', () => {
    const expected = {
      uscc: EMPLOYER, unitName: '山东测试科技有限公司', legalRepIdType: '01', legalRepIdNumber: LEGAL_REP_ID,
      legalRepName: '测试丙', addAgent: '1', agentIdType: '01', agentName: '测试丁', agentIdNumber: AGENT_ID,
      agentPhone: '0531-86123456',
    };
    expect(valueOf(validateUnit(unit()))).toEqual(expected);
    expect(valueOf(validateUnit(zh(unit())))).toEqual(expected);
  });

  it('新增授权人标志 0: agent fields are ignored — not validated and not kept', () => {
    const body = unit({ addAgent: '0', agentIdType: 'ZZZ', agentIdNumber: BAD_ID, agentPhone: 'none', agentName: 42 });
    const value = valueOf(validateUnit(zh(body)));
    expect(value.addAgent).toBe('0');
    expect(value).not.toHaveProperty('agentPhone');
    expect(Object.keys(value)).toEqual(['uscc', 'unitName', 'legalRepIdType', 'legalRepIdNumber', 'legalRepName', 'addAgent']);
  });

  it('新增授权人标志 0 still refuses keys the spec does not define', () => {
    expect(triples(validateUnit(unit({ addAgent: '0', agentEmail: 'x' })))).toEqual([[null, 'agentEmail', 'SD_UNKNOWN_FIELD']]);
  });

  describe.each(LANGS)('with %s keys', (_lang, shape, name) => {
    it.each(['uscc', 'unitName', 'legalRepIdType', 'legalRepIdNumber', 'legalRepName', 'addAgent'] as const)(
      'SD_REQUIRED when %s is missing, null or blank',
      (key) => {
        for (const v of [undefined, null, '', '   ', '\u3000']) {
          const body = unit();
          if (v === undefined) delete body[key];
          else body[key] = v;
          const r = validateUnit(shape(body));
          expect(triples(r), String(v)).toEqual([[null, name(key), 'SD_REQUIRED']]);
        }
      },
    );

    it.each(['agentIdType', 'agentName', 'agentIdNumber', 'agentPhone'] as const)(
      'SD_CONDITIONAL_REQUIRED when 新增授权人标志 is 1 and %s is missing',
      (key) => {
        const body = unit();
        delete body[key];
        const errors = errorsOf(validateUnit(shape(body)));
        expect(errors.map((e) => [e.index, e.field, e.code])).toEqual([[null, name(key), 'SD_CONDITIONAL_REQUIRED']]);
        expect(errors[0]?.message.zh).toContain('新增授权人标志');
      },
    );

    it.each([
      ['uscc', '91370102MA3C00000A', 'SD_BAD_USCC'],
      ['uscc', '91370102MA3C00000B1', 'SD_TOO_LONG'],
      ['unitName', '字'.repeat(101), 'SD_TOO_LONG'],
      ['legalRepIdType', '05', 'SD_BAD_CODE'],
      ['legalRepIdType', '001', 'SD_TOO_LONG'],
      ['legalRepIdNumber', BAD_ID, 'SD_BAD_ID_NUMBER'],
      ['legalRepIdNumber', '1'.repeat(21), 'SD_TOO_LONG'],
      ['legalRepName', '名'.repeat(21), 'SD_TOO_LONG'],
      ['legalRepName', 'A\u0000B', 'SD_BAD_TEXT'],
      ['legalRepName', 'A\nB', 'SD_BAD_TEXT'],
      ['addAgent', '2', 'SD_BAD_CODE'],
      ['addAgent', 1, 'SD_NOT_A_STRING'],
      ['agentIdType', '5', 'SD_BAD_CODE'],
      ['agentIdNumber', BAD_ID, 'SD_BAD_ID_NUMBER'],
      ['agentPhone', '12345', 'SD_BAD_PHONE'],
      ['agentName', ['x'], 'SD_NOT_A_STRING'],
    ] as const)('%s = %j → %s', (key, value, code) => {
      expect(triples(validateUnit(shape(unit({ [key]: value }))))).toEqual([[null, name(key), code]]);
    });
  });

  it('checks GB 11643 only for 居民身份证 (type 01)', () => {
    expect(validateUnit(unit({ legalRepIdType: '08', legalRepIdNumber: 'E12345678' })).ok).toBe(true);
    expect(validateUnit(unit({ legalRepIdType: '08', legalRepIdNumber: BAD_ID })).ok).toBe(true);
    expect(triples(validateUnit(unit({ legalRepIdNumber: 'E12345678' })))).toEqual([[null, 'legalRepIdNumber', 'SD_BAD_ID_NUMBER']]);
  });

  it('counts length in characters, not UTF-16 units', () => {
    expect(validateUnit(unit({ unitName: astral(100) })).ok).toBe(true);
    expect(triples(validateUnit(unit({ unitName: astral(101) })))).toEqual([[null, 'unitName', 'SD_TOO_LONG']]);
  });

  it('with a missing flag, agent fields that were sent are still checked', () => {
    const body = unit({ agentPhone: 'abc' });
    delete body['addAgent'];
    expect(triples(validateUnit(body))).toEqual([
      [null, 'addAgent', 'SD_REQUIRED'],
      [null, 'agentPhone', 'SD_BAD_PHONE'],
    ]);
  });

  it('refuses an ID birth date after the configured today', () => {
    const config = resolveSdConfig({ today: '19691231' });
    expect(triples(validateUnit(unit({ addAgent: '0' }), config))).toEqual([[null, 'legalRepIdNumber', 'SD_BAD_ID_NUMBER']]);
  });

  it('lists every error at once, each with zh and en messages', () => {
    const body = unit({ uscc: 'X', legalRepIdType: '00', agentPhone: '1', extra: 1 });
    delete body['unitName'];
    const errors = errorsOf(validateUnit(body));
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['extra', 'SD_UNKNOWN_FIELD'],
      ['uscc', 'SD_BAD_USCC'],
      ['unitName', 'SD_REQUIRED'],
      ['legalRepIdType', 'SD_BAD_CODE'],
      ['agentPhone', 'SD_BAD_PHONE'],
    ]);
    expectMessages(errors);
  });

  it('SD_MIXED_KEYS names the stray key and still validates its value', () => {
    const body = zh(unit());
    delete body['授权人联系电话'];
    body['agentPhone'] = 'bad';
    expect(triples(validateUnit(body))).toEqual([
      [null, 'agentPhone', 'SD_MIXED_KEYS'],
      [null, 'agentPhone', 'SD_BAD_PHONE'],
    ]);
  });

  it.each([null, [], 'text', 42, [unit()]])('SD_NOT_AN_OBJECT for body %j', (body) => {
    expect(triples(validateUnit(body))).toEqual([[null, null, 'SD_NOT_AN_OBJECT']]);
  });
});
