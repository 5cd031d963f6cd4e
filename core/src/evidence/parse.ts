// The door of the evidence module: untrusted input in, a valid v1 event or precise issues out.
import type { z } from 'zod';
import { ElcError } from '../errors.js';
import type { EvidenceErrorCode } from './codes.js';
import { PERSONAL_DATA_PARAMS } from './fields.js';
import { findPersonalDataKeys } from './personal-data.js';
import { EVIDENCE_SCHEMA_VERSION, evidenceEventSchema } from './schema.js';
import type { EvidenceEvent } from './schema.js';

/** One problem with one input: `field` is a dot path (`data.method`, `data.clauses.0`; '' for the whole input). */
export interface EvidenceIssue {
  readonly index: number;
  readonly field: string;
  readonly code: EvidenceErrorCode;
  readonly message: string;
}

export type EvidenceParseResult =
  | { readonly ok: true; readonly event: EvidenceEvent }
  | { readonly ok: false; readonly issues: readonly EvidenceIssue[] };

function dotPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

function fromZodIssue(index: number, issue: z.core.$ZodIssue): EvidenceIssue {
  let path: readonly PropertyKey[] = issue.path;
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path = [...path, issue.keys[0]];
  const personal = issue.code === 'custom' && issue.params?.['elcCode'] === PERSONAL_DATA_PARAMS.elcCode;
  return { index, field: dotPath(path), code: personal ? 'EVIDENCE_PERSONAL_DATA' : 'EVIDENCE_INVALID', message: issue.message };
}

/**
 * All issues of one input, personal-data findings first (they matter most and must be logged as
 * such), then schema issues in zod's order. Empty when the input is a valid event.
 */
function check(input: unknown, index: number): EvidenceParseResult {
  const issues: EvidenceIssue[] = [];
  const { findings, tooDeep } = findPersonalDataKeys(input);
  for (const f of findings) issues.push({ index, field: f.field, code: 'EVIDENCE_PERSONAL_DATA', message: f.message });
  if (tooDeep !== undefined) {
    issues.push({ index, field: tooDeep, code: 'EVIDENCE_INVALID', message: 'input nested too deeply' });
    return { ok: false, issues };
  }
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const v = (input as Record<string, unknown>)['v'];
    if (typeof v === 'number' && v !== EVIDENCE_SCHEMA_VERSION) {
      issues.push({ index, field: 'v', code: 'EVIDENCE_VERSION_UNSUPPORTED', message: `schema version ${v} is not supported (this is v${EVIDENCE_SCHEMA_VERSION})` });
      return { ok: false, issues };
    }
  }
  const parsed = evidenceEventSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push(fromZodIssue(index, issue));
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, event: parsed.data };
}

/** Validate one input without throwing; `issues[].index` is 0. */
export function safeParseEvidenceEvent(input: unknown): EvidenceParseResult {
  return check(input, 0);
}

/**
 * Validate one input as a v1 evidence event. Throws ElcError with the first issue's code
 * (EVIDENCE_PERSONAL_DATA, EVIDENCE_VERSION_UNSUPPORTED or EVIDENCE_INVALID) and its dot path as `field`.
 */
export function parseEvidenceEvent(input: unknown): EvidenceEvent {
  const result = check(input, 0);
  if (result.ok) return result.event;
  const first = result.issues[0];
  throw new ElcError(first?.code ?? 'EVIDENCE_INVALID', first?.message ?? 'invalid evidence event', { field: first?.field ?? '' });
}

/** Every issue of every input of a batch (batches are atomic: any issue rejects the batch). */
export function validateEvidenceEvents(inputs: readonly unknown[]): EvidenceIssue[] {
  if (!Array.isArray(inputs)) {
    return [{ index: -1, field: '', code: 'EVIDENCE_INVALID', message: 'a batch must be an array of events' }];
  }
  const issues: EvidenceIssue[] = [];
  inputs.forEach((input, index) => {
    const result = check(input, index);
    if (!result.ok) issues.push(...result.issues);
  });
  return issues;
}
