// Valid v1 evidence events for gateway tests, varied by a sequence number.
import { makeUscc } from '@elc/core';

export const EMPLOYER = makeUscc('91370102MA3C00001');
export const REGION = '370102';

/** `n` as 64 hex digits: the hex part of a distinct sha256 document hash. */
export function hex64(n: number): string {
  return n.toString(16).padStart(64, '0');
}

/** A `document.viewed` event; `n` makes the id and document hash unique. */
export function makeEvent(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    v: 1,
    id: `evt-${n}`,
    type: 'document.viewed',
    contractId: `HT-2026-${String(n).padStart(6, '0')}`,
    employer: EMPLOYER,
    time: '2026-11-22T08:00:00.000Z',
    region: REGION,
    party: 'employer',
    docHash: `sha256:${hex64(n + 1)}`,
    data: { via: 'web' },
    ...overrides,
  };
}

export function makeEvents(from: number, count: number, overrides: Record<string, unknown> = {}): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => makeEvent(from + i, overrides));
}

/**
 * A `conclude` transition for POST /v1/contracts/transitions: a fixed term from 2026-11-01 in
 * REGION, with a pseudonymous worker; `overrides` replace fields in place.
 */
export function makeConclude(id: string, contractId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    type: 'conclude',
    employer: EMPLOYER,
    contractId,
    effectiveDate: '2026-11-01',
    region: REGION,
    docHash: `sha256:${hex64(0xf1)}`,
    term: { kind: 'fixed', start: '2026-11-01', end: '2029-10-31' },
    worker: `hmac-sha256:${'cd'.repeat(32)}`,
    ...overrides,
  };
}
