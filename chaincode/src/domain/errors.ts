/**
 * Every refusal of the chaincode is a LedgerError with a stable `code` from this closed list.
 * The contract layer throws it as an Error whose message is the JSON of `toJSON()`, so a
 * client (the gateway) maps it without parsing prose. See docs/chaincode.md.
 */
export const LEDGER_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'ACCESS_DENIED',
  'REGION_DENIED',
  'LOG_EXISTS',
  'LOG_UNKNOWN',
  'HASH_ALG_MISMATCH',
  'KEY_UNCHANGED',
  'CHECKPOINT_MALFORMED',
  'CHECKPOINT_BAD_SIGNATURE',
  'CHECKPOINT_ORIGIN_MISMATCH',
  'ANCHOR_FORK_SAME_SIZE',
  'ANCHOR_INCONSISTENT',
  'ANCHOR_SHRINKS',
  'ANCHOR_UNKNOWN',
  'CONTRACT_EXISTS',
  'CONTRACT_UNKNOWN',
  'CONTRACT_ENDED',
  'DATE_BEFORE_START',
  'END_BEFORE_START',
  'BATCH_EMPTY',
  'BATCH_TOO_LARGE',
  'LEDGER_NOT_BOOTSTRAPPED',
  'ALREADY_BOOTSTRAPPED',
  'ORG_UNKNOWN',
  'ORG_EXISTS',
  'ORG_SELF_LOCKOUT',
  'ROLE_NOT_ALLOWED_FOR_ORG',
  'REGION_OUTSIDE_ORG',
  'MANDATE_UNKNOWN',
] as const;

export type LedgerErrorCode = (typeof LEDGER_ERROR_CODES)[number];

export interface LedgerErrorJson {
  code: LedgerErrorCode;
  message: string;
  field?: string;
  index?: number;
}

export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  readonly field: string | undefined;
  /** Position of the offending item in a batch. */
  readonly index: number | undefined;

  constructor(code: LedgerErrorCode, message: string, options?: { field?: string; index?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LedgerError';
    this.code = code;
    this.field = options?.field;
    this.index = options?.index;
  }

  /** The same error, located at item `index` of a batch. */
  at(index: number): LedgerError {
    return new LedgerError(this.code, this.message, { index, cause: this, ...(this.field === undefined ? {} : { field: this.field }) });
  }

  toJSON(): LedgerErrorJson {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.index === undefined ? {} : { index: this.index }),
    };
  }
}

export function isLedgerError(e: unknown, code?: LedgerErrorCode): e is LedgerError {
  return e instanceof LedgerError && (code === undefined || e.code === code);
}

/** Parses the JSON message a refused transaction carries; undefined for any other message. */
export function parseLedgerErrorMessage(message: string): LedgerErrorJson | undefined {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v['code'] !== 'string' || !(LEDGER_ERROR_CODES as readonly string[]).includes(v['code'])) return undefined;
  if (typeof v['message'] !== 'string') return undefined;
  return {
    code: v['code'] as LedgerErrorCode,
    message: v['message'],
    ...(typeof v['field'] === 'string' ? { field: v['field'] } : {}),
    ...(typeof v['index'] === 'number' ? { index: v['index'] } : {}),
  };
}
