/**
 * Ledger errors. A chaincode refusal carries the chaincode's JSON `{code, message, field?,
 * index?}` (docs/chaincode.md): it becomes a LedgerRefusal, an ElcError with the same code, the
 * field, the batch index and `ledger: true`, which the HTTP mapper turns into the status of
 * LEDGER_ERROR_HTTP_STATUS. Anything else the ledger throws is LEDGER_UNAVAILABLE or another
 * LEDGER_* code: an infrastructure failure, never a refusal.
 */
import { ElcError } from '@elc/core';
import { parseLedgerErrorMessage } from '@elc/chaincode/domain';
import type { LedgerErrorCode, LedgerErrorJson } from '@elc/chaincode/domain';

/** docs/chaincode.md "Errors": the suggested status of each refusal code. */
export const LEDGER_REFUSAL_HTTP_STATUS: Readonly<Record<LedgerErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  ACCESS_DENIED: 403,
  REGION_DENIED: 403,
  LOG_EXISTS: 409,
  LOG_UNKNOWN: 404,
  HASH_ALG_MISMATCH: 409,
  KEY_UNCHANGED: 409,
  CHECKPOINT_MALFORMED: 400,
  CHECKPOINT_BAD_SIGNATURE: 422,
  CHECKPOINT_ORIGIN_MISMATCH: 422,
  ANCHOR_FORK_SAME_SIZE: 409,
  ANCHOR_INCONSISTENT: 409,
  ANCHOR_SHRINKS: 409,
  ANCHOR_UNKNOWN: 404,
  CONTRACT_EXISTS: 409,
  // a transition of an unknown contract; a query for one returns undefined from the port instead
  CONTRACT_UNKNOWN: 409,
  CONTRACT_ENDED: 409,
  DATE_BEFORE_START: 409,
  END_BEFORE_START: 400,
  BATCH_EMPTY: 400,
  BATCH_TOO_LARGE: 413,
  // the org registry (chaincode/src/domain/org-registry.ts, caller.ts)
  LEDGER_NOT_BOOTSTRAPPED: 503,
  ALREADY_BOOTSTRAPPED: 409,
  ORG_UNKNOWN: 403,
  ORG_EXISTS: 409,
  ORG_SELF_LOCKOUT: 409,
  ROLE_NOT_ALLOWED_FOR_ORG: 403,
  REGION_OUTSIDE_ORG: 403,
  // mandates (chaincode/src/domain/mandates.ts)
  MANDATE_UNKNOWN: 404,
};

/** Failures of the ledger itself (not refusals). */
export const LEDGER_FAILURE_HTTP_STATUS = {
  /** the ledger could not run the transaction (a peer, the store, a chaincode crash): retry */
  LEDGER_UNAVAILABLE: 503,
  /** a block number out of range (events from a negative block) */
  LEDGER_BAD_RANGE: 400,
  /** the port is closed */
  LEDGER_CLOSED: 503,
  /** the stored chain contradicts itself (a broken hash link, a damaged block) */
  LEDGER_CORRUPT: 500,
  /** the chaincode failed without a refusal code (a wrong argument count, a crash) */
  LEDGER_TX_FAILED: 500,
  /** an answer of the ledger that is not what the chaincode returns */
  LEDGER_BAD_RESPONSE: 500,
} as const;

export type LedgerFailureCode = keyof typeof LEDGER_FAILURE_HTTP_STATUS;

/** Every code a LedgerPort throws, with its HTTP status. */
export const LEDGER_ERROR_HTTP_STATUS: Readonly<Record<string, number>> = { ...LEDGER_REFUSAL_HTTP_STATUS, ...LEDGER_FAILURE_HTTP_STATUS };

/** The chaincode refused the transaction: nothing was written. */
export class LedgerRefusal extends ElcError {
  readonly ledger = true as const;
  declare readonly code: LedgerErrorCode;
  /** position of the refused item of a RecordTransitions batch */
  readonly index: number | undefined;

  constructor(json: LedgerErrorJson, cause?: unknown) {
    super(json.code, json.message, { ...(json.field === undefined ? {} : { field: json.field }), cause });
    this.name = 'LedgerRefusal';
    this.index = json.index;
  }
}

export function isLedgerRefusal(e: unknown, code?: LedgerErrorCode): e is LedgerRefusal {
  return e instanceof LedgerRefusal && (code === undefined || e.code === code);
}

export function ledgerFailure(code: LedgerFailureCode, message: string, cause?: unknown): ElcError {
  return new ElcError(code, message, cause === undefined ? undefined : { cause });
}

/** The error of a failed transaction: a refusal when the message is the chaincode's JSON, else a failure. */
export function errorFromChaincodeMessage(message: string, fn: string): ElcError {
  const json = parseLedgerErrorMessage(message);
  if (json !== undefined) return new LedgerRefusal(json);
  return ledgerFailure('LEDGER_TX_FAILED', `${fn} failed on the ledger: ${message}`);
}
