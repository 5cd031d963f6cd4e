// @elc/ledger-sim: the embedded ledger as a simulated Fabric peer. openLedgerSim opens the peer
// of a directory (identities, LevelDB world state with history, hash-chained blocks) and runs
// the ELC chaincode in process through fabric-contract-api's real router; what it returns is
// what @hyperledger/fabric-gateway is to the Fabric adapter. The runtime alone (proposals, router,
// simulator) is '@elc/ledger-sim/runtime'.
export { openLedgerSim, DEFAULT_GATEWAY_MSP, DEFAULT_BUREAU_MSP } from './open.js';
export type { OpenLedgerSimOptions } from './open.js';
export type { LedgerSim, SimSubmitResult, SimEvent, SimEventsOptions } from './peer.js';
export { ChaincodeError } from './errors.js';
export type { Block, BlockHeader, BlockTx } from './block.js';
export { blockHashOf, dataHashOf } from './block.js';
export type { ChainReport, ChainProblem } from './chain-store.js';
export { loadOrCreateIdentity } from './identity.js';
export type { IdentityRequest } from './identity.js';
export type { SigningIdentity } from './runtime/index.js';
