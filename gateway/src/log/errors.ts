/**
 * The log engine's error codes. Every failure is an ElcError with one of these codes; the HTTP
 * error mapper maps the code (never the message) to a status, see LOG_ERROR_HTTP_STATUS and
 * docs/log-engine.md.
 */
import { ElcError } from '@elc/core';

export const LOG_ERROR_HTTP_STATUS = {
  /** the write queue is full: retry after `retryAfterSeconds` (503 + Retry-After) */
  LOG_PUSHBACK: 503,
  /** this id was appended before with a different leaf */
  LOG_ID_CONFLICT: 409,
  /** id empty, too long, or not a string */
  LOG_ID_INVALID: 400,
  /** leaf empty, too large for an entry bundle (> 65535 bytes), or not bytes */
  LOG_ENTRY_INVALID: 400,
  /** one append call carries more entries than the queue can ever hold */
  LOG_APPEND_TOO_LARGE: 413,
  /** index >= size (entries), or index >= size (inclusion proof) */
  LOG_INDEX_OUT_OF_RANGE: 404,
  /** a proof size beyond the latest checkpoint: the client must fetch a newer checkpoint first */
  LOG_SIZE_BEYOND_CHECKPOINT: 400,
  /** waiting for a checkpoint of a size the log has not reached */
  LOG_SIZE_BEYOND_LOG: 400,
  /** sizes out of order or not integers (from > to, from = 0, negative, unsafe) */
  LOG_BAD_RANGE: 400,
  /** a tile or entry bundle (at that width) that does not exist yet, or a malformed tile address */
  LOG_TILE_NOT_FOUND: 404,
  /** waitForCheckpoint aborted by its signal */
  LOG_WAIT_ABORTED: 503,
  /** the service is closing or closed */
  LOG_CLOSED: 503,
  /** a durable write failed: the service stops taking writes (restart to recover) */
  LOG_STORE_FAILED: 500,
  /** stored state contradicts itself or the write (a bug or a damaged store) */
  LOG_STORE_CORRUPT: 500,
  /** the store was created for another origin or hash algorithm */
  LOG_CONFIG_MISMATCH: 500,
  /** a receipt that is malformed or whose signature does not verify (verifyReceipt) */
  LOG_RECEIPT_INVALID: 400,
  /** a limit in LogServiceOptions.limits that is not a positive integer (0 allowed for tileCacheSize) */
  LOG_LIMIT_INVALID: 500,
  /** the log key files are unreadable or name another origin */
  LOG_KEY_INVALID: 500,
} as const;

export type LogErrorCode = keyof typeof LOG_ERROR_HTTP_STATUS;

export function logError(code: LogErrorCode, message: string, options?: { field?: string; cause?: unknown }): ElcError {
  return new ElcError(code, message, options);
}

/** Seconds a client should wait before retrying after LOG_PUSHBACK. */
export const PUSHBACK_RETRY_AFTER_SECONDS = 1;

/** Overload: the bounded write queue is full. HTTP maps it to 503 with Retry-After. */
export class Pushback extends ElcError {
  readonly retryAfterSeconds: number;

  constructor(message = 'log write queue is full', retryAfterSeconds = PUSHBACK_RETRY_AFTER_SECONDS) {
    super('LOG_PUSHBACK', message);
    this.name = 'Pushback';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
