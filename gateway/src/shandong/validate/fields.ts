// A parameter of the spec: its Chinese name as printed, its English key, its maximum length
// in characters and the format its value must have.
import type { CodeTableName } from './code-tables.js';

export type FieldFormat =
  | { readonly kind: 'text' } // any characters but control characters
  | { readonly kind: 'note' } // free text: line breaks and tabs allowed
  | { readonly kind: 'date' } // yyyyMMdd, a real date, not before SD_MIN_DATE
  | { readonly kind: 'uscc' } // GB 32100-2015
  | { readonly kind: 'phone' }
  | { readonly kind: 'code'; readonly table: CodeTableName } // configurable table A–F
  | { readonly kind: 'fixed'; readonly values: readonly string[]; readonly meaning: string } // fixed by the spec
  | { readonly kind: 'idNumber'; readonly typeKey: string }; // checked by the ID type in `typeKey`

export interface FieldSpec {
  /** English key (also the key of the normalized record). */
  readonly key: string;
  /** Chinese parameter name exactly as the spec prints it. */
  readonly zh: string;
  /** The spec's 长度, a maximum in characters. */
  readonly max: number;
  /** 必填 in the spec. Conditional requirements are checked by the table's validator. */
  readonly required: boolean;
  readonly format: FieldFormat;
}

/** A JSONArray parameter holding the records of a table. */
export interface ListSpec {
  readonly key: string;
  readonly zh: string;
}

export const TEXT: FieldFormat = { kind: 'text' };
export const NOTE: FieldFormat = { kind: 'note' };
export const DATE: FieldFormat = { kind: 'date' };
export const USCC: FieldFormat = { kind: 'uscc' };
export const PHONE: FieldFormat = { kind: 'phone' };

export function codeOf(table: CodeTableName): FieldFormat {
  return { kind: 'code', table };
}

export function idNumberOf(typeKey: string): FieldFormat {
  return { kind: 'idNumber', typeKey };
}

export function field(key: string, zh: string, max: number, required: boolean, format: FieldFormat): FieldSpec {
  return { key, zh, max, required, format };
}

/** 单位统一信用代码: the employer, required in sections 1–2 and optional beside the list in 3–5. */
export function usccField(required: boolean): FieldSpec {
  return field('uscc', '单位统一信用代码', 18, required, USCC);
}
