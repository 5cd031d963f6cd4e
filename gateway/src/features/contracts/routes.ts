// POST /v1/contracts/transitions (vendor, bureau): up to 50 lifecycle records through the
// chaincode, each also logged as its evidence event. GET /v1/contracts/{uscc}/{contractNo}: the
// on-chain state and history, for the roles that may read the contract's evidence.
import express, { Router } from 'express';
import { principalOf, requireRole } from '../../auth/middleware.js';
import { httpError } from '../../errors/codes.js';
import type { LedgerFeatures } from '../anchors/context.js';
import { parseContractRef } from './contract-ref.js';
import { readContract } from './contract-view.js';
import type { TransitionRecorder } from '../../lifecycle/transition-recorder.js';

export function contractRoutes(f: LedgerFeatures, transitions: TransitionRecorder, bodyLimitBytes: number): Router {
  const r = Router();
  const json = express.json({ limit: bodyLimitBytes, strict: true, type: () => true });
  r.post(
    '/v1/contracts/transitions',
    requireRole('vendor', 'bureau'),
    (req, _res, next) => {
      if (req.is('application/json') === false || req.is('application/json') === null) {
        next(httpError('CONTENT_TYPE_UNSUPPORTED', 'the body must be application/json'));
        return;
      }
      next();
    },
    json,
    async (req, res) => {
      const outcome = await transitions.record(req.body as unknown, principalOf(res));
      res.status(outcome.replayed ? 200 : 201).json(outcome.response);
    },
  );
  r.get('/v1/contracts/:uscc/:contractNo', async (req, res) => {
    const view = await readContract(f, parseContractRef(req.params), principalOf(res));
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
  return r;
}
