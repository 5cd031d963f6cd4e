// Contracts: POST /v1/contracts/transitions (vendor, bureau): up to 50 lifecycle records through
// the lifecycle saga. GET /v1/contracts/{uscc}/{contractNo}: the on-chain state and history.
// GET /v1/contracts/{uscc}/{contractNo}/evidence: the evidence bundle (arbitration, bureau,
// regulator in region with a legal basis; the vendor orgs that submitted evidence of it), its
// retrieval logged as an evidence.accessed event before it is sent.
import express, { Router } from 'express';
import type { EvidenceService } from '../../evidence/service.js';
import { accessRequestOf } from '../../evidence/access.js';
import { principalOf, requireRole } from '../../http/auth.js';
import { requireJson } from '../../http/body.js';
import type { Feature } from '../../http/feature.js';
import type { TransitionRecorder } from '../../lifecycle/transition-recorder.js';
import { parseContractRef } from './contract-ref.js';

export interface ContractsFeatureDeps {
  readonly transitions: TransitionRecorder;
  readonly evidence: Pick<EvidenceService, 'readContract' | 'bundle' | 'logAccess'>;
  readonly bodyLimitBytes: number;
}

export function createContractsFeature(d: ContractsFeatureDeps): Feature {
  const r = Router();
  const json = express.json({ limit: d.bodyLimitBytes, strict: true, type: () => true });
  r.post('/v1/contracts/transitions', requireRole('vendor', 'bureau'), requireJson, json, async (req, res) => {
    const outcome = await d.transitions.record(req.body as unknown, principalOf(res));
    res.status(outcome.replayed ? 200 : 201).json(outcome.response);
  });
  r.get('/v1/contracts/:uscc/:contractNo', async (req, res) => {
    const view = await d.evidence.readContract(parseContractRef(req.params), principalOf(res));
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      employer: view.ref.employer,
      contractId: view.ref.contractId,
      region: view.region,
      state: view.state ?? null,
      history: view.history,
      evidence: { entries: view.evidence.indices.length, firstIndex: view.evidence.indices[0] ?? null },
    });
  });
  r.get('/v1/contracts/:uscc/:contractNo/evidence', requireRole('arbitration', 'bureau', 'regulator', 'vendor'), async (req, res) => {
    const principal = principalOf(res);
    const ref = parseContractRef(req.params);
    const access = accessRequestOf(principal, req.headers, req.query);
    const view = await d.evidence.readContract(ref, principal);
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const bundle = await d.evidence.bundle(view, gone.signal);
    const accessIndex = await d.evidence.logAccess(view, principal, access);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('ELC-Access-Index', String(accessIndex));
    res.json(bundle);
  });
  return { routes: r };
}
