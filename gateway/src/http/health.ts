// Liveness and readiness. /healthz: the process serves HTTP. /readyz: the log is open and has a
// checkpoint, so reads and writes will work.
import { Router } from 'express';
import type { LogService } from '../log/index.js';
import { errorBody } from './error-mapper.js';

export function healthRoutes(log: () => LogService | undefined, closing: () => boolean): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', (_req, res) => {
    const l = log();
    if (l === undefined || closing()) {
      res.status(503).json(errorBody('NOT_READY', closing() ? 'the gateway is shutting down' : 'the log is not open yet'));
      return;
    }
    const s = l.stats();
    res.json({ status: 'ready', treeSize: s.size, checkpointSize: s.checkpointSize });
  });
  return r;
}
