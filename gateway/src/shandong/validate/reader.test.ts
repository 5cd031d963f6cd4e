import { describe, expect, it } from 'vitest';
import { validateContracts } from './contracts.js';
import { EMPLOYER, newContract, rescission, triples, unit } from './fixtures.test-support.js';
import { SD_ERROR_CODES } from './issues.js';
import { validateRescissions } from './rescissions.js';
import { validateUnit } from './units.js';

describe('reading a request', () => {
  it('decides the key language by majority, so the stray key is the one reported', () => {
    const body = { ...unit(), 单位名称: '测试', unitName: undefined };
    delete body.unitName;
    expect(triples(validateUnit(body))).toEqual([[null, '单位名称', 'SD_MIXED_KEYS']]);
  });

  it('prefers the request language when a field is sent under both names', () => {
    const body = { ...unit(), 单位名称: 42 };
    expect(triples(validateUnit(body))).toEqual([[null, '单位名称', 'SD_MIXED_KEYS']]);
    expect(validateUnit({ ...unit({ unitName: 'A' }) }).ok).toBe(true);
  });

  it('treats prototype-like keys as unknown fields, not as lookups', () => {
    const body = JSON.parse(`{"__proto__": {"x": 1}, "toString": "a", "constructor": "b", "rescissions": ${JSON.stringify([rescission()])}}`) as unknown;
    expect(triples(validateRescissions(body))).toEqual([
      [null, '__proto__', 'SD_UNKNOWN_FIELD'],
      [null, 'toString', 'SD_UNKNOWN_FIELD'],
      [null, 'constructor', 'SD_UNKNOWN_FIELD'],
    ]);
    const missing = JSON.parse('{"constructor": "x"}') as unknown;
    expect(triples(validateRescissions(missing))).toEqual([
      [null, 'constructor', 'SD_UNKNOWN_FIELD'],
      [null, '解除合同信息列表', 'SD_REQUIRED'],
    ]);
  });

  it('does not examine the items of an oversized list (bounded work)', () => {
    const items = Array.from({ length: 600 }, () => ({ junk: 1 }));
    expect(triples(validateContracts({ uscc: EMPLOYER, contracts: items }))).toEqual([[null, 'contracts', 'SD_ARRAY_TOO_LONG']]);
  });

  it('keeps values as sent: no trimming, no case folding', () => {
    expect(triples(validateContracts({ uscc: EMPLOYER.toLowerCase(), contracts: [newContract()] }))).toEqual([[null, 'uscc', 'SD_BAD_USCC']]);
    expect(triples(validateContracts({ uscc: EMPLOYER, contracts: [newContract({ termType: ' 1' })] }))).toEqual([[0, 'termType', 'SD_BAD_CODE']]);
    const v = validateContracts({ uscc: EMPLOYER, contracts: [newContract({ workerName: ' 测试甲 ' })] });
    expect(v.ok && v.value.contracts[0]?.workerName).toBe(' 测试甲 ');
  });

  it('says in the message which part of a USCC or an ID number is wrong', () => {
    const r = validateContracts({ uscc: '91370102MA3C00000A', contracts: [newContract({ workerIdNumber: '370102199002301234' })] });
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.message.zh.includes('校验码错误') || e.message.zh.includes('出生日期无效'), e.message.en])).toEqual([
      ['SD_BAD_USCC', true, 'uscc (单位统一信用代码) is not a valid unified social credit code (GB 32100-2015: wrong check character)'],
      ['SD_BAD_ID_NUMBER', true, 'workerIdNumber (劳动者证件号码) is not a valid citizen ID number (GB 11643-1999: impossible birth date)'],
    ]);
  });

  it('uses only codes from the closed list', () => {
    const bodies: unknown[] = [
      null,
      { uscc: 1, contracts: [null, newContract({ workerPhone: 1, startDate: '2026' }), newContract({ endDate: '20200101', x: 1 })] },
      { rescissions: [rescission({ reason: '391' }), rescission()] },
    ];
    for (const b of bodies) {
      for (const r of [validateContracts(b), validateRescissions(b), validateUnit(b)]) {
        if (!r.ok) for (const e of r.errors) expect(SD_ERROR_CODES).toContain(e.code);
      }
    }
  });
});
