// The ledger port and its embedded adapter. The HTTP side and the anchorer use only these.
export type * from './port.js';
export {
  LEDGER_ERROR_HTTP_STATUS,
  LEDGER_REFUSAL_HTTP_STATUS,
  LEDGER_FAILURE_HTTP_STATUS,
  LedgerRefusal,
  isLedgerRefusal,
  type LedgerFailureCode,
} from './errors.js';
export { openEmbeddedLedger, LEDGER_DIR, DEFAULT_GATEWAY_MSP, DEFAULT_BUREAU_MSP, type OpenEmbeddedLedgerOptions } from './embedded/open.js';
export type { EmbeddedLedger, SubmitResult } from './embedded/embedded-ledger.js';
export type { ChainReport, ChainProblem } from './embedded/chain-store.js';
export type { Block, BlockHeader, BlockTx } from './embedded/block.js';
export { blockHashOf, dataHashOf } from './embedded/block.js';
