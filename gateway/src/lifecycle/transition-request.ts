/**
 * The body of POST /v1/contracts/transitions: `{transitions: [...]}`, 1..50 items. Each item is a
 * chaincode lifecycle record (docs/chaincode.md "Transitions": type, employer, contractId,
 * effectiveDate, region, docHash, term, reasonCode, initiator) plus what its evidence event needs
 * (core/evidence contract.* events): the event `id`, the `worker` commitment, and optionally the
 * recording `party`, the event `time`, amended `clauses`, `noticeDate`, `note`, `previousDocHash`.
 * The shape is checked here; the chaincode checks its fields and core the event's.
 */
import { z } from 'zod';
import { httpError } from '../errors/codes.js';

export const MAX_TRANSITIONS = 50;

export const TRANSITION_EVENT_TYPES = {
  conclude: 'contract.concluded',
  renew: 'contract.renewed',
  amend: 'contract.amended',
  rescind: 'contract.rescinded',
  terminate: 'contract.terminated',
} as const;

const str = z.string();
const itemSchema = z.strictObject({
  id: str,
  type: z.enum(['conclude', 'renew', 'amend', 'rescind', 'terminate']),
  employer: str,
  contractId: str,
  effectiveDate: str,
  region: str.optional(),
  docHash: str.optional(),
  term: z.record(z.string(), z.unknown()).optional(),
  reasonCode: str.optional(),
  initiator: str.optional(),
  worker: str,
  party: z.enum(['employer', 'platform', 'bureau']).optional(),
  time: str.optional(),
  clauses: z.array(str).optional(),
  noticeDate: str.optional(),
  note: str.optional(),
  previousDocHash: str.optional(),
});

export type TransitionItem = z.infer<typeof itemSchema>;

const bodySchema = z.strictObject({ transitions: z.array(z.unknown()) });

export function parseTransitionsBody(body: unknown): TransitionItem[] {
  const b = bodySchema.safeParse(body);
  if (!b.success) {
    const issue = b.error.issues[0];
    const field = issue?.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : 'transitions';
    throw httpError('REQUEST_INVALID', 'the body must be {"transitions": [...]}', field);
  }
  const items = b.data.transitions;
  if (items.length === 0) throw httpError('REQUEST_INVALID', 'transitions must hold at least one record', 'transitions');
  if (items.length > MAX_TRANSITIONS) throw httpError('EVENTS_TOO_MANY', `at most ${MAX_TRANSITIONS} transitions per request`, 'transitions');
  return items.map((raw, i) => {
    const p = itemSchema.safeParse(raw);
    if (!p.success) {
      const issue = p.error.issues[0];
      const path = issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
      const field = ['transitions', i, ...path].map(String).join('.');
      throw httpError('REQUEST_INVALID', `transition ${i}: ${issue?.message ?? 'invalid'}`, field);
    }
    return p.data;
  });
}

/** The record the chaincode takes: the lifecycle fields only. */
export function chaincodeTransition(t: TransitionItem): Record<string, unknown> {
  const out: Record<string, unknown> = { type: t.type, employer: t.employer, contractId: t.contractId, effectiveDate: t.effectiveDate };
  for (const k of ['region', 'docHash', 'term', 'reasonCode', 'initiator'] as const) if (t[k] !== undefined) out[k] = t[k];
  return out;
}

/** The evidence event of a transition (validated later by core's encodeLeaf). */
export function evidenceEventOf(t: TransitionItem, region: string, party: string, time: string): Record<string, unknown> {
  const common = { v: 1, id: t.id, type: TRANSITION_EVENT_TYPES[t.type], contractId: t.contractId, employer: t.employer, time, region, party, worker: t.worker };
  const doc = t.docHash === undefined ? {} : { docHash: t.docHash };
  switch (t.type) {
    case 'conclude':
      return { ...common, ...doc, data: { effectiveDate: t.effectiveDate, term: t.term } };
    case 'renew':
      return { ...common, ...doc, data: { effectiveDate: t.effectiveDate, term: t.term, ...(t.previousDocHash === undefined ? {} : { previousDocHash: t.previousDocHash }) } };
    case 'amend':
      return { ...common, ...doc, data: { effectiveDate: t.effectiveDate, clauses: t.clauses } };
    case 'rescind':
    case 'terminate':
      return {
        ...common,
        ...doc,
        data: {
          effectiveDate: t.effectiveDate,
          reasonCode: t.reasonCode,
          initiator: t.initiator,
          ...(t.noticeDate === undefined ? {} : { noticeDate: t.noticeDate }),
          ...(t.note === undefined ? {} : { note: t.note }),
        },
      };
  }
}
