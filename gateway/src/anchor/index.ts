// The anchorer: checkpoints of the log onto the ledger, with its backlog for /metrics, and the wait for an anchor covering a size.
export { createAnchorer, ANCHOR_POLL_INTERVAL_MS, ANCHOR_RETRY_INITIAL_MS, ANCHOR_RETRY_MAX_MS } from './anchorer.js';
export type { Anchorer, AnchorerOptions, AnchorSource, AnchorBacklog, AnchorTimers, WaitForAnchorOptions } from './anchorer.js';
export { registerAnchorerMetrics } from './metrics.js';
export { anchorCovering, type AnchorCovering } from './covering.js';
