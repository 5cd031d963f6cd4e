import { describe, expect, it } from 'vitest';
import { claimsFrom, requireReader, requireRole, requireWriter } from './access.js';
import type { Caller } from './access.js';
import { isLedgerError } from './errors.js';

function code(f: () => void): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (isLedgerError(e)) return e.code;
    throw e;
  }
}

const base = { mspId: 'VendorMSP', id: 'x509::/CN=v::/CN=ca' };

describe('claimsFrom', () => {
  it('reads role and region', () => {
    expect(claimsFrom({ ...base, role: 'vendor', region: '370100' })).toEqual({ ...base, role: 'vendor', region: '370100' });
    expect(claimsFrom({ ...base, role: 'regulator', region: null })).toEqual({ ...base, role: 'regulator', region: undefined });
  });
  it.each([
    ['no role', null, '370100'],
    ['unknown role', 'admin', '370100'],
    ['role with another case', 'Bureau', null],
    ['region that is no GB/T 2260 code', 'vendor', '99'],
    ['region of an unknown province', 'bureau', '990000'],
    ['vendor without a region', 'vendor', null],
  ])('refuses %s with ACCESS_DENIED', (_what, role, region) => {
    expect(code(() => claimsFrom({ ...base, role, region }))).toBe('ACCESS_DENIED');
  });
});

describe('requireWriter / requireRole / requireReader', () => {
  const caller = (role: Caller['role'], region = '370000'): Caller => ({ ...base, role, region });
  it('lets the bureau write anywhere and a vendor only in its region', () => {
    expect(code(() => requireWriter(caller('bureau', '370000'), '110105', 'x'))).toBeUndefined();
    expect(code(() => requireWriter(caller('vendor', '370100'), '370102', 'x'))).toBeUndefined();
    expect(code(() => requireWriter(caller('vendor', '370100'), '110105', 'x'))).toBe('REGION_DENIED');
  });
  it('refuses writes by arbitration and regulator', () => {
    expect(code(() => requireWriter(caller('arbitration', '370100'), '370102', 'x'))).toBe('ACCESS_DENIED');
    expect(code(() => requireWriter(caller('regulator'), '370102', 'x'))).toBe('ACCESS_DENIED');
  });
  it('lets every role read and only the named roles act', () => {
    for (const role of ['bureau', 'vendor', 'arbitration', 'regulator'] as const) {
      expect(code(() => requireReader(caller(role, '370100')))).toBeUndefined();
    }
    expect(code(() => requireRole(caller('vendor', '370100'), ['bureau'], 'x'))).toBe('ACCESS_DENIED');
  });
});
