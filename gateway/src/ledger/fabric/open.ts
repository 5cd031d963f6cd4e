/**
 * One call to open the Fabric ledger adapter from the ELC_FABRIC_* settings (docs/fabric.md):
 * identity and signer from the files, one TLS gRPC connection to the org's peer, the adapter.
 * The network's deploy step bootstraps the chaincode's org registry; the adapter does not.
 */
import type { FabricDeadlines, FabricSettings } from './connection.js';
import { DEFAULT_FABRIC_DEADLINES, openFabricConnection } from './connection.js';
import { createFabricLedger } from './fabric-ledger.js';
import type { FabricLedger, FabricLedgerOptions } from './fabric-ledger.js';

export interface OpenFabricLedgerOptions extends FabricSettings, Partial<Pick<FabricLedgerOptions, 'maxMvccAttempts' | 'reconnectInitialMs' | 'reconnectMaxMs'>> {
  readonly deadlines?: FabricDeadlines;
}

export async function openFabricLedger(options: OpenFabricLedgerOptions): Promise<FabricLedger> {
  const connection = await openFabricConnection(options, options.deadlines ?? DEFAULT_FABRIC_DEADLINES);
  return createFabricLedger({
    gateway: connection.gateway,
    mspId: connection.mspId,
    channel: options.channel,
    chaincode: options.chaincode,
    ...(options.maxMvccAttempts === undefined ? {} : { maxMvccAttempts: options.maxMvccAttempts }),
    ...(options.reconnectInitialMs === undefined ? {} : { reconnectInitialMs: options.reconnectInitialMs }),
    ...(options.reconnectMaxMs === undefined ? {} : { reconnectMaxMs: options.reconnectMaxMs }),
    onClose: () => connection.close(),
  });
}
