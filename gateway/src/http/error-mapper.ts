// The one error middleware: typed errors become `{error:{code,message,field?}}` with the status
// from codes.ts; anything else is a 500 that shows no stack, message or internals.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isElcError } from '@elc/core';
import { RETRY_LATER_CODES, statusForCode } from '../errors/codes.js';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; errors?: readonly unknown[] };
}

/** The itemised problems an error carries (a Shandong rejection lists every one), if any. */
function detailsOf(err: unknown): readonly unknown[] | undefined {
  const d = typeof err === 'object' && err !== null ? (err as { details?: unknown }).details : undefined;
  return Array.isArray(d) ? d : undefined;
}

/** Seconds a client should wait after 503 pushback or 429 before retrying. */
export const RETRY_AFTER_SECONDS = 1;

/** body-parser and raw-body error types, mapped to our codes. */
const BODY_PARSER_CODES: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'BODY_NOT_JSON',
  'entity.too.large': 'BODY_TOO_LARGE',
  'encoding.unsupported': 'CONTENT_TYPE_UNSUPPORTED',
  'charset.unsupported': 'CONTENT_TYPE_UNSUPPORTED',
  'entity.verify.failed': 'REQUEST_INVALID',
  'request.size.invalid': 'REQUEST_INVALID',
  'stream.encoding.set': 'INTERNAL',
  'request.aborted': 'REQUEST_INVALID',
};

function bodyParserCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const type = (err as { type?: unknown }).type;
  return typeof type === 'string' ? BODY_PARSER_CODES[type] : undefined;
}

const PUBLIC_MESSAGES: Readonly<Record<string, string>> = {
  BODY_NOT_JSON: 'the request body is not valid JSON',
  BODY_TOO_LARGE: 'the request body is larger than the limit',
  CONTENT_TYPE_UNSUPPORTED: 'unsupported content encoding or charset',
  REQUEST_INVALID: 'the request could not be read',
  INTERNAL: 'internal error',
};

function retryAfterOf(err: unknown): number {
  const s = typeof err === 'object' && err !== null ? (err as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  return typeof s === 'number' && Number.isInteger(s) && s > 0 ? s : RETRY_AFTER_SECONDS;
}

export function errorBody(code: string, message: string, field?: string, errors?: readonly unknown[]): ErrorBody {
  return { error: { code, message, ...(field === undefined ? {} : { field }), ...(errors === undefined ? {} : { errors }) } };
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    let code: string;
    let message: string;
    let field: string | undefined;
    let details: readonly unknown[] | undefined;
    const parserCode = bodyParserCode(err);
    if (isElcError(err)) {
      code = err.code;
      message = err.message;
      field = err.field;
      details = detailsOf(err);
    } else if (parserCode !== undefined) {
      code = parserCode;
      message = PUBLIC_MESSAGES[parserCode] ?? 'bad request';
    } else {
      code = 'INTERNAL';
      message = 'internal error';
    }
    let status = statusForCode(code);
    if (status >= 500 && status !== 503) {
      // Hide internals: unknown codes and crashes are logged server-side only.
      logger.error({ err, route: req.route ? String((req.route as { path: unknown }).path) : req.path }, 'request failed');
      code = 'INTERNAL';
      message = 'internal error';
      field = undefined;
      details = undefined;
      status = 500;
    }
    if (status === 503 || status === 429 || RETRY_LATER_CODES.has(code)) res.setHeader('Retry-After', String(retryAfterOf(err)));
    res.status(status).json(errorBody(code, message, field, details));
  };
}

/** The catch-all 404 for unknown routes. */
export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json(errorBody('NOT_FOUND', 'no such route'));
};
