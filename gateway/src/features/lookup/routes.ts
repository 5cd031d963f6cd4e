// GET /v1/lookup?docHash=… (public): is this document hash in the log and anchored? The answer
// names the entry's index, leaf hash and event type, the anchored checkpoint with an inclusion
// proof into it and the anchor reference — never the event itself (no employer, contract, worker).
import { Router } from 'express';
import { ElcError, decodeLeaf, isDocHash, toBase64 } from '@elc/core';
import { httpError } from '../../errors/codes.js';
import type { LedgerFeatures } from '../anchors/context.js';

export function lookupRoutes(f: LedgerFeatures): Router {
  const r = Router();
  r.get('/v1/lookup', async (req, res) => {
    const docHash = req.query['docHash'];
    if (typeof docHash !== 'string' || !isDocHash(docHash)) {
      throw httpError('QUERY_INVALID', 'docHash must be sha256:<64 hex> or sm3:<64 hex>, lowercase', 'docHash');
    }
    await f.indexer.catchUp();
    const indices = await f.indexer.store.docHash(docHash);
    const first = indices[0];
    if (first === undefined) throw new ElcError('DOC_HASH_NOT_FOUND', 'no anchored or logged entry names this document hash', { field: 'docHash' });
    res.setHeader('Cache-Control', 'no-cache');
    const anchor = f.anchorer.latestAnchor() ?? (await f.ledger.getLatestAnchor(f.log.origin));
    const entry = await f.log.entry(first);
    const type = decodeLeaf(entry.leaf).type;
    if (anchor === undefined || anchor.size <= first) {
      res.json({ docHash, found: true, anchored: false, index: first, leafHash: toBase64(entry.leafHash), type });
      return;
    }
    const p = await f.log.inclusionProof(first, anchor.size);
    res.json({
      docHash,
      found: true,
      anchored: true,
      index: first,
      leafHash: toBase64(p.leafHash),
      type,
      checkpoint: anchor.note,
      proof: p.proof.map(toBase64),
      anchor: { channel: anchor.channel, txId: anchor.txId, blockNumber: anchor.blockNumber, size: anchor.size, rootHash: anchor.rootHash, txTime: anchor.txTime },
    });
  });
  return r;
}
