// RecordTransitions, GetContract and GetContractHistory through the real contract router.
import { beforeEach, describe, expect, it } from 'vitest';
import { amend, batch, conclude, docHash, EMPLOYER_BEIJING, EMPLOYER_JINAN, renew, rescind, terminate } from './support/fixtures.js';
import { ok, refused } from './support/harness.js';
import type { ContractHarness } from './support/harness.js';
import { ids } from './support/identities.js';
import { bootstrappedHarness } from './support/orgs.js';

interface ContractJson {
  employer: string;
  contractId: string;
  status: string;
  term: { kind: string; start: string; end?: string };
  docHash: string;
  transitions: number;
  endedOn?: string;
  last: { type: string; txId: string; timestamp: string; mspId: string; evidenceIndex?: number };
}
interface HistoryJson {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value: ContractJson | null;
}

let h: ContractHarness;
beforeEach(async () => {
  h = await bootstrappedHarness({ start: new Date('2026-03-01T08:00:00.000Z') });
});

const getContract = async (id: string, who = ids.arbitration) => ok<ContractJson>(await h.evaluate(who, 'GetContract', EMPLOYER_JINAN, id));

describe('RecordTransitions', () => {
  it('walks a contract through conclude, amend, renew and terminate, keeping each version in the history', async () => {
    const steps = [
      conclude('HT-2026-001'),
      amend('HT-2026-001', { term: { kind: 'fixed', start: '2026-03-01', end: '2029-05-31' } }),
      renew('HT-2026-001', { effectiveDate: '2029-06-01', term: { kind: 'fixed', start: '2029-06-01', end: '2032-05-31' } }),
      terminate('HT-2026-001', { effectiveDate: '2032-05-31', evidenceIndex: 4242 }),
    ];
    const txIds: string[] = [];
    for (const step of steps) {
      const r = await h.submit(ids.vendorJinan, 'RecordTransitions', batch(step));
      const out = ok<{ txId: string; results: { type: string; status: string }[] }>(r);
      expect(out.txId).toBe(r.txId);
      expect(out.results[0]?.type).toBe(step['type']);
      txIds.push(r.txId);
    }
    const c = await getContract('HT-2026-001');
    expect(c).toMatchObject({ status: 'terminated', endedOn: '2032-05-31', transitions: 4, term: { kind: 'fixed', start: '2029-06-01', end: '2032-05-31' } });
    expect(c.last).toMatchObject({ type: 'terminate', evidenceIndex: 4242, txId: txIds[3], mspId: 'VendorMSP', timestamp: '2026-03-01T08:00:03.000Z' });

    const history = ok<HistoryJson[]>(await h.evaluate(ids.regulator, 'GetContractHistory', EMPLOYER_JINAN, 'HT-2026-001'));
    expect(history.map((v) => [v.txId, v.value?.status, v.value?.transitions, v.isDelete])).toEqual([
      [txIds[3], 'terminated', 4, false],
      [txIds[2], 'active', 3, false],
      [txIds[1], 'active', 2, false],
      [txIds[0], 'active', 1, false],
    ]);
    expect(history[3]?.timestamp).toBe('2026-03-01T08:00:00.000Z');
  });

  it('records a rescission with its reason and initiator', async () => {
    ok(await h.submit(ids.bureau, 'RecordTransitions', batch(conclude('R-1'), rescind('R-1'))));
    expect(await getContract('R-1')).toMatchObject({ status: 'rescinded', endedOn: '2027-06-30', endReasonCode: '36', endInitiator: 'worker' });
  });

  it('emits one event for the batch, naming every transition', async () => {
    const r = await h.submit(ids.bureau, 'RecordTransitions', batch(conclude('E-1'), conclude('E-2', { evidenceIndex: 9 }), amend('E-1')));
    expect(r.event).toEqual({
      name: 'elc.transitions',
      payload: {
        txId: r.txId,
        transitions: [
          { index: 0, employer: EMPLOYER_JINAN, contractId: 'E-1', type: 'conclude', effectiveDate: '2026-03-01', evidenceIndex: 7 },
          { index: 1, employer: EMPLOYER_JINAN, contractId: 'E-2', type: 'conclude', effectiveDate: '2026-03-01', evidenceIndex: 9 },
          { index: 2, employer: EMPLOYER_JINAN, contractId: 'E-1', type: 'amend', effectiveDate: '2027-01-01' },
        ],
      },
    });
  });

  it('takes 50 transitions in one transaction and refuses 51', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => conclude(`B-${i}`));
    const r = await h.submit(ids.bureau, 'RecordTransitions', batch(...fifty));
    expect(ok<{ results: unknown[] }>(r).results).toHaveLength(50);
    expect(r.writtenKeys).toHaveLength(50);
    const more = await h.submit(ids.bureau, 'RecordTransitions', batch(...Array.from({ length: 51 }, (_, i) => conclude(`M-${i}`))));
    expect(refused(more).code).toBe('BATCH_TOO_LARGE');
    expect(refused(await h.submit(ids.bureau, 'RecordTransitions', '[]')).code).toBe('BATCH_EMPTY');
  });

  it('is atomic: one refused item leaves every contract of the batch as it was', async () => {
    ok(await h.submit(ids.bureau, 'RecordTransitions', batch(conclude('A-1'))));
    const before = h.world.keys().length;
    const r = await h.submit(ids.bureau, 'RecordTransitions', batch(conclude('A-2'), amend('A-1'), renew('A-1', { term: { kind: 'fixed', start: '2029-03-01', end: '2028-01-01' } })));
    expect(refused(r)).toEqual({ code: 'END_BEFORE_START', message: expect.any(String) as string, field: 'term.end', index: 2 });
    expect(r.committed).toBe(false);
    expect(h.world.keys()).toHaveLength(before);
    expect(refused(await h.evaluate(ids.bureau, 'GetContract', EMPLOYER_JINAN, 'A-2')).code).toBe('CONTRACT_UNKNOWN');
    expect((await getContract('A-1')).transitions).toBe(1);
  });

  it.each([
    ['a second conclude', [conclude('S-1')], conclude('S-1'), 'CONTRACT_EXISTS', 'contractId'],
    ['a second conclude within one batch', [], [conclude('S-1'), conclude('S-1')], 'CONTRACT_EXISTS', 'contractId'],
    ['a renewal of an unknown contract', [], renew('U-1'), 'CONTRACT_UNKNOWN', 'contractId'],
    ['an amendment of an unknown contract', [], amend('U-1'), 'CONTRACT_UNKNOWN', 'contractId'],
    ['a rescission of an unknown contract', [], rescind('U-1'), 'CONTRACT_UNKNOWN', 'contractId'],
    ['a termination of an unknown contract', [], terminate('U-1'), 'CONTRACT_UNKNOWN', 'contractId'],
    ['a renewal of a rescinded contract', [conclude('X-1'), rescind('X-1')], renew('X-1'), 'CONTRACT_ENDED', 'contractId'],
    ['an amendment of a terminated contract', [conclude('X-1'), terminate('X-1')], amend('X-1'), 'CONTRACT_ENDED', 'contractId'],
    ['a second rescission', [conclude('X-1'), rescind('X-1')], rescind('X-1'), 'CONTRACT_ENDED', 'contractId'],
    ['a termination after a rescission', [conclude('X-1'), rescind('X-1')], terminate('X-1'), 'CONTRACT_ENDED', 'contractId'],
    ['an amendment dated before the start', [conclude('D-1')], amend('D-1', { effectiveDate: '2026-02-28' }), 'DATE_BEFORE_START', 'effectiveDate'],
    ['a rescission dated before the start', [conclude('D-1')], rescind('D-1', { effectiveDate: '2025-01-01' }), 'DATE_BEFORE_START', 'effectiveDate'],
    ['a termination dated before the start', [conclude('D-1')], terminate('D-1', { effectiveDate: '2026-02-01' }), 'DATE_BEFORE_START', 'effectiveDate'],
    ['a renewal whose term starts before the contract', [conclude('D-1')], renew('D-1', { term: { kind: 'open_ended', start: '2026-01-01' } }), 'DATE_BEFORE_START', 'term.start'],
    ['a conclusion whose term ends before it starts', [], conclude('T-1', { term: { kind: 'fixed', start: '2026-03-01', end: '2026-02-01' } }), 'END_BEFORE_START', 'term.end'],
    ['an amendment whose term ends before it starts', [conclude('T-1')], amend('T-1', { term: { kind: 'fixed', start: '2026-03-01', end: '2026-02-01' } }), 'END_BEFORE_START', 'term.end'],
    ['a fixed term without end', [], conclude('T-2', { term: { kind: 'fixed', start: '2026-03-01' } }), 'INVALID_ARGUMENT', 'term.end'],
    ['a bad USCC', [], conclude('T-3', { employer: '91370102MA3C1111BX' }), 'INVALID_ARGUMENT', 'employer'],
  ])('refuses %s', async (_what, setup, item, code, field) => {
    if (setup.length > 0) ok(await h.submit(ids.bureau, 'RecordTransitions', batch(...setup)));
    const items = Array.isArray(item) ? item : [item];
    const r = await h.submit(ids.bureau, 'RecordTransitions', batch(...items));
    expect(refused(r)).toMatchObject({ code, field, index: items.length - 1 });
    expect(r.committed).toBe(false);
  });

  it('refuses a batch that is not a JSON array of transitions', async () => {
    expect(refused(await h.submit(ids.bureau, 'RecordTransitions', '{"type":"conclude"}'))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'batch' });
  });
});

