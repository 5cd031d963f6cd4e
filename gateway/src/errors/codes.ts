// The HTTP status of every error code the API returns. Codes are stable and machine-readable;
// clients and tests use them, never the message.
import { ElcError } from '@elc/core';
import { LEDGER_ERROR_HTTP_STATUS } from '../ledger/errors.js';
import { LOG_ERROR_HTTP_STATUS } from '../log/index.js';

/** Codes raised by the gateway itself (core and the log engine bring their own). */
export const GATEWAY_ERROR_STATUS = {
  REQUEST_INVALID: 400,
  BODY_NOT_JSON: 400,
  EVENTS_TOO_MANY: 400,
  QUERY_INVALID: 400,
  AUTH_MISSING: 401,
  AUTH_INVALID: 401,
  AUTH_EXPIRED: 401,
  AUTH_UNKNOWN_KEY: 401,
  AUTH_CLAIMS_INVALID: 401,
  FORBIDDEN_ROLE: 403,
  FORBIDDEN_REGION: 403,
  NOT_FOUND: 404,
  ENTRY_NOT_FOUND: 404,
  TILE_NOT_FOUND: 404,
  CHECKPOINT_NOT_FOUND: 404,
  SIZE_BEYOND_TREE: 400,
  IDEMPOTENCY_CONFLICT: 409,
  // A Shandong request refused as a whole, with its problems listed (shandong/errors.ts).
  SD_INVALID: 400,
  SD_CONFLICT: 409,
  // The ledger features (contracts, evidence bundles, anchors, lookup).
  CONTRACT_NOT_FOUND: 404,
  ANCHOR_NOT_FOUND: 404,
  DOC_HASH_NOT_FOUND: 404,
  FORBIDDEN_ORG: 403,
  LEGAL_BASIS_REQUIRED: 400,
  /** the contract has events the ledger has not anchored yet: retry (Retry-After) */
  EVIDENCE_NOT_ANCHORED: 409,
  ANCHOR_WAIT_ABORTED: 503,
  ANCHORER_CLOSED: 503,
  BODY_TOO_LARGE: 413,
  CONTENT_TYPE_UNSUPPORTED: 415,
  RATE_LIMITED: 429,
  NOT_READY: 503,
  INTERNAL: 500,
} as const;

export type GatewayErrorCode = keyof typeof GATEWAY_ERROR_STATUS;

/** Codes from core whose status is not 500 (the log engine brings its own table). */
const CORE_CODE_STATUS: Readonly<Record<string, number>> = {
  EVIDENCE_INVALID: 400,
  EVIDENCE_PERSONAL_DATA: 400,
  EVIDENCE_VERSION_UNSUPPORTED: 400,
  EVIDENCE_LEAF_TOO_LARGE: 413,
  EVIDENCE_DOC_HASH_INVALID: 400,
  ENCODING_INVALID_BASE64: 400,
  ENCODING_INVALID_HEX: 400,
  ENCODING_INVALID_UTF8: 400,
};

/** Codes other than 503/429 that tell the client to come back (they get Retry-After too). */
export const RETRY_LATER_CODES: ReadonlySet<string> = new Set(['EVIDENCE_NOT_ANCHORED']);

/**
 * The status for an error code: the gateway's own, core's, the log engine's, then the ledger
 * port's table (chaincode refusals keep the chaincode's code); unknown codes are internal
 * errors (fail closed).
 */
export function statusForCode(code: string): number {
  return (
    (GATEWAY_ERROR_STATUS as Record<string, number>)[code] ??
    CORE_CODE_STATUS[code] ??
    (LOG_ERROR_HTTP_STATUS as Record<string, number>)[code] ??
    (LEDGER_ERROR_HTTP_STATUS as Record<string, number>)[code] ??
    500
  );
}

/** Shorthand for a gateway error with a field. */
export function httpError(code: GatewayErrorCode, message: string, field?: string, cause?: unknown): ElcError {
  return new ElcError(code, message, { field, cause });
}
