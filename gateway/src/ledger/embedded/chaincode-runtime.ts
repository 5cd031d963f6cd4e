// The in-process chaincode runtime (signed proposals, the real fabric-contract-api router and
// ChaincodeStub, the transaction simulator) lives in @elc/ledger-sim, where the chaincode's
// own tests use it too.
// Import this module before @elc/chaincode: the runtime quiets the shim's loggers before they exist.
export * from '@elc/ledger-sim/runtime';
