// POST /v1/events: vendors and bureaus submit up to ELC_MAX_EVENTS_PER_REQUEST events.
// 202 {receipts} once durable; ?wait=checkpoint: 200 {receipts, checkpoint, proofs};
// ?wait=anchored: 200 {receipts, checkpoint, anchor, proofs} once the ledger anchored them.
import express, { Router } from 'express';
import { toBase64 } from '@elc/core';
import type { AnchorCovering } from '../../anchor/index.js';
import { httpError } from '../../errors/codes.js';
import { principalOf, requireRole } from '../../http/auth.js';
import { requireJson } from '../../http/body.js';
import type { Feature } from '../../http/feature.js';
import { SUBMITTER_ROLES } from '../../ingest/policy.js';
import { toAppendEntries } from '../../ingest/prepare-batch.js';
import { ingest, type IngestWait } from '../../ingest/submit.js';
import type { BatchPreparer } from '../../ingest/validation-pool.js';
import type { InclusionProofResult, LogService } from '../../log/index.js';
import type { GatewayMetrics } from '../../ops/metrics.js';

export interface EventsFeatureDeps {
  readonly log: Pick<LogService, 'append' | 'waitForCheckpoint' | 'inclusionProof' | 'hashAlg'>;
  readonly preparer: BatchPreparer;
  readonly anchorCovering: AnchorCovering;
  readonly metrics: Pick<GatewayMetrics, 'eventsIngested'>;
  readonly bodyLimitBytes: number;
  readonly waitTimeoutMs: number;
}

const WAITS: readonly string[] = ['checkpoint', 'anchored'];

function proofJson(p: InclusionProofResult): Record<string, unknown> {
  return { index: p.index, size: p.size, leafHash: toBase64(p.leafHash), proof: p.proof.map(toBase64), rootHash: toBase64(p.rootHash) };
}

export function createEventsFeature(d: EventsFeatureDeps): Feature {
  const r = Router();
  // Raw bytes: JSON parsing happens with validation, off the event loop (ingest/validation-pool.ts).
  const raw = express.raw({ limit: d.bodyLimitBytes, type: () => true, inflate: true });
  r.post('/v1/events', requireRole(...SUBMITTER_ROLES), requireJson, raw, async (req, res) => {
    const waitParam = req.query['wait'];
    if (waitParam !== undefined && (typeof waitParam !== 'string' || !WAITS.includes(waitParam))) {
      throw httpError('QUERY_INVALID', 'wait must be "checkpoint" or "anchored"', 'wait');
    }
    const wait = (waitParam ?? 'none') as IngestWait;
    const body = req.body as unknown;
    const batch = await d.preparer.prepare(body instanceof Uint8Array ? body : new Uint8Array(0), principalOf(res), d.log.hashAlg);
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const outcome = await ingest(d.log, d.anchorCovering, toAppendEntries(batch), wait, { waitTimeoutMs: d.waitTimeoutMs }, gone.signal);
    d.metrics.eventsIngested.inc(outcome.receipts.length);
    switch (outcome.kind) {
      case 'checkpointed':
        res.status(200).json({ receipts: outcome.receipts, checkpoint: outcome.checkpoint.note, proofs: outcome.proofs.map(proofJson) });
        return;
      case 'anchored': {
        const a = outcome.anchor;
        res.status(200).json({
          receipts: outcome.receipts,
          checkpoint: a.note,
          anchor: { channel: a.channel, txId: a.txId, blockNumber: a.blockNumber, size: a.size, rootHash: a.rootHash, txTime: a.txTime },
          proofs: outcome.proofs.map(proofJson),
        });
        return;
      }
      case 'wait-timeout':
        res.status(202).json({ receipts: outcome.receipts, wait: 'timeout' });
        return;
      case 'accepted':
        res.status(202).json({ receipts: outcome.receipts });
    }
  });
  return { routes: r };
}
