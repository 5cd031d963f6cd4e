import { describe, expect, it } from 'vitest';
import { POLICY, TOKEN_ROLES, decide, policyRow, type AccessPrincipal, type Resource } from './policy.js';

const E = '91370102MA3C5XLE1J';
const W = `hmac-sha256:${'ab'.repeat(32)}`;
const as = (role: AccessPrincipal['role'], o: Partial<AccessPrincipal> = {}): AccessPrincipal => ({ role, org: `${role}-org`, region: '370100', ...o });
const contract = (o: Partial<Extract<Resource, { kind: 'contract' }>> = {}): Resource => ({ kind: 'contract', employer: E, region: '370102', workers: [W], mandated: false, ...o });

describe('the access policy', () => {
  it('has one row per resource kind, and a rule for every role in each', () => {
    expect(new Set(POLICY.map((r) => r.kind)).size).toBe(POLICY.length);
    for (const row of POLICY) expect(Object.keys(row.rules).sort()).toEqual([...TOKEN_ROLES].sort());
  });

  it('lets an authority of a covering region read a contract only with a stated basis, and logs it under that basis', () => {
    expect(decide(as('bureau'), contract(), 'labor_inspection')).toEqual({ allow: true, logged: true, basis: 'labor_inspection' });
    expect(decide(as('arbitration', { region: '370102' }), contract(), 'arbitration_case')).toMatchObject({ allow: true, basis: 'arbitration_case' });
    expect(decide(as('regulator', { region: '370000' }), contract(), 'court_order')).toMatchObject({ allow: true });
    expect(decide(as('bureau'), contract())).toMatchObject({ allow: false, code: 'LEGAL_BASIS_REQUIRED' });
    expect(decide(as('bureau'), contract(), 'contract_party')).toMatchObject({ allow: false, code: 'LEGAL_BASIS_REQUIRED' });
  });

  it.each([
    ['a sibling county', '370103', '370102'],
    ['a county inside the contract\'s prefecture', '370102', '370100'],
    ['another province', '440100', '370102'],
  ])('refuses an authority of %s, whatever its basis', (_, region, contractRegion) => {
    expect(decide(as('bureau', { region }), contract({ region: contractRegion }), 'labor_inspection')).toMatchObject({ allow: false, code: 'FORBIDDEN_REGION' });
  });

  it('lets a platform reach an employer only under the employer\'s mandate, on the party basis', () => {
    expect(decide(as('vendor'), contract({ mandated: true }))).toEqual({ allow: true, logged: true, basis: 'contract_party' });
    expect(decide(as('vendor'), contract({ mandated: false }), 'court_order')).toMatchObject({ allow: false, code: 'FORBIDDEN_MANDATE' });
    expect(decide(as('vendor'), { kind: 'evidence.write', employer: E, region: '370102', mandated: true })).toMatchObject({ allow: true, logged: false });
    expect(decide(as('vendor'), { kind: 'evidence.write', employer: E, region: '370102', mandated: false })).toMatchObject({ code: 'FORBIDDEN_MANDATE' });
  });

  it('lets the employer and the worker reach only their own contracts', () => {
    expect(decide(as('employer', { org: E }), contract())).toMatchObject({ allow: true, basis: 'contract_party' });
    expect(decide(as('employer', { org: '91440300MA5DXXXX0X' }), contract())).toMatchObject({ allow: false, code: 'FORBIDDEN_ORG' });
    expect(decide(as('worker', { worker: W }), contract())).toMatchObject({ allow: true, basis: 'contract_party' });
    expect(decide(as('worker', { worker: `hmac-sha256:${'cd'.repeat(32)}` }), contract())).toMatchObject({ allow: false, code: 'FORBIDDEN_ORG' });
    expect(decide(as('worker'), contract())).toMatchObject({ allow: false, code: 'FORBIDDEN_ORG' });
  });

  it('keeps personal data from every role but authorities with a basis, and denies by role where the table says deny', () => {
    const personal: Resource = { kind: 'worker.personal', employer: E, region: '370102' };
    expect(decide(as('arbitration'), personal, 'arbitration_case')).toMatchObject({ allow: true, logged: true });
    for (const role of ['vendor', 'regulator', 'employer', 'worker'] as const) expect(decide(as(role, { org: E }), personal, 'court_order')).toMatchObject({ allow: false, code: 'FORBIDDEN_ROLE' });
    expect(decide(as('arbitration'), { kind: 'evidence.write', employer: E, region: '370102', mandated: true })).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  });

  it('writes by authorities need the region but no basis, and are not logged as reads', () => {
    expect(decide(as('bureau', { region: '370000' }), { kind: 'evidence.write', employer: E, region: '370102', mandated: false })).toEqual({ allow: true, logged: false, basis: undefined });
    expect(decide(as('bureau'), { kind: 'mandate', employer: E, region: '440100' })).toMatchObject({ code: 'FORBIDDEN_REGION' });
    expect(decide(as('employer', { org: E }), { kind: 'mandate', employer: E, region: '370102' })).toMatchObject({ allow: true });
  });

  it('serves hashes, proofs and anchors to every role without logging', () => {
    for (const role of TOKEN_ROLES) for (const kind of ['log.public', 'log.proof', 'anchors'] as const) expect(decide(as(role), { kind })).toEqual({ allow: true, logged: false, basis: undefined });
    expect(policyRow('contract').logged).toBe(true);
  });
});
