// RFC 3161 tokens for anchored checkpoints (issue 5): the TSA source, the durable token store and
// the background timestamper with its backlog.
export { openTsaSource, rootsPem, type TsaSource, type TsaSourceOptions } from './tsa-source.js';
export { openTokenStore, TIMESTAMP_STORE_DIR, type TokenStore, type StoredToken, type PendingCheckpoint } from './token-store.js';
export { createTimestamper, TIMESTAMP_RETRY_INITIAL_MS, TIMESTAMP_RETRY_MAX_MS, type Timestamper, type TimestampBacklog } from './timestamper.js';
export { registerTimestampMetrics } from './metrics.js';
