// Stable error codes of the evidence module (tests and the HTTP mapper use these, never messages).
export const EVIDENCE_ERROR_CODES = [
  /** The input is not a valid v1 evidence event; `field` names the first offending path. */
  'EVIDENCE_INVALID',
  /** A key or a free-text value would carry personal data in clear (architecture invariant 3). */
  'EVIDENCE_PERSONAL_DATA',
  /** `v` is not a schema version this code understands. */
  'EVIDENCE_VERSION_UNSUPPORTED',
  /** Leaf bytes that are not UTF-8 JSON, or JSON that is not its own RFC 8785 canonical form. */
  'EVIDENCE_LEAF_MALFORMED',
  /** Leaf bytes above EVIDENCE_MAX_LEAF_BYTES. */
  'EVIDENCE_LEAF_TOO_LARGE',
  /** A document hash string that is not `sha256:<64 hex>` / `sm3:<64 hex>` (or a bad digest). */
  'EVIDENCE_DOC_HASH_INVALID',
  /** Bad input to workerCommitment (short secret, empty or malformed ID type/number). */
  'EVIDENCE_COMMITMENT_INPUT',
] as const;

export type EvidenceErrorCode = (typeof EVIDENCE_ERROR_CODES)[number];

/** Upper bound for one encoded leaf; the largest valid event is far below it. */
export const EVIDENCE_MAX_LEAF_BYTES = 16 * 1024;
