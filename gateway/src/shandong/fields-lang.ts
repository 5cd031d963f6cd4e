// The name of a field as the client sent it: the request is all Chinese or all English keys.
import { CONTRACT_FIELDS, RENEWAL_FIELDS, RESCISSION_FIELDS, TERMINATION_FIELDS, type FieldSpec } from './validate/index.js';
import type { SdKind } from './store.js';

export type Lang = 'zh' | 'en';

const TABLES: Readonly<Record<Exclude<SdKind, 'units'>, Readonly<Record<string, FieldSpec>>>> = {
  contracts: CONTRACT_FIELDS,
  rescissions: RESCISSION_FIELDS,
  renewals: RENEWAL_FIELDS,
  terminations: TERMINATION_FIELDS,
};

/** Chinese when any top-level key of the body is not ASCII (the validators already refused mixed keys). */
export function langOf(body: unknown): Lang {
  if (typeof body !== 'object' || body === null) return 'zh';
  return Object.keys(body).some((k) => /[^\x20-\x7e]/.test(k)) ? 'zh' : 'en';
}

export function fieldName(kind: Exclude<SdKind, 'units'>, key: string, lang: Lang): string {
  const spec = TABLES[kind][key];
  return spec === undefined || lang === 'en' ? key : spec.zh;
}
