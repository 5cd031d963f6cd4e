/**
 * Every error that core throws is an ElcError with a stable, machine-readable `code`
 * (tests and HTTP mapping use the code, never the message) and an optional `field`
 * naming the input at fault.
 */
export class ElcError extends Error {
  readonly code: string;
  readonly field: string | undefined;

  constructor(code: string, message: string, options?: { field?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ElcError';
    this.code = code;
    this.field = options?.field;
  }
}

export function isElcError(e: unknown, code?: string): e is ElcError {
  return e instanceof ElcError && (code === undefined || e.code === code);
}
