// GET /v1/contracts/{uscc}/{contractNo}/evidence: the evidence bundle (arbitration, bureau,
// regulator in region with a legal basis; the vendor orgs that submitted evidence of it). The
// retrieval is logged as an evidence.accessed event before the bundle is sent.
import { Router } from 'express';
import { principalOf, requireRole } from '../../auth/middleware.js';
import type { LedgerFeatures } from '../anchors/context.js';
import { parseContractRef } from '../contracts/contract-ref.js';
import { readContract } from '../contracts/contract-view.js';
import { accessRequestOf } from './access.js';
import { assembleBundle, logAccess } from './bundle-service.js';

export function evidenceRoutes(f: LedgerFeatures): Router {
  const r = Router();
  r.get('/v1/contracts/:uscc/:contractNo/evidence', requireRole('arbitration', 'bureau', 'regulator', 'vendor'), async (req, res) => {
    const principal = principalOf(res);
    const ref = parseContractRef(req.params);
    const access = accessRequestOf(principal, req.headers, req.query);
    const view = await readContract(f, ref, principal);
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const bundle = await assembleBundle(f, view, gone.signal);
    const accessIndex = await logAccess(f, view, principal, access);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('ELC-Access-Index', String(accessIndex));
    res.json(bundle);
  });
  return r;
}
