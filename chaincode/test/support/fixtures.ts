// Values for lifecycle tests: valid USCCs (check character computed), document hashes, batches.
import { createHash } from 'node:crypto';
import { makeUscc as uscc } from '@elc/core';

/** An employer registered in Jinan (3701xx) and one in Beijing. */
export const EMPLOYER_JINAN = uscc('91370102MA3C1111B');
export const EMPLOYER_BEIJING = uscc('91110105MA01XYQ9K');

export function docHash(label: string): string {
  return `sha256:${createHash('sha256').update(label).digest('hex')}`;
}

type Json = Record<string, unknown>;

export function conclude(contractId: string, over: Json = {}): Json {
  return {
    type: 'conclude',
    employer: EMPLOYER_JINAN,
    contractId,
    region: '370102',
    effectiveDate: '2026-03-01',
    docHash: docHash(`${contractId} contract`),
    term: { kind: 'fixed', start: '2026-03-01', end: '2029-02-28' },
    evidenceIndex: 7,
    ...over,
  };
}

export function renew(contractId: string, over: Json = {}): Json {
  return {
    type: 'renew',
    employer: EMPLOYER_JINAN,
    contractId,
    effectiveDate: '2029-03-01',
    docHash: docHash(`${contractId} renewal`),
    term: { kind: 'open_ended', start: '2029-03-01' },
    ...over,
  };
}

export function amend(contractId: string, over: Json = {}): Json {
  return { type: 'amend', employer: EMPLOYER_JINAN, contractId, effectiveDate: '2027-01-01', docHash: docHash(`${contractId} amendment`), ...over };
}

export function rescind(contractId: string, over: Json = {}): Json {
  return { type: 'rescind', employer: EMPLOYER_JINAN, contractId, effectiveDate: '2027-06-30', reasonCode: '36', initiator: 'worker', ...over };
}

export function terminate(contractId: string, over: Json = {}): Json {
  return { type: 'terminate', employer: EMPLOYER_JINAN, contractId, effectiveDate: '2029-02-28', reasonCode: '1', ...over };
}

export function batch(...items: Json[]): string {
  return JSON.stringify(items);
}
