// The in-process chaincode runtime (signed proposals, the real fabric-contract-api router and
// ChaincodeStub, the transaction simulator) lives in chaincode/src/runtime, where the chaincode's
// own tests use it too. @elc/chaincode's package.json does not export "./runtime" yet, so it is
// imported from the built workspace package by path (the build references chaincode, so its dist
// exists first). With `"./runtime"` in its exports this becomes `from '@elc/chaincode/runtime'`.
// Import this module before @elc/chaincode: the runtime quiets the shim's loggers before they exist.
export * from '../../../../chaincode/dist/runtime/index.js';
