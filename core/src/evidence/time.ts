// Calendar checks for the time formats that appear in events. Regexes alone accept 2026-02-30.

const RFC3339_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** RFC 3339 date-time in UTC with `Z` (e.g. 2026-11-22T08:00:00.000Z) naming a real instant; no leap seconds. */
export function isRfc3339Utc(text: string): boolean {
  const m = RFC3339_UTC.exec(text);
  if (m === null) return false;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = ''] = m;
  return isRealDate(y, mo, d) && Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 59;
}

/** A calendar date `yyyy-mm-dd` that exists. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (m === null) return false;
  const [, y = '', mo = '', d = ''] = m;
  return isRealDate(y, mo, d);
}
