// @elc/core bundle: the evidence bundle v1 format, its assembly, and the offline verifier.
export {
  BUNDLE_ERROR_CODES,
  BUNDLE_MAX_ENTRIES,
  BUNDLE_MAX_PROOF_HASHES,
  EVIDENCE_BUNDLE_KIND,
  EVIDENCE_BUNDLE_VERSION,
} from './codes.js';
export type { BundleErrorCode } from './codes.js';
export type { EvidenceBundleAnchor, EvidenceBundleEntry, EvidenceBundleTimestamp, EvidenceBundleV1 } from './schema.js';
export { buildEvidenceBundle } from './build.js';
export type { EvidenceBundleInput } from './build.js';
export { verifyBundle } from './verify.js';
export type { BundleTrust, BundleVerifyDeps } from './verify.js';
export type { BundleCheck, BundleReport } from './report.js';
export { verifyBundleFull } from './verify-full.js';
export type { BundleFullReport, BundleFullTrust } from './verify-full.js';
export type { BundleTimestampInfo } from './step-timestamp.js';
