// The Shandong data interface on the wire (鲁人社函〔2025〕2号 附件; docs/data-spec-shandong.md):
//   POST /v1/sd/units | contracts | rescissions | renewals | terminations   (vendor, bureau)
//   GET  /v1/sd/contracts/{uscc}/{contractNo}/worker   (bureau of the region; arbitration + X-Legal-Basis)
//   GET  /v1/sd/export?after=&limit=                     (bureau: its region's records, spec format)
// A rejected request answers {error:{code, message, errors:[{index, field, code, message{zh,en}}]}}.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { principalOf, requireRole } from '../../auth/middleware.js';
import { regionCovers } from '../../auth/principal.js';
import { httpError } from '../../errors/codes.js';
import type { LogService } from '../../log/index.js';
import type { PiiCipher } from '../../pii/index.js';
import { grantFor, logAccess } from './access.js';
import { SdRejected } from './errors.js';
import type { BatchKind, SdAnswer, SdService } from './service.js';
import { K, type ContractRecord, type StreamRecord } from './store.js';

export interface SdRouteOptions {
  readonly bodyLimitBytes: number;
  readonly now?: () => number;
}

const BATCH_KINDS: readonly BatchKind[] = ['contracts', 'rescissions', 'renewals', 'terminations'];
export const EXPORT_MAX_PAGE = 500;
/** Records looked at per export page, at most, so that a page over other regions stays bounded. */
const EXPORT_SCAN_FACTOR = 20;

function answer(res: Response, run: Promise<SdAnswer>, next: NextFunction): void {
  run.then(
    (a) => res.status(200).json(a),
    (e: unknown) => {
      if (e instanceof SdRejected) {
        const code = e.status === 409 ? 'SD_CONFLICT' : 'SD_INVALID';
        res.status(e.status).json({ error: { code, message: `the request was rejected and nothing was stored (${e.errors.length} error(s))`, errors: e.errors } });
        return;
      }
      next(e);
    },
  );
}

export function shandongRoutes(service: SdService, log: LogService, cipher: PiiCipher, opts: SdRouteOptions): Router {
  const now = opts.now ?? Date.now;
  const r = Router();
  const json = express.json({ limit: opts.bodyLimitBytes, type: () => true });
  const submitters = requireRole('vendor', 'bureau');
  r.post('/v1/sd/units', submitters, json, (req: Request, res: Response, next: NextFunction) => answer(res, service.submitUnit(principalOf(res), req.body), next));
  for (const kind of BATCH_KINDS) {
    r.post(`/v1/sd/${kind}`, submitters, json, (req: Request, res: Response, next: NextFunction) => answer(res, service.submitBatch(kind, principalOf(res), req.body), next));
  }

  r.get('/v1/sd/contracts/:uscc/:contractNo/worker', requireRole('bureau', 'arbitration'), async (req, res) => {
    const p = principalOf(res);
    const { uscc, contractNo } = req.params as { uscc: string; contractNo: string };
    const rec = await service.store.get<ContractRecord>(K.contract(uscc, contractNo));
    if (rec === undefined) throw httpError('NOT_FOUND', 'no contract with this unit and number was reported here');
    const grant = grantFor(req, p, rec.region);
    const [accessIndex] = await logAccess(log, p, grant, [{ uscc, contractNo, region: rec.region, worker: rec.worker }], now);
    const clear = cipher.open(`contract:${uscc}:${contractNo}`, rec.sealed) as Record<string, string>;
    res.setHeader('Cache-Control', 'no-store');
    res.json({ uscc, contractNo, worker: rec.worker, ...clear, access: { logIndex: accessIndex, legalBasis: grant.legalBasis } });
  });

  r.get('/v1/sd/export', requireRole('bureau'), async (req, res) => {
    const p = principalOf(res);
    const after = parseIntParam(req.query['after'], 0, 'after');
    const limit = parseIntParam(req.query['limit'], 100, 'limit');
    if (limit < 1 || limit > EXPORT_MAX_PAGE) throw httpError('QUERY_INVALID', `limit must be 1..${EXPORT_MAX_PAGE}`, 'limit');
    const grant = grantFor(req, p, p.region);
    const scanned = await service.store.range<StreamRecord & { id: string }>(K.record(after + 1), 'rec"', limit * EXPORT_SCAN_FACTOR);
    const page: (StreamRecord & { id: string })[] = [];
    let last = after;
    for (const { value } of scanned) {
      if (page.length === limit) break;
      last = value.seq;
      if (regionCovers(p.region, value.region)) page.push(value);
    }
    const contracts = new Map<string, { uscc: string; contractNo: string; region: string }>();
    for (const rec of page) if (rec.contractNo !== undefined) contracts.set(`${rec.uscc}\u0000${rec.contractNo}`, { uscc: rec.uscc, contractNo: rec.contractNo, region: rec.region });
    await logAccess(log, p, grant, [...contracts.values()], now);
    const exhausted = scanned.length < limit * EXPORT_SCAN_FACTOR && page.length < limit;
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      records: page.map((rec) => ({ seq: rec.seq, kind: rec.kind, uscc: rec.uscc, region: rec.region, acceptedAt: rec.acceptedAt, record: cipher.open(`rec:${rec.id}`, rec.sealed) })),
      next: exhausted ? null : last,
    });
  });
  return r;
}

function parseIntParam(v: unknown, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^\d{1,15}$/.test(v)) throw httpError('QUERY_INVALID', `${name} must be a whole number`, name);
  return Number(v);
}
