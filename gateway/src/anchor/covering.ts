// The first anchor covering a tree size, waited for up to a bound: what an ingest with
// ?wait=anchored, an evidence bundle and a lookup need of the anchorer.
import { ElcError } from '@elc/core';
import type { Anchor } from '../ledger/index.js';
import type { Anchorer } from './anchorer.js';

/**
 * The first anchor covering `size`, waiting up to the bound. EVIDENCE_NOT_ANCHORED when the ledger
 * has not anchored it by then (the entries are durable; the caller retries); `clientGone` ends
 * the wait early.
 */
export type AnchorCovering = (size: number, clientGone?: AbortSignal) => Promise<Anchor>;

export function anchorCovering(anchorer: Pick<Anchorer, 'latestAnchor' | 'waitForAnchor'>, waitTimeoutMs: number): AnchorCovering {
  return async (size, clientGone) => {
    const latest = anchorer.latestAnchor();
    if (latest !== undefined && latest.size >= size) return latest;
    const signals = [AbortSignal.timeout(waitTimeoutMs), ...(clientGone === undefined ? [] : [clientGone])];
    try {
      return await anchorer.waitForAnchor(size, { signal: AbortSignal.any(signals) });
    } catch (e) {
      if (e instanceof ElcError && e.code === 'ANCHOR_WAIT_ABORTED') {
        throw new ElcError('EVIDENCE_NOT_ANCHORED', `the log is not anchored up to size ${size} yet; retry shortly`, { cause: e });
      }
      throw e;
    }
  };
}
