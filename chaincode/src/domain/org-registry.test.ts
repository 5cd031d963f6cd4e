// The org registry and caller resolution, pure: a Map for the committed registry.
import { describe, expect, it } from 'vitest';
import type { Caller, CertificateClaims } from './access.js';
import { resolveCaller } from './caller.js';
import { isLedgerError } from './errors.js';
import { bootstrap, parseRoles, registerOrg, removeOrg, updateOrg } from './org-registry.js';
import type { BootstrapRecord, LedgerReader, OrgRecord, Outcome, TxContext } from './records.js';

class OrgReader implements LedgerReader {
  readonly orgs = new Map<string, OrgRecord>();
  boot: BootstrapRecord | undefined;
  getLog = () => Promise.resolve(undefined);
  getLatestAnchor = () => Promise.resolve(undefined);
  getAnchor = () => Promise.resolve(undefined);
  getContract = () => Promise.resolve(undefined);
  getMandate = () => Promise.resolve(undefined);
  getOrg(mspId: string): Promise<OrgRecord | undefined> {
    return Promise.resolve(this.orgs.get(mspId));
  }
  getBootstrap(): Promise<BootstrapRecord | undefined> {
    return Promise.resolve(this.boot);
  }
  /** Applies an outcome as the contract layer would after a successful transaction. */
  commit<R>(out: Outcome<R>): R {
    for (const w of out.writes) {
      if (w.kind === 'org') this.orgs.set(w.value.mspId, w.value);
      else if (w.kind === 'orgRemoved') this.orgs.delete(w.value.mspId);
      else if (w.kind === 'bootstrap') this.boot = w.value;
    }
    return out.result;
  }
}

async function codeOf(f: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await f();
    return undefined;
  } catch (e) {
    if (isLedgerError(e)) return e.code;
    throw e;
  }
}

const T = { txId: 'tx1', timestamp: '2026-03-01T08:00:00.000Z' };
const claims = (mspId: string, role: Caller['role'], region?: string): CertificateClaims => ({ mspId, id: `x509::/CN=${mspId}::/CN=ca`, role, region });
const tx = (caller: Caller): TxContext => ({ ...T, caller });
const bureauSd: Caller = { mspId: 'BureauMSP', id: 'b', role: 'bureau', region: '370000' };
const bureauJinan: Caller = { mspId: 'JinanBureauMSP', id: 'j', role: 'bureau', region: '370100' };

async function bootstrapped(): Promise<OrgReader> {
  const r = new OrgReader();
  r.commit(await bootstrap(r, '370000', { ...T, claims: claims('BureauMSP', 'bureau', '370000') }));
  r.commit(await registerOrg(r, { mspId: 'VendorMSP', roles: '["vendor"]', region: '370000' }, tx(bureauSd)));
  r.commit(await registerOrg(r, { mspId: 'JinanBureauMSP', roles: '["bureau"]', region: '370100' }, tx(bureauSd)));
  return r;
}

describe('bootstrap', () => {
  it('registers the caller MSP as a bureau org and records itself, once', async () => {
    const r = new OrgReader();
    const out = await bootstrap(r, '370000', { ...T, claims: claims('BureauMSP', 'bureau', '370100') });
    expect(out.result).toEqual({ mspId: 'BureauMSP', roles: ['bureau'], region: '370000', registeredBy: 'BureauMSP', ...T });
    expect(out.writes.map((w) => w.kind)).toEqual(['bootstrap', 'org']);
    expect(out.event?.name).toBe('elc.ledger.bootstrapped');
    r.commit(out);
    expect(await codeOf(() => bootstrap(r, '370000', { ...T, claims: claims('BureauMSP', 'bureau') }))).toBe('ALREADY_BOOTSTRAPPED');
  });

  it.each([
    ['a vendor certificate', claims('VendorMSP', 'vendor', '370100'), '370000', 'ACCESS_DENIED'],
    ['a region that is no GB/T 2260 code', claims('BureauMSP', 'bureau'), '99', 'INVALID_ARGUMENT'],
    ['a certificate region outside the bootstrap region', claims('BureauMSP', 'bureau', '110000'), '370000', 'REGION_OUTSIDE_ORG'],
  ])('refuses %s', async (_what, who, region, code) => {
    expect(await codeOf(() => bootstrap(new OrgReader(), region, { ...T, claims: who }))).toBe(code);
  });
});

