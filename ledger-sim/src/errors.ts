/**
 * What the simulated peer throws. A proposal the chaincode answers with an error status is a
 * ChaincodeError carrying that status and the chaincode's message as it returned it (ours: its
 * JSON refusal), as a peer's endorsement error carries it; the caller decides what it means.
 * The sim's own failures are ElcErrors with the LedgerPort's failure codes, so that the embedded
 * adapter passes them on unchanged.
 */
import { ElcError } from '@elc/core';
import { parseLedgerErrorMessage } from '@elc/chaincode/domain';

export class ChaincodeError extends Error {
  constructor(
    /** the chaincode function called */
    readonly fn: string,
    /** the shim's response status, >= 400 */
    readonly status: number,
    readonly chaincodeMessage: string,
  ) {
    super(`${fn} failed in the chaincode (status ${status}): ${chaincodeMessage}`);
    this.name = 'ChaincodeError';
  }
}

/** The code of the chaincode's JSON refusal in `e`, if `e` is one. */
export function refusalCode(e: unknown): string | undefined {
  return e instanceof ChaincodeError ? parseLedgerErrorMessage(e.chaincodeMessage)?.code : undefined;
}

export type SimFailureCode = 'LEDGER_CLOSED' | 'LEDGER_CORRUPT';

export function simFailure(code: SimFailureCode, message: string): ElcError {
  return new ElcError(code, message);
}
