// The log engine: durable, append-only, tiled, checkpointed. The HTTP side uses only these.
export type * from './types.js';
export type { LogStore, LogConfig, LogWrite, TreeState, NodeId, TileId, StoredTile } from './store.js';
export { LOG_ERROR_HTTP_STATUS, Pushback, PUSHBACK_RETRY_AFTER_SECONDS, type LogErrorCode } from './errors.js';
export { createLogService } from './log-service.js';
export { openLogService, LOG_STORE_DIR, type OpenLogOptions } from './open.js';
export { openLevelStore } from './level-store.js';
export { createMemoryStore, type MemoryLogStore } from './memory-store.js';
export { loadOrCreateLogKey, LOG_SKEY_FILE, LOG_VKEY_FILE, type LogKey } from './keys.js';
export { BATCH_MAX_SIZE, BATCH_MAX_AGE_MS, BATCH_MAX_PENDING, type Timers } from './batcher.js';
export { CHECKPOINT_INTERVAL_MS } from './checkpointer.js';
export { createSizeWaiters, type SizeWaiters } from './size-waiters.js';
export { TILE_CACHE_SIZE } from './tile-cache.js';
export { MAX_ID_LENGTH } from './validate.js';
