// fabric-shim and fabric-contract-api log every transaction and every refusal at info/error
// level through winston; the simulated peer reports refusals as typed errors instead, so the
// libraries' loggers only speak for fatal problems unless the operator sets the level.
//
// No import order to keep: each library reads CORE_CHAINCODE_LOGGING_LEVEL when it makes a
// logger, and its setLevel re-levels the loggers made before this module ran (by whoever loaded
// fabric-shim or @elc/chaincode first). Messages printed before then (fabric-contract-api's, as
// the contract's decorators run) are not taken back. ledger-sim/test/quiet-logs.test.ts checks it.
import { createRequire } from 'node:module';

interface FabricLoggerModule {
  setLevel(level: string): void;
}

const LEVEL = 'CORE_CHAINCODE_LOGGING_LEVEL';
const level = (process.env[LEVEL] ??= 'CRITICAL');
const requireHere = createRequire(import.meta.url);
for (const library of ['fabric-shim', 'fabric-contract-api']) {
  const loggers = createRequire(requireHere.resolve(library))('./lib/logger.js') as FabricLoggerModule;
  loggers.setLevel(level);
}
// setLevel stores winston's name of the level ('fatal'), which the libraries read back as 'info'.
process.env[LEVEL] = level;

export {};
