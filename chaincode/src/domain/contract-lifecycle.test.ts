// The state machine, pure: no Fabric, a Map for the committed state.
import { describe, expect, it } from 'vitest';
import { amend, batch, conclude, docHash, EMPLOYER_BEIJING, EMPLOYER_JINAN, renew, rescind, terminate } from '../../test/support/fixtures.js';
import type { Caller } from './access.js';
import { applyTransition } from './contract-lifecycle.js';
import { isLedgerError } from './errors.js';
import type { LedgerErrorCode } from './errors.js';
import type { ContractState, LedgerReader, TxContext } from './records.js';
import { parseBatch } from './transition-schema.js';
import { recordTransitions } from './transitions.js';

const bureau: Caller = { mspId: 'BureauMSP', id: 'x509::/CN=b::/CN=ca', role: 'bureau', region: '370000' };
const tx = (caller: Caller = bureau): TxContext => ({ txId: 'tx1', timestamp: '2026-03-01T08:00:00.000Z', caller });

function one(item: Record<string, unknown>) {
  const [t] = parseBatch(batch(item));
  if (t === undefined) throw new Error('no transition');
  return t;
}

function errorOf(f: () => unknown): { code: LedgerErrorCode; field: string | undefined; index: number | undefined } | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (isLedgerError(e)) return { code: e.code, field: e.field, index: e.index };
    throw e;
  }
}

async function errorOfAsync(f: () => Promise<unknown>): Promise<{ code: LedgerErrorCode; field: string | undefined; index: number | undefined } | undefined> {
  try {
    await f();
    return undefined;
  } catch (e) {
    if (isLedgerError(e)) return { code: e.code, field: e.field, index: e.index };
    throw e;
  }
}

const concluded = applyTransition(undefined, one(conclude('C-1')), tx());

describe('applyTransition', () => {
  it('concludes a contract into the active state', () => {
    expect(concluded).toEqual({
      employer: EMPLOYER_JINAN,
      contractId: 'C-1',
      region: '370102',
      status: 'active',
      startDate: '2026-03-01',
      term: { kind: 'fixed', start: '2026-03-01', end: '2029-02-28' },
      docHash: docHash('C-1 contract'),
      concludedOn: '2026-03-01',
      transitions: 1,
      last: { type: 'conclude', effectiveDate: '2026-03-01', docHash: docHash('C-1 contract'), evidenceIndex: 7, txId: 'tx1', timestamp: '2026-03-01T08:00:00.000Z', mspId: 'BureauMSP' },
    });
  });

  it('renews with a new term and document, keeping the start', () => {
    const s = applyTransition(concluded, one(renew('C-1')), tx());
    expect(s.status).toBe('active');
    expect(s.startDate).toBe('2026-03-01');
    expect(s.term).toEqual({ kind: 'open_ended', start: '2029-03-01' });
    expect(s.docHash).toBe(docHash('C-1 renewal'));
    expect(s.transitions).toBe(2);
  });

  it('amends the document, and the term when one is given', () => {
    const a = applyTransition(concluded, one(amend('C-1')), tx());
    expect(a.term).toEqual(concluded.term);
    expect(a.docHash).toBe(docHash('C-1 amendment'));
    const b = applyTransition(concluded, one(amend('C-1', { term: { kind: 'fixed', start: '2026-03-01', end: '2030-02-28' } })), tx());
    expect(b.term.end).toBe('2030-02-28');
  });

  it('ends the contract by rescission or termination', () => {
    const r = applyTransition(concluded, one(rescind('C-1')), tx());
    expect(r).toMatchObject({ status: 'rescinded', endedOn: '2027-06-30', endReasonCode: '36', endInitiator: 'worker', transitions: 2 });
    const t = applyTransition(concluded, one(terminate('C-1')), tx());
    expect(t).toMatchObject({ status: 'terminated', endedOn: '2029-02-28', endReasonCode: '1' });
    expect(t.endInitiator).toBeUndefined();
  });

  it('refuses a second conclusion', () => {
    expect(errorOf(() => applyTransition(concluded, one(conclude('C-1')), tx()))).toMatchObject({ code: 'CONTRACT_EXISTS' });
  });

  it.each([
    ['renew', renew('X')],
    ['amend', amend('X')],
    ['rescind', rescind('X')],
    ['terminate', terminate('X')],
  ])('refuses %s of an unknown contract', (_type, item) => {
    expect(errorOf(() => applyTransition(undefined, one(item), tx()))).toMatchObject({ code: 'CONTRACT_UNKNOWN' });
  });

  it.each([
    ['renew', renew('C-1')],
    ['amend', amend('C-1')],
    ['rescind', rescind('C-1')],
    ['terminate', terminate('C-1')],
  ])('refuses %s of an ended contract', (_type, item) => {
    const ended = applyTransition(concluded, one(terminate('C-1')), tx());
    expect(errorOf(() => applyTransition(ended, one(item), tx()))).toMatchObject({ code: 'CONTRACT_ENDED' });
  });

  it.each([
    ['renew', renew('C-1', { effectiveDate: '2026-02-28' }), 'effectiveDate'],
    ['renew term', renew('C-1', { term: { kind: 'open_ended', start: '2026-02-01' } }), 'term.start'],
    ['amend', amend('C-1', { effectiveDate: '2025-12-31' }), 'effectiveDate'],
    ['amend term', amend('C-1', { term: { kind: 'task_based', start: '2026-01-01' } }), 'term.start'],
    ['rescind', rescind('C-1', { effectiveDate: '2026-02-01' }), 'effectiveDate'],
    ['terminate', terminate('C-1', { effectiveDate: '2020-01-01' }), 'effectiveDate'],
  ])('refuses a %s dated before the contract start', (_what, item, field) => {
    expect(errorOf(() => applyTransition(concluded, one(item), tx()))).toMatchObject({ code: 'DATE_BEFORE_START', field });
  });

  it.each([
    ['conclude', undefined, conclude('C-2', { term: { kind: 'fixed', start: '2026-03-01', end: '2026-02-28' } })],
    ['renew', concluded, renew('C-1', { term: { kind: 'fixed', start: '2029-03-01', end: '2029-02-01' } })],
    ['amend', concluded, amend('C-1', { term: { kind: 'task_based', start: '2026-03-01', end: '2026-02-01' } })],
  ])('refuses a %s whose term ends before it starts', (_what, prev, item) => {
    expect(errorOf(() => applyTransition(prev, one(item), tx()))).toMatchObject({ code: 'END_BEFORE_START', field: 'term.end' });
  });

  it('accepts a term that ends the day it starts', () => {
    const s = applyTransition(undefined, one(conclude('C-3', { term: { kind: 'task_based', start: '2026-03-01', end: '2026-03-01' } })), tx());
    expect(s.term.end).toBe('2026-03-01');
  });

  it.each([
    ['a fixed term without an end', { kind: 'fixed', start: '2026-03-01' }],
    ['an open-ended term with an end', { kind: 'open_ended', start: '2026-03-01', end: '2027-03-01' }],
  ])('refuses %s', (_what, term) => {
    expect(errorOf(() => applyTransition(undefined, one(conclude('C-4', { term })), tx()))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'term.end' });
  });

  it('refuses a transition naming another region than the contract', () => {
    expect(errorOf(() => applyTransition(concluded, one(amend('C-1', { region: '370103' })), tx()))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'region' });
  });
});

