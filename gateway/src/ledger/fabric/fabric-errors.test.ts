// How GatewayErrors of @hyperledger/fabric-gateway become the ledger port's errors. The shapes
// are those a Fabric 2.5 gateway sends (internal/pkg/gateway/api.go): a chaincode error is
// ABORTED (endorse) or UNKNOWN (evaluate) with one ErrorDetail per endorser.
import { Metadata, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { CommitError, GatewayError } from '@hyperledger/fabric-gateway';
import { ElcError, isElcError } from '@elc/core';
import { describe, expect, it } from 'vitest';
import { isLedgerRefusal } from '../errors.js';
import { mapFabricError, refusalInMessage } from './fabric-errors.js';

function gatewayError(code: number, message: string, details: string[]): GatewayError {
  const cause: ServiceError = Object.assign(new Error(message), { code, details: message, metadata: new Metadata() });
  return new GatewayError({ code, message, cause, details: details.map((m, i) => ({ address: `peer${i}.bureau.elc.test:7051`, mspId: 'BureauMSP', message: m })) });
}

const refusalJson = JSON.stringify({ code: 'CONTRACT_UNKNOWN', message: 'contract HT-9 is not concluded', field: 'contractId', index: 2 });

describe('mapFabricError', () => {
  it('turns the chaincode JSON in an endorser detail into the LedgerRefusal the embedded ledger throws', () => {
    const e = mapFabricError(gatewayError(status.ABORTED, 'failed to endorse transaction, see attached details for more info', [`chaincode response 500, ${refusalJson}`]), 'RecordTransitions');
    expect(isLedgerRefusal(e, 'CONTRACT_UNKNOWN')).toBe(true);
    expect(e).toMatchObject({ code: 'CONTRACT_UNKNOWN', field: 'contractId', index: 2, ledger: true });
  });

  it('finds the refusal in the second endorser detail, or in the message of an evaluate error', () => {
    const two = gatewayError(status.ABORTED, 'failed to collect enough transaction endorsements', ['connection refused', `chaincode response 500, ${refusalJson}`]);
    expect(isLedgerRefusal(mapFabricError(two, 'X'), 'CONTRACT_UNKNOWN')).toBe(true);
    const evaluate = gatewayError(status.UNKNOWN, `evaluate call to endorser returned error: chaincode response 500, ${refusalJson}`, []);
    expect(isLedgerRefusal(mapFabricError(evaluate, 'GetContract'), 'CONTRACT_UNKNOWN')).toBe(true);
  });

  it('a chaincode error without a known code is LEDGER_TX_FAILED, not a refusal', () => {
    const e = mapFabricError(gatewayError(status.ABORTED, 'failed to endorse transaction', ['chaincode response 500, Expected 4 parameters, but 1 have been supplied']), 'RegisterLog');
    expect(isElcError(e, 'LEDGER_TX_FAILED')).toBe(true);
    expect(isLedgerRefusal(e)).toBe(false);
    expect(refusalInMessage('chaincode response 500, {"code":"NOT_A_CODE","message":"x"}')).toBeUndefined();
  });

  it('an unreachable or slow peer is LEDGER_UNAVAILABLE; so is a refusal of the gateway itself', () => {
    for (const code of [status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.PERMISSION_DENIED]) {
      expect(isElcError(mapFabricError(gatewayError(code, 'no', []), 'GetLog'), 'LEDGER_UNAVAILABLE')).toBe(true);
    }
    expect(isElcError(mapFabricError(new Error('socket hang up'), 'GetLog'), 'LEDGER_UNAVAILABLE')).toBe(true);
  });

  it('a commit failure is LEDGER_TX_FAILED; an ElcError passes through', () => {
    expect(isElcError(mapFabricError(new CommitError({ code: 10, transactionId: 'ab' }), 'AnchorCheckpoint'), 'LEDGER_TX_FAILED')).toBe(true);
    const own = new ElcError('LEDGER_CLOSED', 'closed');
    expect(mapFabricError(own, 'X')).toBe(own);
  });
});
