// POST /tsa (public): the LOCAL development TSA answers RFC 3161 timestamp queries over HTTP
// (application/timestamp-query), as a real TSA would; present only when the TSA is the local one.
import express, { Router } from 'express';
import type { Feature } from '../../http/feature.js';
import { handleTimestampQuery, MAX_TIMESTAMP_QUERY_BYTES, type LocalTsa } from '../../timestamps/index.js';

export function createTsaFeature(local: LocalTsa): Feature {
  const r = Router();
  r.post('/tsa', express.raw({ type: () => true, limit: MAX_TIMESTAMP_QUERY_BYTES }), async (req, res) => {
    const body = req.body as unknown;
    const reply = await handleTimestampQuery(local, body instanceof Uint8Array ? body : new Uint8Array(0), req.headers['content-type'] ?? '');
    res.status(reply.status).type(reply.contentType).send(Buffer.from(reply.body));
  });
  return { publicRoutes: r, publicPaths: ['/tsa'] };
}
