// The Fabric ledger adapter: the LedgerPort over @hyperledger/fabric-gateway.
export { openFabricLedger, type OpenFabricLedgerOptions } from './open.js';
export { createFabricLedger, DEFAULT_MAX_MVCC_ATTEMPTS, type FabricLedger, type FabricLedgerOptions, type FabricLedgerStats, type FabricSubmitResult } from './fabric-ledger.js';
export { openFabricConnection, loadIdentity, newPeerClient, DEFAULT_FABRIC_DEADLINES, type FabricSettings, type FabricDeadlines, type FabricConnection } from './connection.js';
export { mapFabricError, refusalInMessage, MVCC_READ_CONFLICT } from './fabric-errors.js';
