import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import type { ElcError } from '../errors.js';
import { DOC, EMPLOYER, SAMPLE_EVENTS, WORKER, mutable, syntheticUscc } from './fixtures.test-support.js';
import { parseEvidenceEvent, safeParseEvidenceEvent, validateEvidenceEvents } from './parse.js';
import { EVENT_TYPES } from './schema.js';

function failure(input: unknown): ElcError {
  try {
    parseEvidenceEvent(input);
  } catch (e) {
    if (isElcError(e)) return e;
    throw e;
  }
  throw new Error('expected parseEvidenceEvent to throw');
}

function expectInvalid(input: unknown, field: string, code = 'EVIDENCE_INVALID'): void {
  const e = failure(input);
  expect({ code: e.code, field: e.field }).toEqual({ code, field });
}

const concluded = SAMPLE_EVENTS['contract.concluded'];

describe('parseEvidenceEvent: valid events', () => {
  it('accepts one sample of every type and returns it unchanged', () => {
    expect(Object.keys(SAMPLE_EVENTS).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      expect(parseEvidenceEvent(SAMPLE_EVENTS[type])).toEqual(SAMPLE_EVENTS[type]);
    }
  });

  it('accepts every identity method of art. 7 and every channel of art. 10', () => {
    for (const method of ['digital_certificate', 'online_id_check', 'biometrics', 'sms_code', 'e_social_security_card']) {
      const e = mutable(SAMPLE_EVENTS['identity.verified']);
      e.data.method = method;
      expect(parseEvidenceEvent(e).type).toBe('identity.verified');
    }
    for (const channel of ['sms', 'wechat', 'email', 'app']) {
      const e = mutable(SAMPLE_EVENTS['worker.notified']);
      e.data.channel = channel;
      expect(parseEvidenceEvent(e).type).toBe('worker.notified');
    }
  });
});

