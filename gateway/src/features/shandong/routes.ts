// The Shandong data interface on the wire (鲁人社函〔2025〕2号 附件; docs/data-spec-shandong.md):
//   POST /v1/sd/units | contracts | rescissions | renewals | terminations   (vendor, bureau)
//   GET  /v1/sd/contracts/{uscc}/{contractNo}/worker   (bureau of the region; arbitration + X-Legal-Basis)
//   GET  /v1/sd/export?after=&limit=                     (bureau: its region's records, spec format)
// A rejected request answers {error:{code, message, errors:[{index, field, code, message{zh,en}}]}}.
//   GET  /v1/sync/status                                 (bureau, regulator: the upstream forwarding)
import express, { Router } from 'express';
import { httpError } from '../../errors/codes.js';
import { principalOf, requireRole } from '../../http/auth.js';
import type { Feature } from '../../http/feature.js';
import type { SyncStatus } from '../../shandong/forwarder.js';
import type { SdReads } from '../../shandong/reads.js';
import type { BatchKind, SdService } from '../../shandong/service.js';

export interface ShandongFeatureDeps {
  readonly service: Pick<SdService, 'submitUnit' | 'submitBatch'>;
  readonly reads: SdReads;
  readonly status: () => Promise<SyncStatus>;
  readonly bodyLimitBytes: number;
}

const BATCH_KINDS: readonly BatchKind[] = ['contracts', 'rescissions', 'renewals', 'terminations'];

function parseIntParam(v: unknown, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^\d{1,15}$/.test(v)) throw httpError('QUERY_INVALID', `${name} must be a whole number`, name);
  return Number(v);
}

export function createShandongFeature({ service, reads, status, bodyLimitBytes }: ShandongFeatureDeps): Feature {
  const r = Router();
  const json = express.json({ limit: bodyLimitBytes, type: () => true });
  const submitters = requireRole('vendor', 'bureau');
  r.post('/v1/sd/units', submitters, json, async (req, res) => {
    res.status(200).json(await service.submitUnit(principalOf(res), req.body));
  });
  for (const kind of BATCH_KINDS) {
    r.post(`/v1/sd/${kind}`, submitters, json, async (req, res) => {
      res.status(200).json(await service.submitBatch(kind, principalOf(res), req.body));
    });
  }
  r.get('/v1/sd/contracts/:uscc/:contractNo/worker', requireRole('bureau', 'arbitration'), async (req, res) => {
    const { uscc, contractNo } = req.params as { uscc: string; contractNo: string };
    const record = await reads.worker(principalOf(res), req.headers, uscc, contractNo);
    res.setHeader('Cache-Control', 'no-store');
    res.json(record);
  });
  r.get('/v1/sd/export', requireRole('bureau'), async (req, res) => {
    const page = await reads.exportPage(principalOf(res), req.headers, parseIntParam(req.query['after'], 0, 'after'), parseIntParam(req.query['limit'], 100, 'limit'));
    res.setHeader('Cache-Control', 'no-store');
    res.json(page);
  });
  r.get('/v1/sync/status', requireRole('bureau', 'regulator'), async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await status());
  });
  return { routes: r };
}
