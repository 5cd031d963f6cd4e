// The org registry through the real contract router: Bootstrap (trust on first use), RegisterOrg,
// UpdateOrg, RemoveOrg, GetOrg, ListOrgs, and every caller checked against it.
import { describe, expect, it } from 'vitest';
import { batch, conclude, EMPLOYER_JINAN } from './support/fixtures.js';
import { ContractHarness, ok, refused } from './support/harness.js';
import { ids } from './support/identities.js';
import { FIXTURE_ORGS, bootstrappedHarness } from './support/orgs.js';
import { logKey } from './support/test-log.js';

interface OrgJson {
  mspId: string;
  roles: string[];
  region: string;
  registeredBy: string;
  txId: string;
  timestamp: string;
}

const START = new Date('2026-03-01T08:00:00.000Z');

describe('Bootstrap', () => {
  it('registers the calling bureau MSP for its region, once, and says so in its event', async () => {
    const h = new ContractHarness({ start: START });
    const r = await h.submit(ids.bureau, 'Bootstrap', '370000');
    const org = ok<OrgJson>(r);
    expect(org).toEqual({ mspId: 'BureauMSP', roles: ['bureau'], region: '370000', registeredBy: 'BureauMSP', txId: r.txId, timestamp: '2026-03-01T08:00:00.000Z' });
    expect(r.event).toEqual({ name: 'elc.ledger.bootstrapped', payload: org });
    expect(r.writtenKeys).toEqual(['\u0000elc.bootstrap\u0000', '\u0000elc.org\u0000BureauMSP\u0000']);

    const again = await h.submit(ids.bureau, 'Bootstrap', '370000');
    expect(refused(again).code).toBe('ALREADY_BOOTSTRAPPED');
    expect(again.committed).toBe(false);
    expect(refused(await h.submit(ids.bureauJinan, 'Bootstrap', '370100')).code).toBe('ALREADY_BOOTSTRAPPED');
    expect(ok<{ bootstrap: unknown; orgs: OrgJson[] }>(await h.evaluate(ids.bureau, 'ListOrgs'))).toEqual({
      bootstrap: { mspId: 'BureauMSP', region: '370000', txId: r.txId, timestamp: '2026-03-01T08:00:00.000Z' },
      orgs: [org],
    });
  });

  it('is what the deploy-time init call (--isInit, the router\'s Init) runs', async () => {
    const h = new ContractHarness({ start: START });
    const r = await h.init(ids.bureau, 'Bootstrap', '370000');
    expect(ok<OrgJson>(r).mspId).toBe('BureauMSP');
    expect(r.event?.name).toBe('elc.ledger.bootstrapped');
    expect(refused(await h.init(ids.bureau, 'Bootstrap', '370000')).code).toBe('ALREADY_BOOTSTRAPPED');
    ok(await h.submit(ids.bureau, 'RegisterOrg', 'VendorMSP', '["vendor"]', '370000'));
  });

  it('refuses every other transaction, reads included, until the ledger is bootstrapped', async () => {
    const h = new ContractHarness({ start: START });
    const calls: [typeof ids.bureau, string, ...string[]][] = [
      [ids.bureau, 'RegisterOrg', 'VendorMSP', '["vendor"]', '370000'],
      [ids.bureau, 'RegisterLog', 'elc.example/log', logKey('elc.example/log').vkey, 'sha256', '370000'],
      [ids.vendorJinan, 'RecordTransitions', batch(conclude('N-1'))],
      [ids.regulator, 'GetContract', EMPLOYER_JINAN, 'N-1'],
      [ids.regulator, 'ListOrgs'],
      [ids.arbitration, 'GetOrg', 'BureauMSP'],
    ];
    for (const [who, fcn, ...args] of calls) expect(refused(await h.submit(who, fcn, ...args)).code, fcn).toBe('LEDGER_NOT_BOOTSTRAPPED');
    expect(h.world.keys()).toEqual([]);
  });

  it.each([
    ['a vendor certificate', ids.vendorJinan, '370000', 'ACCESS_DENIED'],
    ['a regulator certificate', ids.regulator, '370000', 'ACCESS_DENIED'],
    ['a certificate without ELC attributes', ids.noAttributes, '370000', 'ACCESS_DENIED'],
    ['a region that is no GB/T 2260 code', ids.bureau, '3700', 'INVALID_ARGUMENT'],
    ["a region that does not cover the certificate's", ids.bureau, '370100', 'REGION_OUTSIDE_ORG'],
  ])('refuses %s and stays open for the bureau', async (_what, who, region, code) => {
    const h = new ContractHarness({ start: START });
    expect(refused(await h.submit(who, 'Bootstrap', region)).code).toBe(code);
    expect(h.world.keys()).toEqual([]);
    ok(await h.submit(ids.bureau, 'Bootstrap', '370000'));
  });

  it('lets a city bureau bootstrap a city-wide ledger', async () => {
    const h = new ContractHarness({ start: START });
    ok(await h.submit(ids.bureauJinan, 'Bootstrap', '370100'));
    expect(refused(await h.submit(ids.bureau, 'RegisterLog', 'elc.example/log', logKey('elc.example/log').vkey, 'sha256', '370000')).code).toBe('ORG_UNKNOWN');
    expect(refused(await h.submit(ids.bureauJinan, 'RegisterOrg', 'BureauMSP', '["bureau"]', '370000'))).toMatchObject({ code: 'REGION_DENIED', field: 'region' });
  });
});

