// What the Shandong validators return: every problem as {index, field, code, message{zh,en}}.
// Codes are stable and machine-readable; clients and tests use them, never the message.

export const SD_ERROR_CODES = [
  'SD_NOT_AN_OBJECT', // the body, or an item of the list, is not a JSON object
  'SD_NOT_AN_ARRAY', // the list field is not a JSON array
  'SD_NOT_A_STRING', // every parameter of the spec is a String
  'SD_REQUIRED', // a 必填 field is missing, null or blank
  'SD_CONDITIONAL_REQUIRED', // a field required by another field's value is missing
  'SD_TOO_LONG', // longer than the spec's length, counted in characters (code points)
  'SD_BAD_TEXT', // control characters or unpaired surrogates
  'SD_BAD_DATE', // not a real yyyyMMdd date, or before 19000101
  'SD_BAD_USCC', // not a GB 32100-2015 unified social credit code
  'SD_BAD_ID_NUMBER', // type 01 (居民身份证) number failing GB 11643-1999
  'SD_BAD_PHONE', // not a mainland mobile or a landline with area code
  'SD_BAD_CODE', // not in the code table (A–F) or the spec's fixed values
  'SD_ARRAY_EMPTY', // the list is empty
  'SD_ARRAY_TOO_LONG', // more items than allowed (50, or 500 for new contracts)
  'SD_DATE_ORDER', // two dates in an impossible order
  'SD_INITIATOR_MISMATCH', // 解除情形 and 解除合同发起方 contradict each other
  'SD_DISPATCH_TO_SELF', // 用工单位 is the employer itself (劳动合同法 第67条)
  'SD_DUPLICATE_IN_BATCH', // the same 合同编号 twice in one request
  'SD_MIXED_KEYS', // Chinese and English keys in one request
  'SD_UNKNOWN_FIELD', // a key the spec does not define
] as const;

export type SdErrorCode = (typeof SD_ERROR_CODES)[number];

export interface SdMessage {
  readonly zh: string;
  readonly en: string;
}

export interface SdIssue {
  /** Item index in the request's list; null for the body's own fields (and the body itself). */
  readonly index: number | null;
  /** The key as the client sent it (Chinese or English); null when the whole body or item is at fault. */
  readonly field: string | null;
  readonly code: SdErrorCode;
  readonly message: SdMessage;
}

export type SdResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly SdIssue[] };
