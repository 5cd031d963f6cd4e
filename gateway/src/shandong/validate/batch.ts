// The shape shared by sections 2–5: a body with a few fields beside one JSONArray of records.
// Opens the body and every item (key checks), reads them, and leaves to each table only its own
// cross-field rules and the record it builds.
import type { SdConfig, SdListName } from './config.js';
import type { FieldSpec, ListSpec } from './fields.js';
import type { SdIssue, SdResult } from './issues.js';
import { messages } from './messages.js';
import { type RecordReader, type SdScope, detectLang, isJsonObject, openRecord } from './reader.js';
import { noDuplicates } from './rules.js';

export interface BatchTable {
  readonly top: readonly FieldSpec[];
  /** The list's English key also names its maximum in config.maxItems. */
  readonly list: ListSpec & { readonly key: SdListName };
  readonly item: readonly FieldSpec[];
  /** The item field no two items of one request may share (合同编号). */
  readonly unique: FieldSpec;
}

export interface BatchRules<T> {
  /** A table's cross-field rules for one item, its fields already read; `top` is the body, also read. */
  readonly check?: (rec: RecordReader, top: RecordReader) => void;
  /** The normalized value, built only when there are no issues. */
  readonly build: (top: RecordReader, items: readonly RecordReader[]) => T;
}

interface OpenBatch {
  readonly scope: SdScope;
  /** The body, its own fields (table.top) already read. */
  readonly top: RecordReader;
  /** One reader per item that is a JSON object (others are reported), not read yet; empty when the list is bad. */
  readonly items: readonly RecordReader[];
}

/** The result for a body that is not a JSON object (an array, a string, null…). */
export function notAnObject(): SdResult<never> {
  const issue: SdIssue = { index: null, field: null, code: 'SD_NOT_AN_OBJECT', message: messages.bodyNotObject() };
  return { ok: false, errors: [issue] };
}

function openBatch(obj: Record<string, unknown>, config: SdConfig, table: BatchTable): OpenBatch {
  const maxItems = config.maxItems[table.list.key];
  const topKnown = [...table.top, table.list];
  // Language from the body and the items that will be examined (no more than the maximum).
  const rawList = obj[table.list.zh] ?? obj[table.list.key];
  const candidates = Array.isArray(rawList) && rawList.length <= maxItems ? rawList : [];
  const lang = detectLang([
    { obj, known: topKnown },
    ...candidates.filter(isJsonObject).map((o) => ({ obj: o, known: table.item })),
  ]);
  const scope: SdScope = { config, lang, issues: [] };
  const top = openRecord(obj, null, topKnown, scope);
  top.read(table.top);
  const items: RecordReader[] = [];
  (top.list(table.list, maxItems) ?? []).forEach((item, i) => {
    if (isJsonObject(item)) items.push(openRecord(item, i, table.item, scope));
    else scope.issues.push({ index: i, field: null, code: 'SD_NOT_AN_OBJECT', message: messages.itemNotObject(i) });
  });
  return { scope, top, items };
}

/**
 * Validates a body of sections 2–5: not a JSON object, or the body's and every item's fields by
 * their own rules, then `rules.check` on each item, then one `table.unique` value per request.
 */
export function validateBatch<T>(body: unknown, config: SdConfig, table: BatchTable, rules: BatchRules<T>): SdResult<T> {
  if (!isJsonObject(body)) return notAnObject();
  const { scope, top, items } = openBatch(body, config, table);
  for (const rec of items) {
    rec.read(table.item);
    rules.check?.(rec, top);
  }
  noDuplicates(items, table.unique);
  return finish(scope, () => rules.build(top, items));
}

/** Every issue, body first then by item index (stable within one), or the built value when there are none. */
export function finish<T>(scope: SdScope, build: () => T): SdResult<T> {
  if (scope.issues.length === 0) return { ok: true, value: build() };
  const errors = scope.issues
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => (a.issue.index ?? -1) - (b.issue.index ?? -1) || a.order - b.order)
    .map(({ issue }) => issue);
  return { ok: false, errors };
}
