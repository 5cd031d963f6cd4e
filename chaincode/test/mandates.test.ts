// Mandates through the real contract router: a bureau of the region grants and revokes a
// platform's mandate for an employer (on its own or the employer's request), idempotently; others
// and other regions are refused; every role reads them.
import { describe, expect, it } from 'vitest';
import { EMPLOYER_BEIJING, EMPLOYER_JINAN } from './support/fixtures.js';
import { ok, refused } from './support/harness.js';
import { ids } from './support/identities.js';
import { bootstrappedHarness } from './support/orgs.js';

const BUREAU = JSON.stringify({ role: 'bureau', org: 'rsj-370100' });
const BY_EMPLOYER = JSON.stringify({ role: 'employer', org: EMPLOYER_JINAN });

interface MandateJson {
  employer: string;
  platform: string;
  region: string;
  status: string;
  grantedBy: { role: string; org: string };
  mspId: string;
  txId: string;
  revokedBy?: { role: string; org: string };
}

describe('mandates', () => {
  it('a bureau of the region grants, re-grants idempotently, and revokes; the record says who asked', async () => {
    const h = await bootstrappedHarness();
    const r = await h.submit(ids.bureauJinan, 'GrantMandate', EMPLOYER_JINAN, 'vendor-a', '370102', BY_EMPLOYER);
    const m = ok<MandateJson>(r);
    expect(m).toMatchObject({ employer: EMPLOYER_JINAN, platform: 'vendor-a', region: '370102', status: 'active', grantedBy: { role: 'employer', org: EMPLOYER_JINAN }, mspId: 'JinanBureauMSP', txId: r.txId });
    expect(r.event?.name).toBe('elc.mandate');
    const again = await h.submit(ids.bureau, 'GrantMandate', EMPLOYER_JINAN, 'vendor-a', '370102', BUREAU);
    expect(again.writtenKeys).toEqual([]);
    expect(ok<MandateJson>(again).txId).toBe(r.txId);
    expect(ok<MandateJson>(await h.evaluate(ids.vendorJinan, 'GetMandate', EMPLOYER_JINAN, 'vendor-a'))).toEqual(m);

    const revoked = ok<MandateJson>(await h.submit(ids.bureau, 'RevokeMandate', EMPLOYER_JINAN, 'vendor-a', BUREAU));
    expect(revoked).toMatchObject({ status: 'revoked', revokedBy: { role: 'bureau', org: 'rsj-370100' }, txId: r.txId });
    expect((await h.submit(ids.bureau, 'RevokeMandate', EMPLOYER_JINAN, 'vendor-a', BUREAU)).writtenKeys).toEqual([]);
    const granted = ok<MandateJson>(await h.submit(ids.bureau, 'GrantMandate', EMPLOYER_JINAN, 'vendor-a', '370102', BUREAU));
    expect(granted.status).toBe('active');
    expect(granted.revokedBy).toBeUndefined();
    ok(await h.submit(ids.bureau, 'GrantMandate', EMPLOYER_JINAN, 'vendor-b', '370102', BUREAU));
    expect(ok<MandateJson[]>(await h.evaluate(ids.regulator, 'ListMandates', EMPLOYER_JINAN)).map((x) => [x.platform, x.status])).toEqual([
      ['vendor-a', 'active'],
      ['vendor-b', 'active'],
    ]);
  });

  it('refuses vendors, other regions, an employer asking for another, and malformed arguments', async () => {
    const h = await bootstrappedHarness();
    expect(refused(await h.submit(ids.vendorJinan, 'GrantMandate', EMPLOYER_JINAN, 'vendor-a', '370102', BUREAU)).code).toBe('ACCESS_DENIED');
    expect(refused(await h.submit(ids.bureauJinan, 'GrantMandate', EMPLOYER_BEIJING, 'vendor-a', '110105', BUREAU))).toMatchObject({ code: 'REGION_DENIED', field: 'region' });
    expect(refused(await h.submit(ids.bureau, 'GrantMandate', EMPLOYER_BEIJING, 'vendor-a', '370102', JSON.stringify({ role: 'employer', org: EMPLOYER_JINAN }))).code).toBe('ACCESS_DENIED');
    expect(refused(await h.submit(ids.bureau, 'GrantMandate', 'not-a-uscc', 'vendor-a', '370102', BUREAU))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'employer' });
    expect(refused(await h.submit(ids.bureau, 'GrantMandate', EMPLOYER_JINAN, 'a b', '370102', BUREAU))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'platform' });
    expect(refused(await h.submit(ids.bureau, 'GrantMandate', EMPLOYER_JINAN, 'vendor-a', '370102', '{"role":"admin","org":"x"}'))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'actor' });
    expect(refused(await h.submit(ids.bureau, 'RevokeMandate', EMPLOYER_JINAN, 'vendor-z', BUREAU))).toMatchObject({ code: 'MANDATE_UNKNOWN', field: 'platform' });
    expect(refused(await h.evaluate(ids.regulator, 'GetMandate', EMPLOYER_JINAN, 'vendor-z')).code).toBe('MANDATE_UNKNOWN');
    // A mandate for Qingdao (370200) is out of the Jinan bureau's reach, granted by the province.
    ok(await h.submit(ids.bureau, 'GrantMandate', EMPLOYER_JINAN, 'vendor-c', '370200', BUREAU));
    expect(refused(await h.submit(ids.bureauJinan, 'RevokeMandate', EMPLOYER_JINAN, 'vendor-c', BUREAU)).code).toBe('REGION_DENIED');
  });
});
