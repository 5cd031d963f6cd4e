// @elc/core/receipt — the log's batch-signed receipts (format.ts describes the wire format): the
// statement and batch message texts, issuing a flush's receipts with the log key, and the pure
// offline verifier signing platforms and `elc verify-receipts` use.
export { RECEIPT_BATCH_HEADER, RECEIPT_HEADER, receiptBatchMessage, receiptStatement, type Receipt, type ReceiptFields } from './format.js';
export { buildBatchTree, type BatchTree } from './batch-tree.js';
export { issueReceipts, type ReceiptSigning } from './issue.js';
export { verifyReceipt } from './verify.js';
