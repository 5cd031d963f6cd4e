// The log engine (issue 4): durable, append-only, tiled, checkpointed. The HTTP side uses only these.
export type * from './types.js';
export { LOG_ERROR_HTTP_STATUS, Pushback, PUSHBACK_RETRY_AFTER_SECONDS, type LogErrorCode } from './errors.js';
export type { LogStore, LogConfig, LogWrite, TreeState, NodeId, StoredNode } from './store.js';
