// Cross-field rule helpers shared by the tables, and the builders of normalized records.
import type { SdConfig } from './config.js';
import type { FieldSpec } from './fields.js';
import type { SdMessage } from './issues.js';
import { messages } from './messages.js';
import type { RecordReader } from './reader.js';

const nameOf = (s: FieldSpec): { zh: string; key: string } => ({ zh: s.zh, key: s.key });

/** SD_CONDITIONAL_REQUIRED for each of `specs` the client did not send; `because` says which value requires it. */
export function requireWhen(rec: RecordReader, specs: readonly FieldSpec[], because: SdMessage): void {
  for (const spec of specs) {
    if (!rec.sent(spec.key)) rec.report(spec, 'SD_CONDITIONAL_REQUIRED', messages.conditional(nameOf(spec), because));
  }
}

/** SD_DATE_ORDER on `later` when both dates are valid and `later` is before `earlier`. */
export function laterNotBefore(rec: RecordReader, earlier: FieldSpec, later: FieldSpec): void {
  const a = rec.get(earlier.key);
  const b = rec.get(later.key);
  if (a !== undefined && b !== undefined && b < a) rec.report(later, 'SD_DATE_ORDER', messages.notBefore(nameOf(later), nameOf(earlier)));
}

/** SD_DATE_ORDER on `earlier` when both dates are valid and `earlier` is after `later`. */
export function earlierNotAfter(rec: RecordReader, earlier: FieldSpec, later: FieldSpec): void {
  const a = rec.get(earlier.key);
  const b = rec.get(later.key);
  if (a !== undefined && b !== undefined && a > b) rec.report(earlier, 'SD_DATE_ORDER', messages.notAfter(nameOf(earlier), nameOf(later)));
}

/**
 * The contract term (sections 2 and 4): a fixed-term contract (config.fixedTermTypes, 劳动合同法
 * 第12条) names its end, and the end is not before the start.
 */
export function termHasEnd(
  rec: RecordReader,
  config: SdConfig,
  f: { readonly termType: FieldSpec; readonly startDate: FieldSpec; readonly endDate: FieldSpec },
): void {
  const termType = rec.get(f.termType.key);
  if (termType !== undefined && config.fixedTermTypes.has(termType)) {
    requireWhen(rec, [f.endDate], because(f.termType, termType, config.codeTables.B[termType] ?? ''));
  }
  laterNotBefore(rec, f.startDate, f.endDate);
}

/** SD_DUPLICATE_IN_BATCH on every later item repeating an earlier item's value of `spec`. */
export function noDuplicates(items: readonly RecordReader[], spec: FieldSpec): void {
  const first = new Map<string, number>();
  for (const rec of items) {
    const v = rec.get(spec.key);
    if (v === undefined || rec.index === null) continue;
    const seen = first.get(v);
    if (seen === undefined) first.set(v, rec.index);
    else rec.report(spec, 'SD_DUPLICATE_IN_BATCH', messages.duplicate(nameOf(spec), seen));
  }
}

/** A field that validation guarantees (required, no issues); a missing one is a programming error. */
export function req(rec: RecordReader, key: string): string {
  const v = rec.get(key);
  if (v === undefined) throw new Error(`shandong/validate: ${key} missing from a record that passed validation`);
  return v;
}

/** `{ [key]: value }` when the optional field was sent, `{}` otherwise (no undefined properties). */
export function opt<K extends string>(rec: RecordReader, key: K): Partial<Record<K, string>> {
  const v = rec.get(key);
  return v === undefined ? {} : ({ [key]: v } as Partial<Record<K, string>>);
}

/** "合同期限类别为 1（固定期限）" / "termType is 1 (固定期限)": the value that triggers a conditional rule. */
export function because(spec: FieldSpec, value: string, meaning: string): SdMessage {
  return { zh: `${spec.zh}为 ${value}（${meaning}）`, en: `${spec.key} is ${value} (${meaning})` };
}
