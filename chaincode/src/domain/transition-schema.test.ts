import { describe, expect, it } from 'vitest';
import { batch, conclude, EMPLOYER_JINAN, rescind, terminate } from '../../test/support/fixtures.js';
import { isLedgerError } from './errors.js';
import { MAX_BATCH, parseBatch } from './transition-schema.js';

function refusal(text: string): { code: string; field: string | undefined; index: number | undefined } {
  try {
    parseBatch(text);
  } catch (e) {
    if (isLedgerError(e)) return { code: e.code, field: e.field, index: e.index };
    throw e;
  }
  throw new Error('parseBatch accepted the batch');
}

describe('parseBatch', () => {
  it('accepts one to 50 transitions', () => {
    expect(parseBatch(batch(conclude('A')))).toHaveLength(1);
    const fifty = Array.from({ length: MAX_BATCH }, (_, i) => conclude(`C-${i}`));
    expect(parseBatch(batch(...fifty))).toHaveLength(50);
  });

  it('refuses an empty batch and one of 51', () => {
    expect(refusal('[]')).toMatchObject({ code: 'BATCH_EMPTY', field: 'batch' });
    const many = Array.from({ length: MAX_BATCH + 1 }, (_, i) => conclude(`C-${i}`));
    expect(refusal(batch(...many))).toMatchObject({ code: 'BATCH_TOO_LARGE', field: 'batch' });
  });

  it.each(['', 'not json', '{}', '"x"', 'null', '{"0":{}}'])('refuses %j as a batch', (text) => {
    expect(refusal(text)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'batch' });
  });

  it.each([
    ['an unknown type', { ...conclude('A'), type: 'transfer' }, 'type'],
    ['an unknown field', { ...conclude('A'), workerName: '张三' }, 'workerName'],
    ['an unknown field inside the term', conclude('A', { term: { kind: 'fixed', start: '2026-03-01', end: '2027-03-01', probation: 3 } }), 'term.probation'],
    ['a USCC with a wrong check character', conclude('A', { employer: `${EMPLOYER_JINAN.slice(0, 17)}${EMPLOYER_JINAN.endsWith('0') ? '1' : '0'}` }), 'employer'],
    ['an impossible date', conclude('A', { effectiveDate: '2026-02-30' }), 'effectiveDate'],
    ['a compact date', conclude('A', { effectiveDate: '20260301' }), 'effectiveDate'],
    ['an upper-case document hash', conclude('A', { docHash: `sha256:${'AB'.repeat(32)}` }), 'docHash'],
    ['a document hash of another algorithm', conclude('A', { docHash: `md5:${'ab'.repeat(16)}` }), 'docHash'],
    ['a region that is no GB/T 2260 code', conclude('A', { region: '3701' }), 'region'],
    ['a conclusion without region', conclude('A', { region: undefined }), 'region'],
    ['a conclusion without term', conclude('A', { term: undefined }), 'term'],
    ['an unknown term kind', conclude('A', { term: { kind: 'forever', start: '2026-03-01' } }), 'term.kind'],
    ['a contract id with a control character', conclude('A\u0000B'), 'contractId'],
    ['a contract id of 101 characters', conclude('x'.repeat(101)), 'contractId'],
    ['a contract id holding a phone number', conclude('HT-13812345678'), 'contractId'],
    ['a negative evidence index', conclude('A', { evidenceIndex: -1 }), 'evidenceIndex'],
    ['a fractional evidence index', conclude('A', { evidenceIndex: 1.5 }), 'evidenceIndex'],
    ['a rescission without reason code', rescind('A', { reasonCode: undefined }), 'reasonCode'],
    ['a rescission without initiator', rescind('A', { initiator: undefined }), 'initiator'],
    ['an initiator that is no party', rescind('A', { initiator: 'platform' }), 'initiator'],
    ['a termination with a reason code of free text', terminate('A', { reasonCode: '合同到期' }), 'reasonCode'],
  ])('refuses %s, naming the field and the index', (_what, item, field) => {
    const e = refusal(batch(conclude('OK'), item));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.index).toBe(1);
    expect(e.field).toBe(field);
  });

  it('accepts a termination without initiator and an optional document hash', () => {
    const [t] = parseBatch(batch(terminate('A', { docHash: `sm3:${'0f'.repeat(32)}` })));
    expect(t).toMatchObject({ type: 'terminate', docHash: `sm3:${'0f'.repeat(32)}` });
  });
});
