// The embedded log of a gateway config: the log engine's LevelDB store and key in ELC_DATA_DIR.
import type { GatewayConfig } from '../config.js';
import { openLogService, type LogService } from '../log/index.js';

export function openLogForConfig(config: GatewayConfig): Promise<LogService> {
  return openLogService({
    dataDir: config.dataDir,
    origin: config.origin,
    hashAlg: config.hash,
    limits: {
      batchMaxSize: config.batchMaxSize,
      batchMaxAgeMs: config.batchMaxAgeMs,
      checkpointIntervalMs: config.checkpointIntervalMs,
      tileCacheSize: config.tileCacheTiles,
    },
  });
}
