// Compact calendar dates `yyyyMMdd`, the date format of the Shandong data interface and the
// birth-date part of a GB 11643 citizen ID number. Proleptic Gregorian calendar, years 0001–9999.

export interface CompactDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const COMPACT_DATE_SHAPE = /^\d{8}$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`; 0 for a month out of range. */
export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 1: case 3: case 5: case 7: case 8: case 10: case 12:
      return 31;
    case 4: case 6: case 9: case 11:
      return 30;
    case 2:
      return isLeapYear(year) ? 29 : 28;
    default:
      return 0;
  }
}

/**
 * Parses exactly eight ASCII digits `yyyyMMdd` naming a real calendar date (so `20230229`,
 * `20241301` and `00000101` are refused); undefined otherwise. No trimming, no separators.
 */
export function parseCompactDate(s: string): CompactDate | undefined {
  if (typeof s !== 'string' || !COMPACT_DATE_SHAPE.test(s)) return undefined;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(4, 6));
  const day = Number(s.slice(6, 8));
  if (year < 1) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isValidCompactDate(s: string): boolean {
  return parseCompactDate(s) !== undefined;
}

/**
 * Orders two valid compact dates: negative when a is earlier, 0 when equal, positive when later.
 * Valid `yyyyMMdd` strings order like their dates, so this is a string comparison; the caller
 * must have parsed both first.
 */
export function compareCompactDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
