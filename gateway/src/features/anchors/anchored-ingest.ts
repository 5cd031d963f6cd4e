// POST /v1/events?wait=anchored: the ingest of features/ingest, then a wait until the ledger has
// anchored a checkpoint covering the batch; 200 with the receipts, the anchored checkpoint, its
// anchor reference and an inclusion proof of each event into it. Other requests to POST
// /v1/events pass on to the ingest routes untouched.
import express, { Router } from 'express';
import { ElcError, toBase64 } from '@elc/core';
import { principalOf, requireRole } from '../../auth/middleware.js';
import { httpError } from '../../errors/codes.js';
import { SUBMITTER_ROLES } from '../ingest/policy.js';
import type { BatchPreparer } from '../ingest/preparer.js';
import { toAppendEntries } from '../ingest/prepare.js';
import { asEventsField } from '../ingest/service.js';
import type { GatewayMetrics } from '../../ops/metrics.js';
import { anchorCovering, type LedgerFeatures } from './context.js';

export function anchoredIngestRoutes(f: LedgerFeatures, preparer: BatchPreparer, metrics: GatewayMetrics, bodyLimitBytes: number): Router {
  const r = Router();
  const raw = express.raw({ limit: bodyLimitBytes, type: () => true, inflate: true });
  r.post(
    '/v1/events',
    (req, _res, next) => {
      next(req.query['wait'] === 'anchored' ? undefined : 'router');
    },
    requireRole(...SUBMITTER_ROLES),
    (req, _res, next) => {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
      const json = req.is('application/json');
      if (json === false || json === null || (charset !== undefined && charset.toLowerCase() !== 'utf-8')) {
        next(httpError('CONTENT_TYPE_UNSUPPORTED', 'the body must be UTF-8 application/json'));
        return;
      }
      next();
    },
    raw,
    async (req, res) => {
      const body = req.body as unknown;
      const batch = await preparer.prepare(body instanceof Uint8Array ? body : new Uint8Array(0), principalOf(res), f.log.hashAlg);
      const receipts = await f.log.append(toAppendEntries(batch)).catch((e: unknown) => {
        throw asEventsField(e);
      });
      metrics.eventsIngested.inc(receipts.length);
      const gone = new AbortController();
      res.on('close', () => gone.abort());
      const size = Math.max(...receipts.map((x) => x.index)) + 1;
      let anchor;
      try {
        anchor = await anchorCovering(f, size, gone.signal);
      } catch (e) {
        // The events are durable either way: a slow anchor is reported, not turned into an error.
        if (e instanceof ElcError && e.code === 'EVIDENCE_NOT_ANCHORED' && !gone.signal.aborted) {
          res.status(202).json({ receipts, wait: 'timeout' });
          return;
        }
        throw e;
      }
      const proofs = await Promise.all(receipts.map((x) => f.log.inclusionProof(x.index, anchor.size)));
      res.status(200).json({
        receipts,
        checkpoint: anchor.note,
        anchor: { channel: anchor.channel, txId: anchor.txId, blockNumber: anchor.blockNumber, size: anchor.size, rootHash: anchor.rootHash, txTime: anchor.txTime },
        proofs: proofs.map((p) => ({ index: p.index, size: p.size, leafHash: toBase64(p.leafHash), proof: p.proof.map(toBase64), rootHash: toBase64(p.rootHash) })),
      });
    },
  );
  return r;
}
