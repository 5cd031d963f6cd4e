// The statuses of the codes the ledger features answer with: the ledger port's own table
// (docs/ledger.md "Errors") and the codes of these routes. A router-level error handler answers
// them in the API's error shape; anything else goes on to the gateway's error middleware.
import type { ErrorRequestHandler } from 'express';
import { isElcError } from '@elc/core';
import { errorBody } from '../../errors/middleware.js';
import { LEDGER_ERROR_HTTP_STATUS } from '../../ledger/index.js';

export const LEDGER_FEATURE_ERROR_STATUS: Readonly<Record<string, number>> = {
  CONTRACT_NOT_FOUND: 404,
  ANCHOR_NOT_FOUND: 404,
  DOC_HASH_NOT_FOUND: 404,
  FORBIDDEN_ORG: 403,
  LEGAL_BASIS_REQUIRED: 400,
  /** the contract has events the ledger has not anchored yet: retry (Retry-After) */
  EVIDENCE_NOT_ANCHORED: 409,
  ANCHOR_WAIT_ABORTED: 503,
  ANCHORER_CLOSED: 503,
  ...LEDGER_ERROR_HTTP_STATUS,
};

const RETRY_AFTER: Readonly<Record<string, number>> = { EVIDENCE_NOT_ANCHORED: 1, ANCHOR_WAIT_ABORTED: 1, LEDGER_UNAVAILABLE: 1 };

export function ledgerFeatureErrors(): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent || !isElcError(err)) {
      next(err);
      return;
    }
    const status = LEDGER_FEATURE_ERROR_STATUS[err.code];
    if (status === undefined || (status >= 500 && status !== 503)) {
      next(err);
      return;
    }
    const retry = RETRY_AFTER[err.code] ?? (status === 503 ? 1 : undefined);
    if (retry !== undefined) res.setHeader('Retry-After', String(retry));
    res.status(status).json(errorBody(err.code, err.message, err.field));
  };
}
