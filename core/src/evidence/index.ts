// @elc/core evidence: the v1 evidence event (schema, parsing), its canonical leaf encoding,
// worker commitments and document hashes.
export { EVIDENCE_ERROR_CODES, EVIDENCE_MAX_LEAF_BYTES } from './codes.js';
export type { EvidenceErrorCode } from './codes.js';
export {
  ACCESS_CHANNELS,
  ACCESS_ROLES,
  AMENDED_CLAUSES,
  EVENT_TYPES,
  EVIDENCE_SCHEMA_VERSION,
  IDENTITY_METHODS,
  NOTIFICATION_CHANNELS,
  TERM_KINDS,
} from './schema.js';
export type { EvidenceEvent, EvidenceEventOf, EvidenceEventType } from './schema.js';
export { PARTIES, WORKER_COMMITMENT_PATTERN } from './fields.js';
export type { Party } from './fields.js';
export { parseEvidenceEvent, safeParseEvidenceEvent, validateEvidenceEvents } from './parse.js';
export type { EvidenceIssue, EvidenceParseResult } from './parse.js';
export { decodeLeaf, encodeLeaf } from './leaf.js';
export { workerCommitment } from './commitment.js';
export { DOC_HASH_ALGS, formatDocHash, isDocHash, parseDocHash } from './doc-hash.js';
export type { DocHashAlg } from './doc-hash.js';
export { personalDataInText } from './personal-data.js';
