// GET /v1/anchors (any authenticated role): the anchor records of this gateway's log on the
// ledger. `?size=N` one anchor (404 ANCHOR_NOT_FOUND), `?pageSize=&bookmark=` a page in size
// order, no parameter the latest one. Each record carries the timestamp token's state.
import { Router } from 'express';
import { ElcError } from '@elc/core';
import { httpError } from '../../errors/codes.js';
import type { Feature } from '../../http/feature.js';
import { parseIndexParam } from '../../http/query.js';
import type { Anchor, LedgerPort } from '../../ledger/index.js';
import type { Timestamper } from '../../timestamps/index.js';

export interface AnchorsFeatureDeps {
  /** the origin of this gateway's log */
  readonly origin: string;
  readonly ledger: Pick<LedgerPort, 'getAnchor' | 'listAnchors' | 'getLatestAnchor'>;
  readonly timestamper: Pick<Timestamper, 'tokenFor'>;
}

function anchorJson(a: Anchor): Record<string, unknown> {
  return {
    origin: a.origin,
    size: a.size,
    rootHash: a.rootHash,
    channel: a.channel,
    txId: a.txId,
    blockNumber: a.blockNumber,
    txTime: a.txTime,
    keyId: a.keyId,
    mspId: a.mspId,
    note: a.note,
  };
}

export function createAnchorsFeature(f: AnchorsFeatureDeps): Feature {
  const r = Router();
  r.get('/v1/anchors', async (req, res) => {
    const origin = f.origin;
    res.setHeader('Cache-Control', 'no-store');
    if (req.query['size'] !== undefined) {
      const size = parseIndexParam(req.query['size'], 'size');
      const a = await f.ledger.getAnchor(origin, size);
      if (a === undefined) throw new ElcError('ANCHOR_NOT_FOUND', `no anchor of size ${size}`, { field: 'size' });
      const token = await f.timestamper.tokenFor(a.size);
      res.json({ anchor: anchorJson(a), timestamp: token ?? null });
      return;
    }
    if (req.query['pageSize'] !== undefined || req.query['bookmark'] !== undefined) {
      const pageSize = parseIndexParam(req.query['pageSize'] ?? '100', 'pageSize');
      if (pageSize < 1 || pageSize > 100) throw httpError('QUERY_INVALID', 'pageSize must be 1..100', 'pageSize');
      const bookmark = req.query['bookmark'];
      if (bookmark !== undefined && typeof bookmark !== 'string') throw httpError('QUERY_INVALID', 'bookmark must be a string', 'bookmark');
      const page = await f.ledger.listAnchors(origin, { pageSize, bookmark: bookmark ?? '' });
      res.json({ anchors: page.anchors.map(anchorJson), bookmark: page.bookmark });
      return;
    }
    const latest = await f.ledger.getLatestAnchor(origin);
    if (latest === undefined) throw new ElcError('ANCHOR_NOT_FOUND', 'the log has no anchor yet');
    res.json({ anchor: anchorJson(latest), timestamp: (await f.timestamper.tokenFor(latest.size)) ?? null });
  });
  return { routes: r };
}
