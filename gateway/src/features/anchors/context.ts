// What the ledger features (contracts, evidence, anchors, lookup) share: the log as the routes see
// it (with the evidence index's notes), the ledger, the anchorer, the timestamper and the index.
import { ElcError } from '@elc/core';
import type { Anchorer } from '../../anchor/index.js';
import type { Anchor, LedgerPort } from '../../ledger/index.js';
import type { LogService } from '../../log/index.js';
import type { Timestamper, TsaSource } from '../../timestamps/index.js';
import type { EvidenceIndexer } from '../evidence/indexer.js';

export interface LedgerFeatures {
  readonly log: LogService;
  readonly ledger: LedgerPort;
  readonly anchorer: Anchorer;
  readonly timestamper: Timestamper;
  readonly tsa: TsaSource;
  readonly indexer: EvidenceIndexer;
  /** upper bound of every wait for an anchor (ELC_WAIT_TIMEOUT_MS) */
  readonly waitTimeoutMs: number;
  readonly now: () => number;
}

/**
 * The first anchor covering `size`, waiting up to the wait bound. EVIDENCE_NOT_ANCHORED when the
 * ledger has not anchored it by then (the entries are durable; the caller retries).
 */
export async function anchorCovering(f: LedgerFeatures, size: number, clientGone?: AbortSignal): Promise<Anchor> {
  const latest = f.anchorer.latestAnchor();
  if (latest !== undefined && latest.size >= size) return latest;
  const signals = [AbortSignal.timeout(f.waitTimeoutMs), ...(clientGone === undefined ? [] : [clientGone])];
  try {
    return await f.anchorer.waitForAnchor(size, { signal: AbortSignal.any(signals) });
  } catch (e) {
    if (e instanceof ElcError && e.code === 'ANCHOR_WAIT_ABORTED') {
      throw new ElcError('EVIDENCE_NOT_ANCHORED', `the log is not anchored up to size ${size} yet; retry shortly`, { cause: e });
    }
    throw e;
  }
}
