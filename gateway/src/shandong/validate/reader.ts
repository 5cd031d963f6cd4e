// Reads one JSON object of a request against the spec's fields: key checks (unknown, mixed
// languages), then per field one error at most (type, required, text, length, format), keeping
// the valid values for the table's cross-field rules.
import { checkResidentId, checkUscc, isValidPhone, parseCompactDate } from '@elc/core';
import { type SdConfig, SD_MIN_DATE } from './config.js';
import type { FieldSpec, ListSpec } from './fields.js';
import type { SdErrorCode, SdIssue, SdMessage } from './issues.js';
import { ID_PROBLEMS, messages } from './messages.js';

export type KeyLang = 'zh' | 'en';

/** One request being validated: its settings, the language of its keys and the issues so far. */
export interface SdScope {
  readonly config: SdConfig;
  readonly lang: KeyLang;
  readonly issues: SdIssue[];
}

type Named = FieldSpec | ListSpec;

export function isJsonObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The language of a request's keys: the majority of the keys the spec knows, counted over the
 * body and its items (ties and requests without known keys: Chinese, the spec's own). A majority
 * rather than the first key, so that one stray key is the one reported as mixed.
 */
export function detectLang(objects: readonly { obj: Record<string, unknown>; known: readonly Named[] }[]): KeyLang {
  let zh = 0;
  let en = 0;
  for (const { obj, known } of objects) {
    for (const key of Object.keys(obj)) {
      if (known.some((s) => s.zh === key)) zh++;
      else if (known.some((s) => s.key === key)) en++;
    }
  }
  return en > zh ? 'en' : 'zh';
}

/** Length in characters (Unicode code points) and whether the text holds forbidden code points. */
function scanText(s: string, allowLineBreaks: boolean): { length: number; bad: boolean } {
  let length = 0;
  let bad = false;
  for (const ch of s) {
    length++;
    const cp = ch.codePointAt(0) ?? 0;
    const lineBreak = cp === 0x09 || cp === 0x0a || cp === 0x0d;
    if ((cp < 0x20 && !(allowLineBreaks && lineBreak)) || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) bad = true;
  }
  return { length, bad };
}

export interface RecordReader {
  readonly index: number | null;
  /** The valid value of a field (by English key), after read(). */
  get(key: string): string | undefined;
  /** True when the client sent a non-blank value for the field, valid or not. */
  sent(key: string): boolean;
  /** The field's key as the client sent it, or as this request's language names it. */
  name(spec: Named): string;
  /** Validates these fields in order (each at most once per record; an ID type before its number). */
  read(specs: readonly FieldSpec[]): void;
  /** The raw value of a list parameter when it is a non-empty array within `max`; reports otherwise. */
  list(spec: ListSpec, max: number): readonly unknown[] | undefined;
  report(spec: Named | null, code: SdErrorCode, message: SdMessage): void;
}

/** Opens an object of the request: reports unknown and wrong-language keys among `known`. */
export function openRecord(obj: Record<string, unknown>, index: number | null, known: readonly Named[], scope: SdScope): RecordReader {
  const own = new Map(Object.entries(obj));
  const values = new Map<string, string>();
  const sent = new Set<string>();
  const { config, lang } = scope;
  const preferred = (s: Named): string => (lang === 'zh' ? s.zh : s.key);
  const other = (s: Named): string => (lang === 'zh' ? s.key : s.zh);

  const report = (spec: Named | null, code: SdErrorCode, message: SdMessage): void => {
    scope.issues.push({ index, field: spec === null ? null : name(spec), code, message });
  };
  function name(spec: Named): string {
    return own.has(preferred(spec)) || !own.has(other(spec)) ? preferred(spec) : other(spec);
  }
  const raw = (spec: Named): unknown => own.get(name(spec));

  for (const key of own.keys()) {
    if (known.some((s) => preferred(s) === key)) continue;
    if (known.some((s) => other(s) === key)) scope.issues.push({ index, field: key, code: 'SD_MIXED_KEYS', message: messages.mixedKeys(key, lang) });
    else scope.issues.push({ index, field: key, code: 'SD_UNKNOWN_FIELD', message: messages.unknownField(key) });
  }

  function checkFormat(spec: FieldSpec, v: string): boolean {
    const f = { zh: spec.zh, key: spec.key };
    const format = spec.format;
    switch (format.kind) {
      case 'text':
      case 'note':
      case 'idNumber': // and then checkIdNumber, once the value passed the generic checks
        return true;
      case 'date': {
        const ok = parseCompactDate(v) !== undefined && v >= SD_MIN_DATE;
        if (!ok) report(spec, 'SD_BAD_DATE', messages.badDate(f, SD_MIN_DATE));
        return ok;
      }
      case 'uscc': {
        const r = checkUscc(v);
        if (!r.ok) report(spec, 'SD_BAD_USCC', messages.badUscc(f, ID_PROBLEMS[r.problem]));
        return r.ok;
      }
      case 'phone': {
        const ok = isValidPhone(v);
        if (!ok) report(spec, 'SD_BAD_PHONE', messages.badPhone(f));
        return ok;
      }
      case 'code': {
        const table = config.codeTables[format.table];
        const ok = Object.hasOwn(table, v);
        if (!ok) report(spec, 'SD_BAD_CODE', messages.badCode(f, format.table, Object.keys(table).sort()));
        return ok;
      }
      case 'fixed': {
        const ok = format.values.includes(v);
        if (!ok) report(spec, 'SD_BAD_CODE', messages.notOneOf(f, format.meaning));
        return ok;
      }
    }
  }

  function readOne(spec: FieldSpec): void {
    const f = { zh: spec.zh, key: spec.key };
    const v = raw(spec);
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (spec.required) report(spec, 'SD_REQUIRED', messages.required(f));
      return;
    }
    sent.add(spec.key);
    if (typeof v !== 'string') return report(spec, 'SD_NOT_A_STRING', messages.notString(f));
    const text = scanText(v, spec.format.kind === 'note');
    if (text.bad) return report(spec, 'SD_BAD_TEXT', messages.badText(f));
    if (text.length > spec.max) return report(spec, 'SD_TOO_LONG', messages.tooLong(f, spec.max, text.length));
    if (checkFormat(spec, v)) values.set(spec.key, v);
  }

  /** GB 11643 applies when the record's (valid) ID type, read before the number, is a resident-ID type. */
  function checkIdNumber(spec: FieldSpec, typeKey: string): void {
    const v = values.get(spec.key);
    const type = values.get(typeKey);
    if (v === undefined || type === undefined || !config.residentIdTypes.has(type)) return;
    const r = checkResidentId(v, config.today === undefined ? {} : { asOf: config.today });
    if (r.ok) return;
    values.delete(spec.key);
    report(spec, 'SD_BAD_ID_NUMBER', messages.badIdNumber({ zh: spec.zh, key: spec.key }, ID_PROBLEMS[r.problem]));
  }

  return {
    index,
    get: (key) => values.get(key),
    sent: (key) => sent.has(key),
    name,
    report,
    read(specs) {
      for (const spec of specs) {
        readOne(spec);
        if (spec.format.kind === 'idNumber') checkIdNumber(spec, spec.format.typeKey);
      }
    },
    list(spec, max) {
      const f = { zh: spec.zh, key: spec.key };
      const v = raw(spec);
      if (v === undefined || v === null) return void report(spec, 'SD_REQUIRED', messages.required(f));
      if (!Array.isArray(v)) return void report(spec, 'SD_NOT_AN_ARRAY', messages.notArray(f));
      if (v.length === 0) return void report(spec, 'SD_ARRAY_EMPTY', messages.arrayEmpty(f));
      // Items of an oversized list are not examined: the work per request stays bounded.
      if (v.length > max) return void report(spec, 'SD_ARRAY_TOO_LONG', messages.arrayTooLong(f, max, v.length));
      return v as readonly unknown[];
    },
  };
}
