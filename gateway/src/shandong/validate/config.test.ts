import { describe, expect, it } from 'vitest';
import { isElcError } from '@elc/core';
import { DEFAULT_CODE_TABLES } from './code-tables.js';
import { DEFAULT_MAX_ITEMS, DEFAULT_SD_CONFIG, type SdConfigInput, resolveSdConfig } from './config.js';
import { EMPLOYER, newContract, rescission, triples, unit } from './fixtures.test-support.js';
import { createSdValidators } from './index.js';

function configError(input: SdConfigInput): unknown {
  try {
    resolveSdConfig(input);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('configuration', () => {
  it('defaults to the spec file: tables A–F, 500 new contracts, 50 per other list, type 01 checked', () => {
    expect(DEFAULT_SD_CONFIG.codeTables).toEqual(DEFAULT_CODE_TABLES);
    expect(DEFAULT_MAX_ITEMS).toEqual({ contracts: 500, rescissions: 50, renewals: 50, terminations: 50 });
    expect([...DEFAULT_SD_CONFIG.residentIdTypes]).toEqual(['01']);
    expect(Object.keys(DEFAULT_CODE_TABLES.A).sort()).toEqual(['01', '02', '03', '04', '06', '07', '08', '16', '17', '90', '99']);
    expect(Object.keys(DEFAULT_CODE_TABLES.B).sort()).toEqual(['1', '2', '3']);
    expect(Object.keys(DEFAULT_CODE_TABLES.C).sort()).toEqual(['01', '02', '03', '04', '99']);
    expect(Object.keys(DEFAULT_CODE_TABLES.D).sort()).toEqual(['1', '2', '3', '4', '9']);
    expect(Object.keys(DEFAULT_CODE_TABLES.F).sort()).toEqual(['1', '2', '3', '4', '5', '6', '9']);
    expect(Object.keys(DEFAULT_CODE_TABLES.E).sort()).toHaveLength(25);
  });

  it.each([
    [{ maxItems: { rescissions: 0 } }, 'maxItems.rescissions'],
    [{ maxItems: { contracts: 1.5 } }, 'maxItems.contracts'],
    [{ today: '20261301' }, 'today'],
    [{ rescissionInitiators: { '370': 'worker' } }, 'rescissionInitiators.370'],
    [{ codeTables: { E: {} } }, 'codeTables.E'],
  ] as const)('refuses %j naming %s', (input, field) => {
    const e = configError(input);
    expect(isElcError(e, 'SD_CONFIG_INVALID')).toBe(true);
    expect((e as { field?: string }).field).toBe(field);
  });

  it('replaces a code table without touching the others', () => {
    const v = createSdValidators({ codeTables: { A: { '01': '居民身份证', '33': '本地证件' } } });
    expect(v.units(unit({ addAgent: '0', legalRepIdType: '33', legalRepIdNumber: 'L-1' })).ok).toBe(true);
    expect(triples(v.units(unit({ addAgent: '0', legalRepIdType: '08', legalRepIdNumber: 'E1' })))).toEqual([[null, 'legalRepIdType', 'SD_BAD_CODE']]);
    expect(v.config.codeTables.E).toBe(DEFAULT_CODE_TABLES.E);
  });

  it('configures which ID types are checked as citizen ID numbers', () => {
    const v = createSdValidators({ residentIdTypes: ['01', '17'] });
    expect(triples(v.units(unit({ addAgent: '0', legalRepIdType: '17', legalRepIdNumber: 'H1234567' })))).toEqual([
      [null, 'legalRepIdNumber', 'SD_BAD_ID_NUMBER'],
    ]);
  });

  it('configures fixed-term and dispatch codes and the notice exemptions', () => {
    const v = createSdValidators({ fixedTermTypes: ['3'], dispatchCategories: [], noticeMayFollowRescission: ['370'] });
    const noEnd = newContract({ termType: '3' });
    delete noEnd['endDate'];
    expect(triples(v.contracts({ uscc: EMPLOYER, contracts: [noEnd] }))).toEqual([[0, 'endDate', 'SD_CONDITIONAL_REQUIRED']]);
    expect(v.contracts({ uscc: EMPLOYER, contracts: [newContract({ contractCategory: '3' })] }).ok).toBe(true);
    expect(v.rescissions({ rescissions: [rescission({ noticeDate: '20260701' })] }).ok).toBe(true);
  });

  it('binds all five validators to one configuration', () => {
    const v = createSdValidators({ maxItems: { terminations: 1, renewals: 1, rescissions: 1 } });
    expect(triples(v.rescissions({ rescissions: [rescission(), rescission({ contractNo: 'b' })] }))).toEqual([[null, 'rescissions', 'SD_ARRAY_TOO_LONG']]);
    expect(triples(v.renewals({ renewals: [{}, {}] }))).toEqual([[null, 'renewals', 'SD_ARRAY_TOO_LONG']]);
    expect(triples(v.terminations({ terminations: [{}, {}] }))).toEqual([[null, 'terminations', 'SD_ARRAY_TOO_LONG']]);
  });
});
