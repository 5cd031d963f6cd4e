// Step 10 (verifyBundleFull): the RFC 3161 token over the checkpoint note, exactly the note's UTF-8
// bytes (docs/timestamps.md "What is timestamped"): imprint, CMS signature, chain to a pinned root.
import { fromBase64, utf8 } from '../encoding/index.js';
import { isElcError } from '../errors.js';
import type { HashAlg } from '../hash/index.js';
import { TimestampErrorCode, pemToDer, verifyTimestampToken } from '../timestamp/index.js';
import type { BundleErrorCode } from './codes.js';
import { describeError } from './report.js';
import type { CheckList } from './report.js';
import type { EvidenceBundleTimestamp } from './schema.js';

/** What the verified token says, for the report. */
export interface BundleTimestampInfo {
  /** RFC 3339 UTC time the TSA put in the token. */
  readonly genTime: string;
  /** Subject of the certificate that signed the token. */
  readonly tsaName: string;
  /** The TSA name the bundle states (informational). */
  readonly bundleTsa: string;
  readonly serialNumber: string;
  readonly policy: string;
  readonly hashAlg: HashAlg;
  /**
   * True when the token is from a LOCAL development TSA (the bundle says so, or the signer's
   * certificate names itself local): its time is only the gateway operator's word.
   */
  readonly local: boolean;
}

/** The local TSA names itself so in its CN and OU (gateway/src/tsa/local-tsa.ts); a verifier can read it. */
const LOCAL_TSA_SUBJECT = /\bLOCAL development TSA\b|\blocal TSA \(development\)/i;

const WRAPPED: Readonly<Record<string, BundleErrorCode>> = {
  [TimestampErrorCode.TSA_MALFORMED]: 'BUNDLE_TSA_MALFORMED',
  [TimestampErrorCode.TSA_IMPRINT_MISMATCH]: 'BUNDLE_TSA_IMPRINT_MISMATCH',
  [TimestampErrorCode.TSA_BAD_SIGNATURE]: 'BUNDLE_TSA_BAD_SIGNATURE',
  [TimestampErrorCode.TSA_UNTRUSTED_CHAIN]: 'BUNDLE_TSA_UNTRUSTED_CHAIN',
  [TimestampErrorCode.TSA_NOT_TIMESTAMPING_CERT]: 'BUNDLE_TSA_NOT_TIMESTAMPING_CERT',
};

/** Checks the pinned TSA roots are DER certificates; the DER list, or undefined (check `tsa_trust` failed). */
export function checkTsaTrust(roots: unknown, list: CheckList): Uint8Array[] | undefined {
  if (!Array.isArray(roots) || roots.length === 0 || !roots.every((r) => r instanceof Uint8Array && r.length > 0)) {
    list.fail('tsa_trust', 'BUNDLE_TSA_TRUST_INVALID', 'the pinned TSA roots must be a non-empty list of DER certificates');
    return undefined;
  }
  return roots as Uint8Array[];
}

/**
 * Verifies the token over the checkpoint note against the pinned roots. The bundle's own
 * `keys.tsaCertificate` is passed only as an untrusted hint (a token made without its certificate).
 */
export async function checkTimestamp(
  timestamp: EvidenceBundleTimestamp,
  checkpointNote: string,
  tsaCertificatePem: string | undefined,
  roots: readonly Uint8Array[],
  list: CheckList,
): Promise<BundleTimestampInfo | undefined> {
  let hint: Uint8Array[] = [];
  try {
    if (tsaCertificatePem !== undefined) hint = [pemToDer(tsaCertificatePem)];
  } catch {
    hint = []; // a bad hint is ignored: it was never trusted
  }
  try {
    const info = await verifyTimestampToken(fromBase64(timestamp.token), { data: utf8(checkpointNote), trustedRoots: roots, certificates: hint });
    const subjectSaysLocal = LOCAL_TSA_SUBJECT.test(info.tsaName);
    if (subjectSaysLocal && !timestamp.local) {
      list.fail('timestamp', 'BUNDLE_TSA_LOCAL_MISMATCH', `the bundle says the TSA is not local, but its certificate is "${info.tsaName}"`);
      return undefined;
    }
    const local = timestamp.local || subjectSaysLocal;
    const genTime = info.genTime.toISOString();
    list.pass('timestamp', `the checkpoint note existed at ${genTime}, timestamped by ${info.tsaName}${local ? ' (LOCAL development TSA)' : ''}`);
    return { genTime, tsaName: info.tsaName, bundleTsa: timestamp.tsa, serialNumber: info.serialNumber, policy: info.policy, hashAlg: info.hashAlg, local };
  } catch (e) {
    if (isElcError(e) && e.field === 'trustedRoots') {
      list.fail('tsa_trust', 'BUNDLE_TSA_TRUST_INVALID', `a pinned TSA root is unusable: ${describeError(e)}`, e.code);
      return undefined;
    }
    const cause = isElcError(e) ? e.code : undefined;
    const code = (cause === undefined ? undefined : WRAPPED[cause]) ?? 'BUNDLE_TSA_MALFORMED';
    list.fail('timestamp', code, `the timestamp token does not verify: ${describeError(e)}`, cause ?? 'TSA_MALFORMED');
    return undefined;
  }
}
