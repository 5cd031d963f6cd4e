// Reads of the log. They go straight to the log service's read side and never wait on writes.
// Public: the checkpoint, the key and the tiles (static, cacheable, what auditors mirror).
// Entries and proofs need any valid token: entries are contract evidence. The proof routes here
// are the reference; http/hot-path.ts answers their successful requests ahead of Express, identically.
import { Router, type RequestHandler } from 'express';
import { toBase64 } from '@elc/core';
import { parseTilePath } from '@elc/core/tiles';
import { httpError } from '../../errors/codes.js';
import type { Feature } from '../../http/feature.js';
import { consistencyProofBody, inclusionProofBody } from '../../http/proof-body.js';
import { parseIndexParam } from '../../http/query.js';
import type { LogService } from '../../log/index.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A partial tile never changes at its width but is superseded by the full tile. */
const PARTIAL = 'public, max-age=60';
const TEXT = 'text/plain; charset=utf-8';

export function createLogReadFeature(log: LogService): Feature {
  return { publicRoutes: publicLogRoutes(log), publicPaths: ['/v1/log/checkpoint', '/v1/log/key', '/tile'], routes: authenticatedLogRoutes(log) };
}

function publicLogRoutes(log: LogService): Router {
  const r = Router();
  r.get('/v1/log/checkpoint', async (_req, res) => {
    const cp = await log.latestCheckpoint();
    res.setHeader('Cache-Control', 'no-cache');
    res.type(TEXT).send(cp.note);
  });
  r.get('/v1/log/key', (_req, res) => {
    const vkey = log.verifierKey;
    if (vkey === undefined) throw httpError('NOT_FOUND', 'this log serves no verifier key');
    res.type(TEXT).send(vkey.endsWith('\n') ? vkey : `${vkey}\n`);
  });
  const tile: RequestHandler = async (req, res) => {
    res.locals['routeLabel'] = '/tile';
    const addr = parseTilePath(req.path.slice(1));
    if (addr === undefined) throw httpError('TILE_NOT_FOUND', 'not a tile address (c2sp.org/tlog-tiles)');
    const bytes =
      addr.kind === 'entries' ? await log.readEntryBundle(addr.index, addr.width) : await log.readTile(addr.level, addr.index, addr.width);
    res.setHeader('Cache-Control', addr.width === undefined ? IMMUTABLE : PARTIAL);
    res.type('application/octet-stream').send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  };
  r.use('/tile', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    (tile(req, res, next) as Promise<void>).catch(next);
  });
  return r;
}

/** Routes mounted behind `authenticate`. */
function authenticatedLogRoutes(log: LogService): Router {
  const r = Router();
  r.get('/v1/log/entries/:index', async (req, res) => {
    const index = parseIndexParam(req.params['index'], 'index');
    const e = await log.entry(index);
    res.json({ index: e.index, entry: toBase64(e.leaf), leafHash: toBase64(e.leafHash) });
  });
  r.get('/v1/log/proof/inclusion', async (req, res) => {
    const index = parseIndexParam(req.query['index'], 'index');
    const size = parseIndexParam(req.query['size'], 'size');
    res.json(await inclusionProofBody(log, index, size));
  });
  r.get('/v1/log/proof/consistency', async (req, res) => {
    const from = parseIndexParam(req.query['from'], 'from');
    const to = parseIndexParam(req.query['to'], 'to');
    res.json(await consistencyProofBody(log, from, to));
  });
  return r;
}
