// verifyBundleFull: verifyBundle (sync, pure) plus the RFC 3161 token over the checkpoint note,
// which needs WebCrypto and is therefore async. Still browser-safe: pkijs over globalThis.crypto.
import { CheckList, describeError } from './report.js';
import type { BundleCheck, BundleReport } from './report.js';
import { evidenceBundleSchema } from './schema.js';
import { checkTimestamp, checkTsaTrust } from './step-timestamp.js';
import type { BundleTimestampInfo } from './step-timestamp.js';
import { verifyBundle } from './verify.js';
import type { BundleTrust, BundleVerifyDeps } from './verify.js';

export interface BundleFullTrust extends BundleTrust {
  /**
   * DER certificates of the TSA roots the verifier trusts, pinned out of band. Without them the
   * token is not checked and the report lists it as unchecked (it never passes silently).
   */
  readonly tsaRoots?: readonly Uint8Array[];
}

export interface BundleFullReport extends BundleReport {
  /** What the verified timestamp token says; absent when there is none or it did not verify. */
  readonly timestamp?: BundleTimestampInfo;
}

const UNCHECKED_TOKEN_PREFIX = 'timestamp.token';

/**
 * Every check of verifyBundle, then (when the bundle carries a timestamp and TSA roots are
 * pinned) the token: imprint over the exact checkpoint note bytes, CMS signature, chain to a
 * pinned root, and whether the TSA is the LOCAL development one. Failures are BUNDLE_TSA_* with
 * the TSA_* cause in `cause`. Never throws on hostile input.
 */
export async function verifyBundleFull(bundle: unknown, trust: BundleFullTrust, deps?: BundleVerifyDeps): Promise<BundleFullReport> {
  const base = verifyBundle(bundle, trust, deps);
  const list = new CheckList();
  const unchecked = base.unchecked.filter((u) => !u.startsWith(UNCHECKED_TOKEN_PREFIX));
  let timestamp: BundleTimestampInfo | undefined;
  try {
    const parsed = evidenceBundleSchema.safeParse(bundle);
    if (parsed.success) {
      const b = parsed.data;
      if (b.timestamp === undefined) {
        unchecked.push('timestamp: the bundle carries no RFC 3161 token (the checkpoint time is not attested)');
      } else if (trust?.tsaRoots === undefined) {
        unchecked.push(`${UNCHECKED_TOKEN_PREFIX}: no TSA root was pinned, so the RFC 3161 token was not verified`);
      } else {
        const roots = checkTsaTrust(trust.tsaRoots, list);
        if (roots !== undefined) timestamp = await checkTimestamp(b.timestamp, b.checkpoint, b.keys.tsaCertificate, roots, list);
      }
    }
  } catch (e) {
    list.fail('internal', 'BUNDLE_MALFORMED', `timestamp verification stopped: ${describeError(e)}`);
  }
  const checks: BundleCheck[] = [...base.checks, ...list.checks];
  const ok = base.ok && list.checks.every((c) => c.ok);
  return { ...base, ok, checks, unchecked, ...(timestamp === undefined ? {} : { timestamp }) };
}
