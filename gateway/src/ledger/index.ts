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
export { openEmbeddedLedger, LEDGER_DIR, type OpenEmbeddedLedgerOptions, type EmbeddedLedger, type SubmitResult } from './embedded/embedded-ledger.js';
export { DEFAULT_GATEWAY_MSP, DEFAULT_BUREAU_MSP, blockHashOf, dataHashOf, type ChainReport, type ChainProblem, type Block, type BlockHeader, type BlockTx } from '@elc/ledger-sim';