describe('resolveCaller', () => {
  it('tells an empty registry from an unknown MSP', async () => {
    expect(await codeOf(() => resolveCaller(new OrgReader(), claims('BureauMSP', 'bureau')))).toBe('LEDGER_NOT_BOOTSTRAPPED');
    expect(await codeOf(async () => resolveCaller(await bootstrapped(), claims('OtherMSP', 'vendor', '370100')))).toBe('ORG_UNKNOWN');
  });

  it('accepts only registered roles and regions within the org', async () => {
    const r = await bootstrapped();
    expect(await resolveCaller(r, claims('VendorMSP', 'vendor', '370102'))).toMatchObject({ role: 'vendor', region: '370102' });
    expect(await resolveCaller(r, claims('BureauMSP', 'bureau'))).toMatchObject({ role: 'bureau', region: '370000' });
    expect(await codeOf(() => resolveCaller(r, claims('VendorMSP', 'bureau', '370000')))).toBe('ROLE_NOT_ALLOWED_FOR_ORG');
    expect(await codeOf(() => resolveCaller(r, claims('VendorMSP', 'vendor', '110000')))).toBe('REGION_OUTSIDE_ORG');
    expect(await codeOf(() => resolveCaller(r, claims('JinanBureauMSP', 'bureau', '370000')))).toBe('REGION_OUTSIDE_ORG');
  });
});

describe('registerOrg / updateOrg / removeOrg', () => {
  it('keeps roles in a canonical order and refuses bad role lists', () => {
    expect(parseRoles('["regulator","vendor"]')).toEqual(['vendor', 'regulator']);
    for (const bad of ['[]', '["vendor","vendor"]', '["admin"]', '"vendor"', 'vendor', '[1]', `[${'"vendor",'.repeat(40)}"bureau"]`]) {
      expect(() => parseRoles(bad), bad).toThrow(/roles must be/);
    }
  });

  it('limits a bureau to its region, and only bureaus manage orgs', async () => {
    const r = await bootstrapped();
    const vendorCaller: Caller = { mspId: 'VendorMSP', id: 'v', role: 'vendor', region: '370100' };
    expect(await codeOf(() => registerOrg(r, { mspId: 'X', roles: '["vendor"]', region: '370100' }, tx(vendorCaller)))).toBe('ACCESS_DENIED');
    expect(await codeOf(() => registerOrg(r, { mspId: 'X', roles: '["vendor"]', region: '370200' }, tx(bureauJinan)))).toBe('REGION_DENIED');
    expect(await codeOf(() => registerOrg(r, { mspId: 'X', roles: '["vendor"]', region: '370000' }, tx(bureauJinan)))).toBe('REGION_DENIED');
    expect(await codeOf(() => updateOrg(r, { mspId: 'VendorMSP', roles: '["vendor"]', region: '370100' }, tx(bureauJinan)))).toBe('REGION_DENIED');
    expect(await codeOf(() => removeOrg(r, 'VendorMSP', tx(bureauJinan)))).toBe('REGION_DENIED');
    expect(r.commit(await registerOrg(r, { mspId: 'X', roles: '["vendor"]', region: '370102' }, tx(bureauJinan)))).toMatchObject({ registeredBy: 'JinanBureauMSP' });
  });

  it('is idempotent for the same registration, refuses another, and updates through UpdateOrg', async () => {
    const r = await bootstrapped();
    const again = await registerOrg(r, { mspId: 'VendorMSP', roles: '["vendor"]', region: '370000' }, tx(bureauSd));
    expect([again.writes, again.event]).toEqual([[], undefined]);
    expect(await codeOf(() => registerOrg(r, { mspId: 'VendorMSP', roles: '["vendor","arbitration"]', region: '370000' }, tx(bureauSd)))).toBe('ORG_EXISTS');
    const updated = r.commit(await updateOrg(r, { mspId: 'VendorMSP', roles: '["vendor","arbitration"]', region: '370100' }, tx(bureauSd)));
    expect(updated).toMatchObject({ roles: ['vendor', 'arbitration'], region: '370100' });
    expect(await codeOf(() => updateOrg(r, { mspId: 'NoneMSP', roles: '["vendor"]', region: '370100' }, tx(bureauSd)))).toBe('ORG_UNKNOWN');
    const removal = r.commit(await removeOrg(r, 'VendorMSP', tx(bureauSd)));
    expect(removal).toMatchObject({ org: updated, removedBy: 'BureauMSP' });
    expect(await codeOf(() => resolveCaller(r, claims('VendorMSP', 'vendor', '370100')))).toBe('ORG_UNKNOWN');
  });

  it('does not let a bureau lock its own org out', async () => {
    const r = await bootstrapped();
    expect(await codeOf(() => removeOrg(r, 'BureauMSP', tx(bureauSd)))).toBe('ORG_SELF_LOCKOUT');
    expect(await codeOf(() => updateOrg(r, { mspId: 'BureauMSP', roles: '["regulator"]', region: '370000' }, tx(bureauSd)))).toBe('ORG_SELF_LOCKOUT');
    expect(await codeOf(() => updateOrg(r, { mspId: 'BureauMSP', roles: '["bureau"]', region: '370100' }, tx(bureauSd)))).toBe('ORG_SELF_LOCKOUT');
    expect(r.commit(await updateOrg(r, { mspId: 'BureauMSP', roles: '["bureau","regulator"]', region: '370000' }, tx(bureauSd))).roles).toEqual(['bureau', 'regulator']);
  });
});
