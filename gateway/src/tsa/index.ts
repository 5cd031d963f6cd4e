// Trusted timestamps for checkpoints: the RFC 3161 client and the LOCAL development TSA.
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
} from './http.js';
export { requestTimestamp, DEFAULT_TSA_TIMEOUT_MS, type RequestTimestampOptions, type TimestampResult } from './client.js';
