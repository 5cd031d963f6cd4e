// POST /v1/events: vendors and bureaus submit up to ELC_MAX_EVENTS_PER_REQUEST events.
// 202 {receipts} once durable; with ?wait=checkpoint, 200 {receipts, checkpoint, proofs}.
import express, { Router } from 'express';
import { toBase64 } from '@elc/core';
import { principalOf, requireRole } from '../../auth/middleware.js';
import { httpError } from '../../errors/codes.js';
import type { LogService } from '../../log/index.js';
import type { GatewayMetrics } from '../../ops/metrics.js';
import { SUBMITTER_ROLES } from './policy.js';
import type { BatchPreparer } from './preparer.js';
import { ingest, type IngestLimits } from './service.js';
import { toAppendEntries } from './prepare.js';

export interface IngestRouteOptions extends IngestLimits {
  readonly bodyLimitBytes: number;
}

export function ingestRoutes(log: LogService, preparer: BatchPreparer, metrics: GatewayMetrics, opts: IngestRouteOptions): Router {
  const r = Router();
  // Raw bytes: JSON parsing happens with validation, off the event loop (preparer.ts).
  const raw = express.raw({ limit: opts.bodyLimitBytes, type: () => true, inflate: true });
  r.post(
    '/v1/events',
    requireRole(...SUBMITTER_ROLES),
    (req, _res, next) => {
      // Content type first: a body we will not parse must not be read into memory.
      if (req.is('application/json') === false || req.is('application/json') === null) {
        next(httpError('CONTENT_TYPE_UNSUPPORTED', 'the body must be application/json'));
        return;
      }
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
      if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
        next(httpError('CONTENT_TYPE_UNSUPPORTED', 'the body must be UTF-8'));
        return;
      }
      next();
    },
    raw,
    async (req, res) => {
      const waitParam = req.query['wait'];
      if (waitParam !== undefined && waitParam !== 'checkpoint') {
        throw httpError('QUERY_INVALID', waitParam === 'anchored' ? 'wait=anchored needs the ledger anchorer, which this build does not run' : 'wait must be "checkpoint"', 'wait');
      }
      const body = req.body as unknown;
      const bytes = body instanceof Uint8Array ? body : new Uint8Array(0);
      const batch = await preparer.prepare(bytes, principalOf(res), log.hashAlg);
      const entries = toAppendEntries(batch);
      const gone = new AbortController();
      res.on('close', () => gone.abort());
      const outcome = await ingest(log, entries, waitParam === 'checkpoint' ? 'checkpoint' : 'none', opts, gone.signal);
      metrics.eventsIngested.inc(outcome.receipts.length);
      if (outcome.kind === 'checkpointed') {
        res.status(200).json({
          receipts: outcome.receipts,
          checkpoint: outcome.checkpoint.note,
          proofs: outcome.proofs.map((p) => ({
            index: p.index,
            size: p.size,
            leafHash: toBase64(p.leafHash),
            proof: p.proof.map(toBase64),
            rootHash: toBase64(p.rootHash),
          })),
        });
        return;
      }
      res.status(202).json(outcome.kind === 'wait-timeout' ? { receipts: outcome.receipts, wait: 'timeout' } : { receipts: outcome.receipts });
    },
  );
  return r;
}