class MapReader implements LedgerReader {
  readonly contracts = new Map<string, ContractState>();
  getLog = () => Promise.resolve(undefined);
  getLatestAnchor = () => Promise.resolve(undefined);
  getAnchor = () => Promise.resolve(undefined);
  getOrg = () => Promise.resolve(undefined);
  getBootstrap = () => Promise.resolve(undefined);
  getMandate = () => Promise.resolve(undefined);
  getContract(employer: string, contractId: string): Promise<ContractState | undefined> {
    return Promise.resolve(this.contracts.get(`${employer}/${contractId}`));
  }
}

describe('recordTransitions', () => {
  it('sees earlier items of its own batch and writes each contract once', async () => {
    const out = await recordTransitions(new MapReader(), batch(conclude('C-1'), amend('C-1'), conclude('C-2'), rescind('C-1')), tx());
    expect(out.writes.map((w) => (w.kind === 'contract' ? [w.value.contractId, w.value.status, w.value.transitions] : w.kind))).toEqual([
      ['C-1', 'rescinded', 3],
      ['C-2', 'active', 1],
    ]);
    expect(out.result.results.map((r) => r.type)).toEqual(['conclude', 'amend', 'conclude', 'rescind']);
    expect(out.event?.name).toBe('elc.transitions');
  });

  it('fails the whole batch at the first bad item, with its index', async () => {
    const e = await errorOfAsync(() => recordTransitions(new MapReader(), batch(conclude('C-1'), conclude('C-2'), conclude('C-1')), tx()));
    expect(e).toEqual({ code: 'CONTRACT_EXISTS', field: 'contractId', index: 2 });
  });

  it('checks a vendor against the region of the contract, not of the item', async () => {
    const reader = new MapReader();
    reader.contracts.set(`${EMPLOYER_JINAN}/C-1`, concluded);
    const jinan: Caller = { mspId: 'VendorMSP', id: 'v', role: 'vendor', region: '370100' };
    const beijing: Caller = { mspId: 'VendorMSP', id: 'v', role: 'vendor', region: '110000' };
    expect((await recordTransitions(reader, batch(amend('C-1')), tx(jinan))).writes).toHaveLength(1);
    expect(await errorOfAsync(() => recordTransitions(reader, batch(amend('C-1')), tx(beijing)))).toMatchObject({ code: 'REGION_DENIED', index: 0 });
    expect(await errorOfAsync(() => recordTransitions(reader, batch(conclude('B-1', { employer: EMPLOYER_BEIJING, region: '110105' })), tx(jinan)))).toMatchObject({
      code: 'REGION_DENIED',
    });
  });
});
