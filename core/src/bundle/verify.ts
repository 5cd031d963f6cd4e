// verifyBundle: a pure, synchronous composition of small steps, in the manner of sigstore-js
// tlog verification. It never throws on hostile input; every failure is a check with a code.
import type { HashAlg, HashProvider } from '../hash/index.js';
import { pureHashProvider } from '../hash/index.js';
import type { Checkpoint } from '../note/index.js';
import type { EvidenceEvent } from '../evidence/index.js';
import { CheckList, describeError } from './report.js';
import type { BundleReport } from './report.js';
import { checkAnchor, checkAnchorAgainstClaim } from './step-anchor.js';
import { checkCheckpoint, checkTrust } from './step-checkpoint.js';
import { checkEntries, checkLeaves } from './step-entries.js';
import { checkHashAlg } from './step-hash.js';
import { checkInclusion } from './step-inclusion.js';
import { checkSchema } from './step-schema.js';

export interface BundleTrust {
  /** C2SP vkeys of the log, pinned out of band (e.g. from GET /v1/log/key on a trusted channel). */
  readonly logKeys: readonly string[];
}

export interface BundleVerifyDeps {
  /** Hashing for the bundle's algorithm; defaults to the pure-JS providers (browser-safe). */
  hashProviderFor(alg: HashAlg): HashProvider;
}

const pureDeps: BundleVerifyDeps = { hashProviderFor: pureHashProvider };

/**
 * Verifies an evidence bundle (the parsed JSON) offline against pinned log keys: shape, hash
 * algorithm, checkpoint signature and origin, every leaf as an event of the bundle's contract,
 * every inclusion proof, and the anchor reference against the checkpoint.
 */
export function verifyBundle(bundle: unknown, trust: BundleTrust, deps: BundleVerifyDeps = pureDeps): BundleReport {
  const list = new CheckList();
  let checkpoint: Checkpoint | undefined;
  const events: { index: number; event: EvidenceEvent }[] = [];
  const unchecked: string[] = [];
  try {
    const b = checkSchema(bundle, list);
    if (b !== undefined) {
      const hasher = checkHashAlg(b.hashAlg, (alg) => deps.hashProviderFor(alg), list);
      const verifiers = checkTrust(trust?.logKeys, list);
      if (verifiers !== undefined) checkpoint = checkCheckpoint(b.checkpoint, b.origin, b.keys.log, trust.logKeys, verifiers, list);
      checkEntries(b, list);
      const valid = checkLeaves(b, list);
      if (hasher !== undefined && checkpoint !== undefined) {
        const included = checkInclusion(b, hasher, checkpoint, list);
        for (const [index, event] of valid) if (included.has(index)) events.push({ index, event });
      }
      if (b.anchor !== undefined) {
        if (checkpoint !== undefined) checkAnchor(b.anchor, checkpoint, list);
        else if (verifiers !== undefined) checkAnchorAgainstClaim(b.anchor, b.checkpoint, list);
        unchecked.push('anchor.ledger: the anchor transaction was not looked up on the ledger');
      }
      if (b.timestamp !== undefined) unchecked.push('timestamp.token: the RFC 3161 token was not verified');
      if (b.contract.state !== undefined || b.contract.history !== undefined) {
        unchecked.push('contract.state/history: on-chain data carried as is, not verified');
      }
    }
  } catch (e) {
    // Steps report their own failures; reaching here is a bug, and still a failed verification.
    list.fail('internal', 'BUNDLE_MALFORMED', `verification stopped: ${describeError(e)}`);
  }
  const ok = list.allOk && checkpoint !== undefined && events.length > 0;
  return { ok, checks: list.checks, unchecked, events, ...(checkpoint === undefined ? {} : { checkpoint }) };
}
