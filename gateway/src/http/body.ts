// Request bodies: JSON only (415 otherwise), checked before a byte is read.
import type { RequestHandler } from 'express';
import { httpError } from '../errors/codes.js';

/** 415 unless the body is application/json (and UTF-8 when a charset is named). */
export const requireJson: RequestHandler = (req, _res, next) => {
  // Content type first: a body we will not parse must not be read into memory.
  if (req.is('application/json') === false || req.is('application/json') === null) {
    next(httpError('CONTENT_TYPE_UNSUPPORTED', 'the body must be application/json'));
    return;
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    next(httpError('CONTENT_TYPE_UNSUPPORTED', 'the body must be UTF-8'));
    return;
  }
  next();
};
