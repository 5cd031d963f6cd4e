import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { RESIDENT_ID_WEIGHTS, checkResidentId, isValidResidentId, makeResidentId, residentIdCheckChar } from './resident-id.js';

// Synthetic numbers: check characters computed independently (Python transcription of
// GB 11643-1999 §8.2); the sequence parts are made up and name nobody.
const VALID = [
  '370102199003071238',
  '370102198002290012', // 29 February of a leap year
  '440300200001019999',
  '370203198511110579',
  '11010519491231002X', // the standard's own printed example; check character X
];

describe('GB 11643-1999 citizen identity number', () => {
  it('uses the weights 2^(18-i) mod 11', () => {
    expect(RESIDENT_ID_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11));
  });

  it.each(VALID)('accepts %s', (id) => {
    expect(isValidResidentId(id)).toBe(true);
    expect(residentIdCheckChar(id.slice(0, 17))).toBe(id.charAt(17));
  });

  it('reports region, birth date and sex', () => {
    expect(checkResidentId('370102199003071238')).toEqual({
      ok: true,
      info: { regionCode: '370102', birthDate: { year: 1990, month: 3, day: 7 }, sex: 'male' },
    });
    const female = checkResidentId('11010519491231002X'); // 17th digit 2: even
    expect(female.ok && female.info.sex).toBe('female');
  });

  it.each([
    ['', 'length'],
    ['37010219900307123', 'length'],
    ['370102900307123', 'length'], // first-generation 15-digit numbers are no longer valid
    ['3701021990030712388', 'length'],
    ['11010519491231002x', 'charset'], // X is upper case in the standard
    ['37010219900307123A', 'charset'],
    ['3701021990030712X8', 'charset'],
    [makeResidentId('99010219900307123'), 'region'],
    [makeResidentId('00010219900307123'), 'region'],
    [makeResidentId('37010219900230123'), 'birthDate'], // 30 February
    [makeResidentId('37010219000229123'), 'birthDate'], // 1900 is not a leap year
    [makeResidentId('37010219901301123'), 'birthDate'],
    [makeResidentId('37010218991231123'), 'birthDate'], // before 1900
    ['370102199003071230', 'check'],
    ['37010219900307123X', 'check'],
  ] as const)('refuses %j (%s)', (id, problem) => {
    expect(checkResidentId(id)).toEqual({ ok: false, problem });
    expect(isValidResidentId(id)).toBe(false);
  });

  it('refuses a birth date after the injected today', () => {
    const id = makeResidentId('37010220300101123');
    expect(isValidResidentId(id)).toBe(true);
    expect(checkResidentId(id, { asOf: '20261122' })).toEqual({ ok: false, problem: 'birthDate' });
    expect(isValidResidentId('370102199003071238', { asOf: '20261122' })).toBe(true);
  });

  it('catches every single-digit substitution in the body', () => {
    const id = '370203198511110579';
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === id.charAt(i)) continue;
        const bad = id.slice(0, i) + String(d) + id.slice(i + 1);
        expect(isValidResidentId(bad), bad).toBe(false);
      }
    }
  });

  it('makeResidentId refuses anything but 17 digits', () => {
    expect(makeResidentId('37010219900307123')).toBe('370102199003071238');
    let err: unknown;
    try {
      makeResidentId('3701021990030712X');
    } catch (e) {
      err = e;
    }
    expect(isElcError(err, 'IDS_BAD_INPUT')).toBe(true);
  });
});
