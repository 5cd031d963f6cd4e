// The shape shared by sections 2–5: a body with a few fields beside one JSONArray of records.
// Opens the body and every item (key checks) and hands the readers to the table's validator.
import type { SdConfig } from './config.js';
import type { FieldSpec, ListSpec } from './fields.js';
import type { SdIssue, SdResult } from './issues.js';
import { messages } from './messages.js';
import { type RecordReader, type SdScope, detectLang, isJsonObject, openRecord } from './reader.js';

export interface BatchShape {
  readonly top: readonly FieldSpec[];
  readonly list: ListSpec;
  readonly item: readonly FieldSpec[];
  readonly maxItems: number;
}

export interface OpenBatch {
  readonly scope: SdScope;
  /** The body, its own fields (shape.top) already read. */
  readonly top: RecordReader;
  /** One reader per item that is a JSON object (others are reported), not read yet; empty when the list is bad. */
  readonly items: readonly RecordReader[];
}

/** The result for a body that is not a JSON object (an array, a string, null…). */
export function notAnObject(): SdResult<never> {
  const issue: SdIssue = { index: null, field: null, code: 'SD_NOT_AN_OBJECT', message: messages.bodyNotObject() };
  return { ok: false, errors: [issue] };
}

export function openBatch(obj: Record<string, unknown>, config: SdConfig, shape: BatchShape): OpenBatch {
  const topKnown = [...shape.top, shape.list];
  // Language from the body and the items that will be examined (no more than the maximum).
  const rawList = obj[shape.list.zh] ?? obj[shape.list.key];
  const candidates = Array.isArray(rawList) && rawList.length <= shape.maxItems ? rawList : [];
  const lang = detectLang([
    { obj, known: topKnown },
    ...candidates.filter(isJsonObject).map((o) => ({ obj: o, known: shape.item })),
  ]);
  const scope: SdScope = { config, lang, issues: [] };
  const top = openRecord(obj, null, topKnown, scope);
  top.read(shape.top);
  const items: RecordReader[] = [];
  (top.list(shape.list, shape.maxItems) ?? []).forEach((item, i) => {
    if (isJsonObject(item)) items.push(openRecord(item, i, shape.item, scope));
    else scope.issues.push({ index: i, field: null, code: 'SD_NOT_AN_OBJECT', message: messages.itemNotObject(i) });
  });
  return { scope, top, items };
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
