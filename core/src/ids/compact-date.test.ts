import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCompactDates, daysInMonth, isLeapYear, isValidCompactDate, parseCompactDate } from './compact-date.js';
import { isValidRegionCode, isProvinceCode } from './region.js';

describe('yyyyMMdd dates', () => {
  it('parses real dates', () => {
    expect(parseCompactDate('20240229')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCompactDate('20001231')).toEqual({ year: 2000, month: 12, day: 31 });
    expect(parseCompactDate('99991231')).toEqual({ year: 9999, month: 12, day: 31 });
    expect(isValidCompactDate('19000101')).toBe(true);
  });

  it.each(['20230229', '19000229', '20240230', '20240431', '20241301', '20240001', '20240100', '00000101',
    '2024-01-01', '2024011', '202401011', ' 20240101', '2024O101', '２０２４０１０１', ''])('refuses %j', (s) => {
    expect(parseCompactDate(s)).toBeUndefined();
    expect(isValidCompactDate(s)).toBe(false);
  });

  it('agrees with Date.UTC on every yyyyMMdd string of plausible digits (independent oracle)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = String(y).padStart(4, '0') + String(m).padStart(2, '0') + String(d).padStart(2, '0');
        const t = new Date(0);
        t.setUTCFullYear(y, m - 1, d); // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999
        const real = m >= 1 && m <= 12 && d >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
        expect(isValidCompactDate(s)).toBe(real);
      }),
      { numRuns: 5000 },
    );
  });

  it('follows the Gregorian leap-year rule', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2024, 13)).toBe(0);
  });

  it('orders dates', () => {
    expect(compareCompactDates('20240101', '20231231')).toBeGreaterThan(0);
    expect(compareCompactDates('20231231', '20240101')).toBeLessThan(0);
    expect(compareCompactDates('20240101', '20240101')).toBe(0);
  });

  it('refuses non-strings', () => {
    expect(parseCompactDate(20240101 as unknown as string)).toBeUndefined();
  });
});

describe('GB/T 2260 region codes', () => {
  it.each(['110000', '370102', '650101', '810000', '820000', '710000'])('accepts %s', (c) => {
    expect(isValidRegionCode(c)).toBe(true);
  });
  it.each(['100000', '990000', '380000', '37010', '3701021', '37010A', ''])('refuses %j', (c) => {
    expect(isValidRegionCode(c)).toBe(false);
  });
  it('knows the province codes', () => {
    expect(isProvinceCode('37')).toBe(true);
    expect(isProvinceCode('30')).toBe(false);
  });
});
