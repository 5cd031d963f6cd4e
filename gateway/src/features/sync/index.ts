// Forwarding accepted Shandong records to an upstream (provincial) gateway through a durable outbox.
export { createForwarder, disabledStatus, forwardRequest, nextBatch, FORWARD_BATCH_MAX, type Forwarder, type ForwarderOptions, type SyncStatus } from './forwarder.js';
export { syncRoutes } from './routes.js';
export { registerSyncMetrics } from './metrics.js';
export { readPrivateJwk, upstreamTokenMinter, UPSTREAM_TOKEN_TTL_SECONDS, type UpstreamMinter } from './upstream-token.js';
