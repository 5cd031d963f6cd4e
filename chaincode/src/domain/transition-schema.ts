// The lifecycle records RecordTransitions accepts: strict JSON, every field checked, unknown
// fields refused. The vocabulary (term kinds, initiators) is the one of core's evidence events.
import { z } from 'zod';
import { LedgerError } from './errors.js';
import { TERM_KINDS } from './records.js';
import { isCleanText, isDocHash, isIsoDate, isRegionCode, isUscc, looksPersonal } from './values.js';

/** Shandong data interface: at most 50 records per request (解除/续签/终止合同信息列表). */
export const MAX_BATCH = 50;
export const MAX_BATCH_BYTES = 256 * 1024;

const date = z.string().refine(isIsoDate, 'must be a real date yyyy-mm-dd');
const employer = z.string().refine(isUscc, 'must be an 18-character USCC (GB 32100-2015) with a valid check character');
const contractId = z
  .string()
  .refine((s) => isCleanText(s, 100), 'must be 1..100 characters without control characters')
  .refine((s) => !looksPersonal(s), 'must not contain an ID or phone number');
const docHash = z.string().refine(isDocHash, 'must be sha256:<64 hex> or sm3:<64 hex>, lowercase');
const region = z.string().refine(isRegionCode, 'must be a GB/T 2260 code');
const reasonCode = z.string().regex(/^[A-Za-z0-9_]{1,16}$/, 'must be 1..16 characters of [A-Za-z0-9_]');
const initiator = z.enum(['employer', 'worker']);
const evidenceIndex = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const termSchema = z.strictObject({
  kind: z.enum(TERM_KINDS),
  start: date,
  end: date.optional(),
});

const common = {
  employer,
  contractId,
  effectiveDate: date,
  evidenceIndex: evidenceIndex.optional(),
  region: region.optional(),
};

export const transitionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('conclude'), region, docHash, term: termSchema }),
  z.strictObject({ ...common, type: z.literal('renew'), docHash, term: termSchema }),
  z.strictObject({ ...common, type: z.literal('amend'), docHash, term: termSchema.optional() }),
  z.strictObject({ ...common, type: z.literal('rescind'), docHash: docHash.optional(), reasonCode, initiator }),
  z.strictObject({ ...common, type: z.literal('terminate'), docHash: docHash.optional(), reasonCode, initiator: initiator.optional() }),
]);

export type Transition = z.infer<typeof transitionSchema>;

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** The dot path of the field at fault; an unknown field is named itself. */
function issueField(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'type';
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  return path.length === 0 ? 'type' : fieldPath(path);
}

/** Parses the batch argument; the error names the item index and the field at fault. */
export function parseBatch(text: string): Transition[] {
  if (text.length > MAX_BATCH_BYTES) {
    throw new LedgerError('BATCH_TOO_LARGE', `the batch is larger than ${MAX_BATCH_BYTES} characters`, { field: 'batch' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerError('INVALID_ARGUMENT', 'batch must be a JSON array of transitions', { field: 'batch' });
  }
  if (!Array.isArray(value)) throw new LedgerError('INVALID_ARGUMENT', 'batch must be a JSON array of transitions', { field: 'batch' });
  if (value.length === 0) throw new LedgerError('BATCH_EMPTY', 'the batch has no transitions', { field: 'batch' });
  if (value.length > MAX_BATCH) {
    throw new LedgerError('BATCH_TOO_LARGE', `a batch holds at most ${MAX_BATCH} transitions, not ${value.length}`, { field: 'batch' });
  }
  return value.map((item: unknown, index) => {
    const parsed = transitionSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issueField(issue);
      throw new LedgerError('INVALID_ARGUMENT', `transition ${index}: ${field}: ${issue?.message ?? 'invalid'}`, { field, index });
    }
    return parsed.data;
  });
}
