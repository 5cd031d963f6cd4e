// GET /v1/lookup?docHash=… (public): is this document hash in the log and anchored? The answer
// names the entry's index, leaf hash and event type, the anchored checkpoint with an inclusion
// proof into it and the anchor reference — never the event itself (no employer, contract, worker).
import { Router } from 'express';
import { isDocHash } from '@elc/core';
import { httpError } from '../../errors/codes.js';
import type { EvidenceService } from '../../evidence/service.js';
import type { Feature } from '../../http/feature.js';

export function createLookupFeature(d: { evidence: Pick<EvidenceService, 'lookup'> }): Feature {
  const r = Router();
  r.get('/v1/lookup', async (req, res) => {
    const docHash = req.query['docHash'];
    if (typeof docHash !== 'string' || !isDocHash(docHash)) {
      throw httpError('QUERY_INVALID', 'docHash must be sha256:<64 hex> or sm3:<64 hex>, lowercase', 'docHash');
    }
    const answer = await d.evidence.lookup(docHash);
    res.setHeader('Cache-Control', 'no-cache');
    res.json(answer);
  });
  return { publicRoutes: r, publicPaths: ['/v1/lookup'] };
}
