// GET /v1/sync/status: the upstream forwarding's lag, failures and oldest pending record (bureau, regulator).
import { Router } from 'express';
import { requireRole } from '../../auth/middleware.js';
import type { SyncStatus } from './forwarder.js';

export function syncRoutes(status: () => Promise<SyncStatus>): Router {
  const r = Router();
  r.get('/v1/sync/status', requireRole('bureau', 'regulator'), async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await status());
  });
  return r;
}