describe('parseEvidenceEvent: refusals with the field at fault', () => {
  it('refuses non-objects and unknown types', () => {
    expectInvalid(null, '');
    expectInvalid([], '');
    expectInvalid('{}', '');
    expectInvalid({ ...concluded, type: 'contract.signed' }, 'type');
  });

  it('refuses unknown keys at the top and inside data', () => {
    expectInvalid({ ...concluded, extra: 1 }, 'extra');
    const e = mutable(concluded);
    e.data.bonus = 5;
    expectInvalid(e, 'data.bonus');
    const t = mutable(concluded);
    (t.data.term as Record<string, unknown>).probation = '2026-12-31';
    expectInvalid(t, 'data.term.probation');
  });

  it('refuses other schema versions with their own code', () => {
    expectInvalid({ ...concluded, v: 2 }, 'v', 'EVIDENCE_VERSION_UNSUPPORTED');
    expectInvalid({ ...concluded, v: '1' }, 'v');
  });

  it('checks the id, contract number, employer and region', () => {
    expectInvalid({ ...concluded, id: '' }, 'id');
    expectInvalid({ ...concluded, id: 'a'.repeat(129) }, 'id');
    expectInvalid({ ...concluded, id: 'a/b' }, 'id');
    expect(parseEvidenceEvent({ ...concluded, id: 'A-z.0:9_'.padEnd(128, 'x') }).id).toHaveLength(128);
    expectInvalid({ ...concluded, contractId: 'x'.repeat(101) }, 'contractId');
    expectInvalid({ ...concluded, contractId: 'HT\n1' }, 'contractId');
    expectInvalid({ ...concluded, employer: EMPLOYER.slice(0, 17) + (EMPLOYER.endsWith('0') ? '1' : '0') }, 'employer');
    expectInvalid({ ...concluded, employer: EMPLOYER.toLowerCase() }, 'employer');
    // A correct check character on an impossible structure (category 9 under authority 9) is refused too.
    expectInvalid({ ...concluded, employer: syntheticUscc('99110000MA0000001') }, 'employer');
    expect(parseEvidenceEvent({ ...concluded, employer: '91350100M000100Y43' }).employer).toBe('91350100M000100Y43');
    expectInvalid({ ...concluded, region: '990000' }, 'region');
    expectInvalid({ ...concluded, region: '11010' }, 'region');
    expect(parseEvidenceEvent({ ...concluded, region: '820000' }).region).toBe('820000');
  });

  it('checks times and dates are real', () => {
    for (const time of ['2026-11-22T08:00:00.000+08:00', '2026-11-22 08:00:00Z', '2026-02-29T08:00:00Z', '2026-11-22T24:00:00Z', '2026-11-22T08:00:60Z', '2026-11-22T08:00:00.Z']) {
      expectInvalid({ ...concluded, time }, 'time');
    }
    expect(parseEvidenceEvent({ ...concluded, time: '2028-02-29T23:59:59Z' }).time).toBe('2028-02-29T23:59:59Z');
    const e = mutable(concluded);
    e.data.effectiveDate = '2100-02-29';
    expectInvalid(e, 'data.effectiveDate');
  });

  it('checks worker commitments and document hashes', () => {
    expectInvalid({ ...concluded, worker: WORKER.toUpperCase() }, 'worker');
    expectInvalid({ ...concluded, worker: WORKER.replace('hmac-sha256', 'sha256') }, 'worker');
    expectInvalid({ ...concluded, docHash: DOC.toUpperCase() }, 'docHash');
    expectInvalid({ ...concluded, docHash: 'md5:00' }, 'docHash');
  });

  it('requires the worker and the document where the type concerns them', () => {
    const { worker: _w, ...noWorker } = concluded;
    expectInvalid(noWorker, 'worker');
    const { docHash: _d, ...noDoc } = concluded;
    expectInvalid(noDoc, 'docHash');
    const { worker: _w2, ...viewedNoWorker } = SAMPLE_EVENTS['document.viewed'];
    expectInvalid(viewedNoWorker, 'worker');
    // An employer's view concerns no worker.
    expect(parseEvidenceEvent({ ...viewedNoWorker, party: 'employer' }).party).toBe('employer');
    const { worker: _w3, ...accessNoWorker } = SAMPLE_EVENTS['evidence.accessed'];
    expect(parseEvidenceEvent(accessNoWorker).type).toBe('evidence.accessed');
  });

  it('restricts the party by type', () => {
    expectInvalid({ ...SAMPLE_EVENTS['paper_copy.issued'], party: 'worker' }, 'party');
    expectInvalid({ ...SAMPLE_EVENTS['identity.verified'], party: 'platform' }, 'party');
    expectInvalid({ ...concluded, party: 'regulator' }, 'party');
  });

  it('lets a party apply only its own signature', () => {
    const sig = mutable(SAMPLE_EVENTS['signature.applied']);
    sig.party = 'employer';
    expectInvalid(sig, 'data.signer');
    sig.party = 'worker';
    expect(parseEvidenceEvent(sig).party).toBe('worker');
    const { worker: _w, ...noWorker } = sig;
    expectInvalid(noWorker, 'worker');
    const s2 = mutable(SAMPLE_EVENTS['signature.applied']);
    s2.data.certSerial = 'ABCDEF';
    expectInvalid(s2, 'data.certSerial');
  });

  it('checks type-specific data', () => {
    const id = mutable(SAMPLE_EVENTS['identity.verified']);
    id.data.method = 'face_scan';
    expectInvalid(id, 'data.method');
    const n = mutable(SAMPLE_EVENTS['worker.notified']);
    n.data.channel = 'letter';
    expectInvalid(n, 'data.channel');
    const p = mutable(SAMPLE_EVENTS['paper_copy.issued']);
    p.data.copies = 0;
    expectInvalid(p, 'data.copies');
    p.data.copies = 1.5;
    expectInvalid(p, 'data.copies');
    const a = mutable(SAMPLE_EVENTS['contract.amended']);
    a.data.clauses = [];
    expectInvalid(a, 'data.clauses');
    a.data.clauses = ['pay'];
    expectInvalid(a, 'data.clauses.0');
    const r = mutable(SAMPLE_EVENTS['contract.rescinded']);
    r.data.initiator = 'bureau';
    expectInvalid(r, 'data.initiator');
    const { reasonCode: _rc, ...noReason } = r.data;
    expectInvalid({ ...r, data: { ...noReason, initiator: 'worker' } }, 'data.reasonCode');
    const acc = mutable(SAMPLE_EVENTS['evidence.accessed']);
    acc.data.role = 'police';
    expectInvalid(acc, 'data.role');
  });

  it('checks contract terms: end after start, no end on open-ended terms', () => {
    const c = mutable(concluded);
    c.data.term = { kind: 'fixed', start: '2026-12-01', end: '2026-11-30' };
    expectInvalid(c, 'data.term.end');
    c.data.term = { kind: 'fixed', start: '2026-12-01' };
    expectInvalid(c, 'data.term.end');
    c.data.term = { kind: 'open_ended', start: '2026-12-01', end: '2030-01-01' };
    expectInvalid(c, 'data.term.end');
    c.data.term = { kind: 'task_based', start: '2026-12-01' };
    expect(parseEvidenceEvent(c).type).toBe('contract.concluded');
  });
});

describe('validateEvidenceEvents and safeParseEvidenceEvent', () => {
  it('returns every issue of every item with its index', () => {
    const bad1 = { ...concluded, region: '000000', docHash: 'x' };
    const bad3 = mutable(SAMPLE_EVENTS['worker.notified']);
    bad3.data.workerName = 'x';
    const issues = validateEvidenceEvents([concluded, bad1, SAMPLE_EVENTS['worker.notified'], bad3]);
    // Personal-data findings come first for an item, then schema issues in schema order.
    expect(issues.map((i) => [i.index, i.field, i.code])).toEqual([
      [1, 'region', 'EVIDENCE_INVALID'],
      [1, 'docHash', 'EVIDENCE_INVALID'],
      [3, 'data.workerName', 'EVIDENCE_PERSONAL_DATA'],
      [3, 'data.workerName', 'EVIDENCE_INVALID'],
    ]);
    expect(issues.every((i) => i.message.length > 0)).toBe(true);
    expect(validateEvidenceEvents([concluded, SAMPLE_EVENTS['evidence.accessed']])).toEqual([]);
    expect(validateEvidenceEvents({} as unknown as unknown[])).toEqual([expect.objectContaining({ index: -1, code: 'EVIDENCE_INVALID' })]);
  });

  it('safeParse returns the event or the issues without throwing', () => {
    const ok = safeParseEvidenceEvent(concluded);
    expect(ok.ok && ok.event.id).toBe(concluded.id);
    const bad = safeParseEvidenceEvent({ ...concluded, party: 'x' });
    expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['party']);
  });
});