describe('RegisterOrg', () => {
  it('registers an org with its roles in canonical order, idempotently, and emits it', async () => {
    const h = await bootstrappedHarness({ start: START });
    const r = await h.submit(ids.bureau, 'RegisterOrg', 'QingdaoVendorMSP', '["regulator","vendor"]', '370200');
    const org = ok<OrgJson>(r);
    expect(org).toEqual({ mspId: 'QingdaoVendorMSP', roles: ['vendor', 'regulator'], region: '370200', registeredBy: 'BureauMSP', txId: r.txId, timestamp: '2026-03-01T08:00:00.000Z' });
    expect(r.event).toEqual({ name: 'elc.org.registered', payload: org });
    expect(ok(await h.evaluate(ids.vendorJinan, 'GetOrg', 'QingdaoVendorMSP'))).toEqual(org);

    const again = await h.submit(ids.bureau, 'RegisterOrg', 'QingdaoVendorMSP', '["vendor","regulator"]', '370200');
    expect(ok(again)).toEqual(org);
    expect([again.writtenKeys, again.event]).toEqual([[], undefined]);
    expect(refused(await h.submit(ids.bureau, 'RegisterOrg', 'QingdaoVendorMSP', '["vendor"]', '370200'))).toMatchObject({ code: 'ORG_EXISTS', field: 'mspId' });
  });

  it('lets a city bureau register orgs of its city and nowhere else', async () => {
    const h = await bootstrappedHarness({ start: START });
    const org = ok<OrgJson>(await h.submit(ids.bureauJinan, 'RegisterOrg', 'LixiaVendorMSP', '["vendor"]', '370102'));
    expect(org.registeredBy).toBe('JinanBureauMSP');
    for (const region of ['370200', '370000', '110000']) {
      expect(refused(await h.submit(ids.bureauJinan, 'RegisterOrg', 'FarVendorMSP', '["vendor"]', region)), region).toMatchObject({ code: 'REGION_DENIED', field: 'region' });
    }
    expect(refused(await h.evaluate(ids.regulator, 'GetOrg', 'FarVendorMSP'))).toMatchObject({ code: 'ORG_UNKNOWN', field: 'mspId' });
    // and the province bureau may not register outside its province
    expect(refused(await h.submit(ids.bureau, 'RegisterOrg', 'FarVendorMSP', '["vendor"]', '110000')).code).toBe('REGION_DENIED');
  });

  it('binds the new org: its certificates count for its roles in its region only', async () => {
    const h = await bootstrappedHarness({ start: START });
    expect(refused(await h.submit(ids.otherVendor, 'RecordTransitions', batch(conclude('O-1')))).code).toBe('ORG_UNKNOWN');
    ok(await h.submit(ids.bureauJinan, 'RegisterOrg', 'OtherMSP', '["arbitration"]', '370100'));
    expect(refused(await h.submit(ids.otherVendor, 'RecordTransitions', batch(conclude('O-1')))).code).toBe('ROLE_NOT_ALLOWED_FOR_ORG');
    ok(await h.submit(ids.bureauJinan, 'UpdateOrg', 'OtherMSP', '["vendor"]', '370102'));
    expect(refused(await h.submit(ids.otherVendor, 'RecordTransitions', batch(conclude('O-1')))).code).toBe('REGION_OUTSIDE_ORG');
    ok(await h.submit(ids.bureauJinan, 'UpdateOrg', 'OtherMSP', '["vendor"]', '370100'));
    expect(ok<{ results: { status: string }[] }>(await h.submit(ids.otherVendor, 'RecordTransitions', batch(conclude('O-1')))).results[0]?.status).toBe('active');
  });

  it.each([
    ['vendor', ids.vendorShandong],
    ['arbitration', ids.arbitration],
    ['regulator', ids.regulator],
  ])('is refused to the %s role', async (_role, who) => {
    const h = await bootstrappedHarness();
    expect(refused(await h.submit(who, 'RegisterOrg', 'NewMSP', '["vendor"]', '370100')).code).toBe('ACCESS_DENIED');
  });

  it.each([
    ['mspId', ['', '["vendor"]', '370100']],
    ['mspId', ['Bad MSP', '["vendor"]', '370100']],
    ['mspId', ['x'.repeat(129), '["vendor"]', '370100']],
    ['roles', ['NewMSP', '[]', '370100']],
    ['roles', ['NewMSP', '["admin"]', '370100']],
    ['roles', ['NewMSP', '["vendor","vendor"]', '370100']],
    ['roles', ['NewMSP', 'vendor', '370100']],
    ['region', ['NewMSP', '["vendor"]', '990000']],
  ])('refuses a bad %s with INVALID_ARGUMENT', async (field, args) => {
    const h = await bootstrappedHarness();
    expect(refused(await h.submit(ids.bureau, 'RegisterOrg', ...args))).toMatchObject({ code: 'INVALID_ARGUMENT', field });
  });
});