describe('access to the lifecycle', () => {
  it('lets a vendor write in its region (a city vendor for its districts, a province vendor for the province)', async () => {
    ok(await h.submit(ids.vendorJinan, 'RecordTransitions', batch(conclude('V-1'))));
    ok(await h.submit(ids.vendorShandong, 'RecordTransitions', batch(amend('V-1'))));
    ok(await h.submit(ids.vendorShandong, 'RecordTransitions', batch(conclude('Q-1', { region: '370202' }))));
  });

  it('refuses a vendor outside the contract region: REGION_DENIED, and nothing of its batch is written', async () => {
    ok(await h.submit(ids.bureau, 'RecordTransitions', batch(conclude('Q-1', { region: '370202' }))));
    const r = await h.submit(ids.vendorJinan, 'RecordTransitions', batch(conclude('J-1'), amend('Q-1')));
    expect(refused(r)).toMatchObject({ code: 'REGION_DENIED', index: 1 });
    expect(refused(await h.submit(ids.vendorJinan, 'RecordTransitions', batch(conclude('J-2', { region: '370202' })))).code).toBe('REGION_DENIED');
    expect(refused(await h.evaluate(ids.bureau, 'GetContract', EMPLOYER_JINAN, 'J-1')).code).toBe('CONTRACT_UNKNOWN');
  });

  it("refuses a vendor certificate whose region lies outside its org's region: REGION_OUTSIDE_ORG, for writes and reads", async () => {
    // VendorMSP is registered for Shandong (370000); its CA issued a certificate for Beijing.
    const before = h.world.keys();
    expect(refused(await h.submit(ids.vendorBeijing, 'RecordTransitions', batch(conclude('B-1', { employer: EMPLOYER_BEIJING, region: '110105' })))).code).toBe('REGION_OUTSIDE_ORG');
    expect(refused(await h.evaluate(ids.vendorBeijing, 'GetContract', EMPLOYER_JINAN, 'B-1')).code).toBe('REGION_OUTSIDE_ORG');
    expect(h.world.keys()).toEqual(before);
  });

  it("refuses a bureau certificate issued by the vendor org's CA: ROLE_NOT_ALLOWED_FOR_ORG, for writes and reads", async () => {
    const before = h.world.keys();
    expect(refused(await h.submit(ids.vendorClaimsBureau, 'RecordTransitions', batch(conclude('F-1'))))).toMatchObject({ code: 'ROLE_NOT_ALLOWED_FOR_ORG' });
    expect(refused(await h.submit(ids.vendorClaimsBureau, 'RegisterLog', 'elc.example/log/forged', 'x', 'sha256', '370000')).code).toBe('ROLE_NOT_ALLOWED_FOR_ORG');
    expect(refused(await h.evaluate(ids.vendorClaimsBureau, 'GetContract', EMPLOYER_JINAN, 'F-1')).code).toBe('ROLE_NOT_ALLOWED_FOR_ORG');
    expect(h.world.keys()).toEqual(before);
  });

  it('refuses a certificate of an unregistered MSP: ORG_UNKNOWN, for writes and reads', async () => {
    expect(refused(await h.submit(ids.otherVendor, 'RecordTransitions', batch(conclude('O-1')))).code).toBe('ORG_UNKNOWN');
    expect(refused(await h.evaluate(ids.otherVendor, 'GetContract', EMPLOYER_JINAN, 'O-1')).code).toBe('ORG_UNKNOWN');
  });

  it('lets the bureau write in any region', async () => {
    ok(await h.submit(ids.bureau, 'RecordTransitions', batch(conclude('B-1', { employer: EMPLOYER_BEIJING, region: '110105' }))));
  });

  it.each([
    ['arbitration', ids.arbitration],
    ['regulator', ids.regulator],
  ])('refuses writes by %s, which reads', async (_role, who) => {
    ok(await h.submit(ids.bureau, 'RecordTransitions', batch(conclude('R-1'))));
    expect(refused(await h.submit(who, 'RecordTransitions', batch(amend('R-1')))).code).toBe('ACCESS_DENIED');
    expect((await getContract('R-1', who)).transitions).toBe(1);
  });

  it.each([
    ['without ELC attributes', ids.noAttributes],
    ['with an unknown role', ids.unknownRole],
    ['with a malformed region', ids.badRegion],
    ['of a vendor without region', ids.vendorNoRegion],
  ])('refuses a certificate %s, for writes and reads', async (_what, who) => {
    expect(refused(await h.submit(who, 'RecordTransitions', batch(conclude('N-1')))).code).toBe('ACCESS_DENIED');
    expect(refused(await h.evaluate(who, 'GetContract', EMPLOYER_JINAN, 'N-1')).code).toBe('ACCESS_DENIED');
    expect(refused(await h.evaluate(who, 'GetLog', 'elc.example/log')).code).toBe('ACCESS_DENIED');
  });
});

