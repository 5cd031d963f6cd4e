/**
 * One call to open the log of a data dir: the LevelDB store in `<dataDir>/log`, the log key in
 * `<dataDir>/log.skey` (created on first start), and the service over them.
 */
import { join } from 'node:path';
import { loadOrCreateLogKey } from './keys.js';
import { openLevelStore } from './level-store.js';
import { createLogService } from './log-service.js';
import type { LogService, LogServiceOptions } from './types.js';

export const LOG_STORE_DIR = 'log';

export interface OpenLogOptions extends Omit<LogServiceOptions, 'store' | 'signer' | 'verifierKey'> {
  readonly dataDir: string;
}

export async function openLogService(options: OpenLogOptions): Promise<LogService> {
  const key = await loadOrCreateLogKey(options.dataDir, options.origin);
  const store = await openLevelStore(join(options.dataDir, LOG_STORE_DIR));
  try {
    return await createLogService({ ...options, store, signer: key.signer, verifierKey: key.vkey });
  } catch (e) {
    await store.close();
    throw e;
  }
}
