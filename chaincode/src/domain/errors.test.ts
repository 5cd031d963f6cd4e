import { describe, expect, it } from 'vitest';
import { LEDGER_ERROR_CODES, LedgerError, parseLedgerErrorMessage } from './errors.js';

describe('LedgerError JSON', () => {
  it('round-trips through the message a refused transaction carries', () => {
    const e = new LedgerError('END_BEFORE_START', 'the term ends before it starts', { field: 'term.end' }).at(3);
    const json = JSON.stringify(e.toJSON());
    expect(JSON.parse(json)).toEqual({ code: 'END_BEFORE_START', message: 'the term ends before it starts', field: 'term.end', index: 3 });
    expect(parseLedgerErrorMessage(json)).toEqual(e.toJSON());
  });
  it('leaves out field and index when absent', () => {
    expect(JSON.stringify(new LedgerError('LOG_EXISTS', 'm').toJSON())).toBe('{"code":"LOG_EXISTS","message":"m"}');
  });
  it('does not take other messages for ledger errors', () => {
    for (const m of ['', 'Expected 1 parameters, but 2 have been supplied', '{"code":"NOPE","message":"x"}', '{"code":"LOG_EXISTS"}', 'null', '[1]']) {
      expect(parseLedgerErrorMessage(m)).toBeUndefined();
    }
  });
  it('has distinct codes', () => {
    expect(new Set(LEDGER_ERROR_CODES).size).toBe(LEDGER_ERROR_CODES.length);
  });
});