describe('contract queries', () => {
  it('GetContract and GetContractHistory answer CONTRACT_UNKNOWN and check their arguments', async () => {
    expect(refused(await h.evaluate(ids.regulator, 'GetContract', EMPLOYER_JINAN, 'none')).code).toBe('CONTRACT_UNKNOWN');
    expect(refused(await h.evaluate(ids.regulator, 'GetContractHistory', EMPLOYER_JINAN, 'none')).code).toBe('CONTRACT_UNKNOWN');
    expect(refused(await h.evaluate(ids.regulator, 'GetContract', 'not-a-uscc', 'x'))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'employer' });
    expect(refused(await h.evaluate(ids.regulator, 'GetContract', EMPLOYER_JINAN, ''))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'contractId' });
  });

  it('keys contracts by employer and contract id: the same id under two employers is two contracts', async () => {
    ok(await h.submit(ids.bureau, 'RecordTransitions', batch(conclude('SAME'), conclude('SAME', { employer: EMPLOYER_BEIJING, region: '110105', docHash: docHash('bj') }))));
    expect((await getContract('SAME')).docHash).toBe(docHash('SAME contract'));
    expect(ok<ContractJson>(await h.evaluate(ids.regulator, 'GetContract', EMPLOYER_BEIJING, 'SAME')).docHash).toBe(docHash('bj'));
  });

  it('an evaluated transaction commits nothing', async () => {
    const r = await h.evaluate(ids.bureau, 'RecordTransitions', batch(conclude('Q-1')));
    expect(r.status).toBe(200);
    expect(r.committed).toBe(false);
    expect(refused(await h.evaluate(ids.bureau, 'GetContract', EMPLOYER_JINAN, 'Q-1')).code).toBe('CONTRACT_UNKNOWN');
  });

  it('refuses an unknown transaction name with a JSON error', async () => {
    expect(refused(await h.submit(ids.bureau, 'DeleteEverything'))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'function' });
  });
});
