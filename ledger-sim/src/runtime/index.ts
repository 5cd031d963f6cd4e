// The in-process chaincode runtime (the simulated peer runs the chaincode with it; the chaincode's
// tests and the Fabric test double run it over in-memory world states): signed proposals, the real
// fabric-contract-api router and ChaincodeStub, and a transaction simulator over an async world state.
export { buildProposal, openSignedProposal, computeTxId, serializedIdentity, NONCE_LENGTH } from './proposal.js';
export type { SigningIdentity, ProposalInput, BuiltProposal, OpenedProposal } from './proposal.js';
export { createChaincodeRuntime, ChaincodeFromContract, ChaincodeStub, JSON_SERIALIZERS, SHIM_ERROR_THRESHOLD } from './router.js';
export type { ChaincodeRuntime, ChaincodeRuntimeOptions, Execution, RouterInstance, RouterClass, StubClass, ShimResponse } from './router.js';
export { TxSimulator, emptyQueryResponse } from './tx-simulator.js';
export type { RangeRead } from './tx-simulator.js';
export { SimulatorHandler } from './handler.js';
export type { WorldStateReader, Version, VersionedValue, StateRow, HistoryRecord } from './world-state.js';
