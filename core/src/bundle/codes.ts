// The closed list of bundle verification failure codes. Each failing check carries exactly one;
// tests, the CLI and the web verifier use the code, never the detail text.
export const BUNDLE_ERROR_CODES = [
  /** The bundle is not a well-formed v1 bundle (shape, types, encodings, limits). */
  'BUNDLE_MALFORMED',
  /** `v` names a bundle version this verifier does not know. */
  'BUNDLE_VERSION_UNSUPPORTED',
  /** `hashAlg` is not one of HASH_ALGS, or no provider for it was given. */
  'BUNDLE_HASH_ALG_UNKNOWN',
  /** The caller's trusted keys are unusable (none, malformed, or not log signing keys). */
  'BUNDLE_TRUST_INVALID',
  /** The checkpoint is not a well-formed signed note or C2SP checkpoint. */
  'BUNDLE_CHECKPOINT_MALFORMED',
  /** A signature by a trusted key is on the checkpoint and does not verify (text or signature altered). */
  'BUNDLE_CHECKPOINT_SIGNATURE',
  /** No trusted key signed the checkpoint (the bundle's own keys.log is never trusted by itself). */
  'BUNDLE_CHECKPOINT_UNTRUSTED_KEY',
  /** The checkpoint's origin line is not the bundle's origin. */
  'BUNDLE_ORIGIN_MISMATCH',
  /** The bundle holds no entries: it proves nothing. */
  'BUNDLE_NO_ENTRIES',
  /** Entry indices are not strictly ascending (duplicates included). */
  'BUNDLE_ENTRY_ORDER',
  /** A leaf is not a valid canonical v1 evidence event. */
  'BUNDLE_LEAF_INVALID',
  /** A valid leaf belongs to another contract (employer or contract number differ). */
  'BUNDLE_LEAF_WRONG_CONTRACT',
  /** A leaf's inclusion proof does not lead to the checkpoint's root at its size. */
  'BUNDLE_INCLUSION_FAILED',
  /** The anchor reference names another tree size or root than the checkpoint. */
  'BUNDLE_ANCHOR_MISMATCH',
  // verifyBundleFull only: the RFC 3161 token over the checkpoint note (each wraps a TSA_* cause).
  /** The caller's pinned TSA roots are unusable (not DER certificates). */
  'BUNDLE_TSA_TRUST_INVALID',
  /** The token is not a well-formed RFC 3161 TimeStampToken, or uses an unsupported algorithm (TSA_MALFORMED). */
  'BUNDLE_TSA_MALFORMED',
  /** The token timestamps other bytes than the bundle's checkpoint note (TSA_IMPRINT_MISMATCH). */
  'BUNDLE_TSA_IMPRINT_MISMATCH',
  /** The token's CMS signature or signed attributes do not verify (TSA_BAD_SIGNATURE). */
  'BUNDLE_TSA_BAD_SIGNATURE',
  /** The token's signer does not chain to a pinned TSA root, or is absent (TSA_UNTRUSTED_CHAIN). */
  'BUNDLE_TSA_UNTRUSTED_CHAIN',
  /** The signer certificate is not a time-stamping certificate (TSA_NOT_TIMESTAMPING_CERT). */
  'BUNDLE_TSA_NOT_TIMESTAMPING_CERT',
  /** The bundle says the TSA is not the local development one, but its certificate says it is. */
  'BUNDLE_TSA_LOCAL_MISMATCH',
] as const;

export type BundleErrorCode = (typeof BUNDLE_ERROR_CODES)[number];

export const EVIDENCE_BUNDLE_KIND = 'elc-evidence-bundle';
export const EVIDENCE_BUNDLE_VERSION = 1;

/** Limits that bound a verifier's work on hostile input; a real contract is far below them. */
export const BUNDLE_MAX_ENTRIES = 10_000;
/** Inclusion proofs in trees below 2^64 leaves have at most 64 hashes. */
export const BUNDLE_MAX_PROOF_HASHES = 64;
export const BUNDLE_MAX_CHECKPOINT_CHARS = 64 * 1024;
export const BUNDLE_MAX_TOKEN_CHARS = 256 * 1024;
