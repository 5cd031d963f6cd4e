// Trusted timestamps (RFC 3161): the checkpoint timestamper, its durable token store, the TSA
// source (an RFC 3161 client, or the LOCAL development TSA kept in the data dir) and its HTTP form.
export { openTsaSource, rootsPem, type TsaSource, type TsaSourceOptions } from './tsa-source.js';
export { openTokenStore, TIMESTAMP_STORE_DIR, type TokenStore, type StoredToken, type PendingCheckpoint } from './token-store.js';
export { createTimestamper, TIMESTAMP_RETRY_INITIAL_MS, TIMESTAMP_RETRY_MAX_MS, type Timestamper, type TimestampBacklog } from './timestamper.js';
export { registerTimestampMetrics } from './metrics.js';
export {
  loadOrCreateLocalTsa,
  DEFAULT_LOCAL_TSA_NAME,
  LOCAL_TSA_POLICY_OID,
  LOCAL_TSA_FILES,
  type LocalTsa,
  type LocalTsaOptions,
} from './local-tsa.js';
export {
  handleTimestampQuery,
  TIMESTAMP_QUERY_CONTENT_TYPE,
  TIMESTAMP_REPLY_CONTENT_TYPE,
  MAX_TIMESTAMP_QUERY_BYTES,
  type TsaHttpResponse,
} from './tsa-http.js';
export { requestTimestamp, DEFAULT_TSA_TIMEOUT_MS, type RequestTimestampOptions, type TimestampResult } from './tsa-client.js';