describe('UpdateOrg and RemoveOrg', () => {
  it('update replaces roles and region and emits elc.org.updated; an unchanged update writes nothing', async () => {
    const h = await bootstrappedHarness({ start: START });
    const r = await h.submit(ids.bureau, 'UpdateOrg', 'VendorMSP', '["vendor"]', '370100');
    const org = ok<OrgJson>(r);
    expect(org).toMatchObject({ mspId: 'VendorMSP', roles: ['vendor'], region: '370100', registeredBy: 'BureauMSP', txId: r.txId });
    expect(r.event).toEqual({ name: 'elc.org.updated', payload: org });
    expect(ok(await h.submit(ids.bureau, 'UpdateOrg', 'VendorMSP', '["vendor"]', '370100')).txId).toBe(r.txId);
    // the province-wide vendor certificate is now outside its org's region
    expect(refused(await h.submit(ids.vendorShandong, 'RecordTransitions', batch(conclude('U-1')))).code).toBe('REGION_OUTSIDE_ORG');
    ok(await h.submit(ids.vendorJinan, 'RecordTransitions', batch(conclude('U-1'))));
    expect(refused(await h.submit(ids.bureau, 'UpdateOrg', 'NoneMSP', '["vendor"]', '370100'))).toMatchObject({ code: 'ORG_UNKNOWN', field: 'mspId' });
  });

  it('a city bureau may not change or remove an org of the whole province', async () => {
    const h = await bootstrappedHarness();
    expect(refused(await h.submit(ids.bureauJinan, 'UpdateOrg', 'VendorMSP', '["vendor"]', '370100'))).toMatchObject({ code: 'REGION_DENIED', field: 'mspId' });
    expect(refused(await h.submit(ids.bureauJinan, 'RemoveOrg', 'VendorMSP'))).toMatchObject({ code: 'REGION_DENIED', field: 'mspId' });
    expect(refused(await h.submit(ids.bureauJinan, 'UpdateOrg', 'ArbitrationMSP', '["arbitration"]', '370000'))).toMatchObject({ code: 'REGION_DENIED', field: 'region' });
  });

  it('remove deletes the org, emits elc.org.removed, and its certificates are refused from then on', async () => {
    const h = await bootstrappedHarness({ start: START });
    ok(await h.submit(ids.bureau, 'RecordTransitions', batch(conclude('X-1'))));
    ok(await h.evaluate(ids.arbitration, 'GetContract', EMPLOYER_JINAN, 'X-1'));
    const r = await h.submit(ids.bureauJinan, 'RemoveOrg', 'ArbitrationMSP');
    const removal = ok<{ org: OrgJson; removedBy: string; txId: string }>(r);
    expect(removal).toMatchObject({ org: { mspId: 'ArbitrationMSP', roles: ['arbitration'], region: '370100' }, removedBy: 'JinanBureauMSP', txId: r.txId });
    expect(r.event).toEqual({ name: 'elc.org.removed', payload: removal });
    expect(r.writeSet.get('\u0000elc.org\u0000ArbitrationMSP\u0000')).toBeNull();
    expect(refused(await h.evaluate(ids.arbitration, 'GetContract', EMPLOYER_JINAN, 'X-1')).code).toBe('ORG_UNKNOWN');
    expect(refused(await h.submit(ids.bureauJinan, 'RemoveOrg', 'ArbitrationMSP'))).toMatchObject({ code: 'ORG_UNKNOWN', field: 'mspId' });
    expect(ok<{ orgs: OrgJson[] }>(await h.evaluate(ids.regulator, 'ListOrgs')).orgs.map((o) => o.mspId)).toEqual(['BureauMSP', 'JinanBureauMSP', 'RegulatorMSP', 'VendorMSP']);
  });

  it('a bureau may not remove its own org or drop its bureau role or region', async () => {
    const h = await bootstrappedHarness();
    expect(refused(await h.submit(ids.bureau, 'RemoveOrg', 'BureauMSP')).code).toBe('ORG_SELF_LOCKOUT');
    expect(refused(await h.submit(ids.bureau, 'UpdateOrg', 'BureauMSP', '["regulator"]', '370000')).code).toBe('ORG_SELF_LOCKOUT');
    expect(refused(await h.submit(ids.bureauJinan, 'UpdateOrg', 'JinanBureauMSP', '["bureau"]', '370102')).code).toBe('ORG_SELF_LOCKOUT');
    expect(ok<OrgJson>(await h.submit(ids.bureau, 'UpdateOrg', 'BureauMSP', '["bureau","regulator"]', '370000')).roles).toEqual(['bureau', 'regulator']);
  });
});

describe('GetOrg and ListOrgs', () => {
  it('every registered role reads the registry, in MSP id order', async () => {
    const h = await bootstrappedHarness();
    for (const who of [ids.bureau, ids.vendorJinan, ids.arbitration, ids.regulator]) {
      const list = ok<{ bootstrap: { mspId: string }; orgs: OrgJson[] }>(await h.evaluate(who, 'ListOrgs'));
      expect(list.bootstrap.mspId).toBe('BureauMSP');
      expect(list.orgs.map((o) => [o.mspId, o.roles, o.region])).toEqual(
        Object.entries(FIXTURE_ORGS)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([mspId, o]) => [mspId, o.roles, o.region]),
      );
    }
    expect(ok<OrgJson>(await h.evaluate(ids.regulator, 'GetOrg', 'JinanBureauMSP'))).toMatchObject({ roles: ['bureau'], region: '370100', registeredBy: 'BureauMSP' });
    expect(refused(await h.evaluate(ids.regulator, 'GetOrg', 'a b'))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'mspId' });
    expect(refused(await h.evaluate(ids.otherVendor, 'ListOrgs')).code).toBe('ORG_UNKNOWN');
  });
});
