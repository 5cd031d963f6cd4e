// The verification report: one check per step (and per entry), each passed or failed with a code.
import type { Checkpoint } from '../note/index.js';
import type { EvidenceEvent } from '../evidence/index.js';
import type { BundleErrorCode } from './codes.js';

export interface BundleCheck {
  /** Stable check id: `schema`, `hash_alg`, `trust`, `checkpoint`, `origin`, `entries`, `leaf.<i>`, `inclusion.<i>`, `anchor`; verifyBundleFull adds `tsa_trust`, `timestamp`. */
  readonly id: string;
  readonly ok: boolean;
  /** Present exactly when `ok` is false. */
  readonly code?: BundleErrorCode;
  /** Human-readable; never parse it. */
  readonly detail: string;
  /** For a failure wrapping a lower-level error: that error's code (e.g. TSA_IMPRINT_MISMATCH). */
  readonly cause?: string;
}

export interface BundleReport {
  /** True only when every check ran and passed. */
  readonly ok: boolean;
  readonly checks: readonly BundleCheck[];
  /** What the bundle carries that this verifier does not check (yet), so no one mistakes it for checked. */
  readonly unchecked: readonly string[];
  /** The checkpoint, when its signature by a trusted key verified. */
  readonly checkpoint?: Checkpoint;
  /** Events whose leaf is valid, of this contract, and included under the verified checkpoint. */
  readonly events: readonly { readonly index: number; readonly event: EvidenceEvent }[];
}

/** Collects checks; a step reports through it and never throws. */
export class CheckList {
  readonly checks: BundleCheck[] = [];

  pass(id: string, detail: string): true {
    this.checks.push({ id, ok: true, detail });
    return true;
  }

  fail(id: string, code: BundleErrorCode, detail: string, cause?: string): false {
    this.checks.push(cause === undefined ? { id, ok: false, code, detail } : { id, ok: false, code, detail, cause });
    return false;
  }

  get allOk(): boolean {
    return this.checks.length > 0 && this.checks.every((c) => c.ok);
  }
}

/** The message of an error (ElcError code first) for a check's detail. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}
