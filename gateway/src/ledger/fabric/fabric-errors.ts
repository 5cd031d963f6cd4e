/**
 * Errors of @hyperledger/fabric-gateway mapped to the ledger port's errors.
 *
 * A chaincode refusal reaches the client as a GatewayError (Endorse: gRPC ABORTED, Evaluate:
 * UNKNOWN) whose details carry each endorser's message, `chaincode response 500, <message>`
 * (fabric internal/pkg/gateway/api.go responseStatus); our chaincode's message is its JSON
 * `{code, message, field?, index?}`, which becomes the same LedgerRefusal as on the embedded
 * ledger. A detail without that JSON is LEDGER_TX_FAILED; a peer that cannot be reached or
 * answers late is LEDGER_UNAVAILABLE (retry later).
 */
import { status as grpcStatus } from '@grpc/grpc-js';
import { CommitError, GatewayError } from '@hyperledger/fabric-gateway';
import { ElcError } from '@elc/core';
import { parseLedgerErrorMessage } from '@elc/chaincode/domain';
import { LedgerRefusal, ledgerFailure } from '../errors.js';

/** Fabric's TxValidationCode.MVCC_READ_CONFLICT (peer/transaction.proto). */
export const MVCC_READ_CONFLICT = 11;

/** gRPC codes after which the same request may succeed later: the peer is down, busy or slow. */
const UNAVAILABLE_CODES: ReadonlySet<number> = new Set([grpcStatus.UNAVAILABLE, grpcStatus.DEADLINE_EXCEEDED, grpcStatus.RESOURCE_EXHAUSTED, grpcStatus.CANCELLED]);

const CHAINCODE_RESPONSE = /^chaincode response \d+, /;

/** The chaincode's JSON refusal in one endorser's message, if it is one. */
export function refusalInMessage(message: string): LedgerRefusal | undefined {
  const body = message.replace(CHAINCODE_RESPONSE, '');
  const json = parseLedgerErrorMessage(body);
  return json === undefined ? undefined : new LedgerRefusal(json);
}

function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError || (e instanceof Error && typeof (e as Partial<GatewayError>).code === 'number' && Array.isArray((e as Partial<GatewayError>).details));
}

/**
 * The port's error for a failure of `fn`. Messages name the function and the gRPC status, never
 * the arguments (they may hold contract data).
 */
export function mapFabricError(e: unknown, fn: string): ElcError {
  if (e instanceof ElcError) return e;
  if (e instanceof CommitError) return ledgerFailure('LEDGER_TX_FAILED', `${fn} was not committed: validation code ${e.code}`, e);
  if (isGatewayError(e)) {
    // Every endorser runs the same chaincode: the first refusal in the details is the answer.
    for (const d of e.details) {
      const refusal = refusalInMessage(d.message);
      if (refusal !== undefined) return refusal;
    }
    const fromMessage = refusalInMessage(e.message.replace(/^[^:]*: /, ''));
    if (fromMessage !== undefined) return fromMessage;
    if (UNAVAILABLE_CODES.has(e.code)) return ledgerFailure('LEDGER_UNAVAILABLE', `${fn}: the Fabric gateway did not answer (gRPC ${grpcStatus[e.code]})`, e);
    const detail = e.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`).join('; ');
    if (e.details.some((d) => CHAINCODE_RESPONSE.test(d.message))) return ledgerFailure('LEDGER_TX_FAILED', `${fn} failed in the chaincode: ${detail}`, e);
    return ledgerFailure('LEDGER_UNAVAILABLE', `${fn}: the Fabric gateway refused the request (gRPC ${grpcStatus[e.code] ?? e.code}${detail === '' ? '' : `; ${detail}`})`, e);
  }
  return ledgerFailure('LEDGER_UNAVAILABLE', `${fn}: ${e instanceof Error ? e.message : String(e)}`, e);
}
