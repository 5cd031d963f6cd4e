// Synthetic fixtures for evidence tests. No real person or company: the USCC and the citizen ID
// below are generated here with valid check characters from obviously artificial digits.
import { makeResidentId } from '../ids/resident-id.js';
import { makeUscc } from '../ids/uscc.js';
import type { EvidenceEvent, EvidenceEventOf, EvidenceEventType } from './schema.js';

export const syntheticUscc = makeUscc;
export const syntheticCitizenId = makeResidentId;

export const EMPLOYER = syntheticUscc('91110000MA0000001');
export const OTHER_EMPLOYER = syntheticUscc('91310000MA0000002');
export const WORKER = `hmac-sha256:${'ab'.repeat(32)}`;
export const DOC = `sha256:${'0f'.repeat(32)}`;
export const DOC_SM3 = `sm3:${'1e'.repeat(32)}`;

const base = {
  v: 1 as const,
  contractId: 'HT-2026-0001',
  employer: EMPLOYER,
  time: '2026-11-22T08:00:00.000Z',
  region: '110108',
};

/** One valid event of every type. */
export const SAMPLE_EVENTS: { readonly [T in EvidenceEventType]: EvidenceEventOf<T> } = {
  'identity.verified': { ...base, id: 'e-01', type: 'identity.verified', party: 'worker', worker: WORKER, data: { method: 'e_social_security_card', result: 'passed', recordHash: DOC_SM3 } },
  'intent.confirmed': { ...base, id: 'e-02', type: 'intent.confirmed', party: 'employer', docHash: DOC, data: { method: 'digital_certificate' } },
  'signature.applied': { ...base, id: 'e-03', type: 'signature.applied', party: 'platform', worker: WORKER, docHash: DOC, data: { signer: 'worker', certSerial: '1a2b3c', issuerFingerprint: DOC_SM3 } },
  'timestamp.issued': { ...base, id: 'e-04', type: 'timestamp.issued', party: 'platform', docHash: DOC, data: { tsa: 'Test TSA', tokenHash: DOC_SM3, genTime: '2026-11-22T08:00:01Z' } },
  'worker.notified': { ...base, id: 'e-05', type: 'worker.notified', party: 'employer', worker: WORKER, data: { channel: 'wechat' } },
  'document.viewed': { ...base, id: 'e-06', type: 'document.viewed', party: 'worker', worker: WORKER, docHash: DOC, data: { via: 'app' } },
  'document.downloaded': { ...base, id: 'e-07', type: 'document.downloaded', party: 'worker', worker: WORKER, docHash: DOC, data: { via: 'web' } },
  'paper_copy.issued': { ...base, id: 'e-08', type: 'paper_copy.issued', party: 'employer', worker: WORKER, docHash: DOC, data: { copies: 1, sealed: true } },
  'paper_contract.uploaded': { ...base, id: 'e-09', type: 'paper_contract.uploaded', party: 'employer', worker: WORKER, docHash: DOC, data: { pages: 4, signedDate: '2020-02-29' } },
  'contract.concluded': { ...base, id: 'e-10', type: 'contract.concluded', party: 'platform', worker: WORKER, docHash: DOC, data: { effectiveDate: '2026-12-01', term: { kind: 'fixed', start: '2026-12-01', end: '2029-11-30' } } },
  'contract.renewed': { ...base, id: 'e-11', type: 'contract.renewed', party: 'employer', worker: WORKER, docHash: DOC_SM3, data: { effectiveDate: '2029-12-01', term: { kind: 'open_ended', start: '2029-12-01' }, previousDocHash: DOC } },
  'contract.amended': { ...base, id: 'e-12', type: 'contract.amended', party: 'employer', worker: WORKER, docHash: DOC, data: { effectiveDate: '2027-03-01', clauses: ['remuneration', 'workplace'] } },
  'contract.rescinded': { ...base, id: 'e-13', type: 'contract.rescinded', party: 'employer', worker: WORKER, data: { effectiveDate: '2027-06-30', reasonCode: '036', initiator: 'worker', noticeDate: '2027-05-31', note: '协商一致解除' } },
  'contract.terminated': { ...base, id: 'e-14', type: 'contract.terminated', party: 'bureau', worker: WORKER, data: { effectiveDate: '2029-11-30', reasonCode: '1', initiator: 'employer' } },
  'evidence.accessed': { ...base, id: 'e-15', type: 'evidence.accessed', party: 'arbitration', data: { org: 'arb-110108', role: 'arbitration', legalBasis: 'arbitration_case', reference: '京海劳人仲字〔2027〕第 12 号' } },
};

/** A deep copy as plain unknown JSON, to mutate in tests. */
export function mutable(event: EvidenceEvent): Record<string, unknown> & { data: Record<string, unknown> } {
  return JSON.parse(JSON.stringify(event)) as Record<string, unknown> & { data: Record<string, unknown> };
}
