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
  let log: LogService;
  try {
    log = await createLogService({ ...options, store, signer: key.signer, verifierKey: key.vkey });
  } catch (e) {
    await store.close();
    await key.signer.close?.();
    throw e;
  }
  // This log owns its signer (and the signer's worker thread): release it on close.
  let closing: Promise<void> | undefined;
  return {
    ...log,
    close: () =>
      (closing ??= (async () => {
        try {
          await log.close();
        } finally {
          await key.signer.close?.();
        }
      })()),
  };
}
