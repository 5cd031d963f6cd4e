/** Invariant checks every LogStore makes before it writes, so both stores refuse the same things. */
import { equalBytes } from '@elc/core';
import { logError } from './errors.js';
import type { LogWrite } from './store.js';
import type { SignedCheckpoint } from './types.js';

/** A group commit must start at the stored size and describe itself consistently. */
export function checkWrite(storedSize: number, write: LogWrite): void {
  if (write.fromSize !== storedSize) {
    throw logError('LOG_STORE_CORRUPT', `write from size ${write.fromSize} but the store is at ${storedSize}`);
  }
  if (write.state.size !== write.fromSize + write.leaves.length) {
    throw logError('LOG_STORE_CORRUPT', `state size ${write.state.size} != ${write.fromSize} + ${write.leaves.length} leaves`);
  }
  if (write.receipts.length !== write.leaves.length) {
    throw logError('LOG_STORE_CORRUPT', `${write.receipts.length} receipts for ${write.leaves.length} leaves`);
  }
  write.receipts.forEach((r, i) => {
    if (r.index !== write.fromSize + i) {
      throw logError('LOG_STORE_CORRUPT', `receipt ${i} has index ${r.index}, expected ${write.fromSize + i}`);
    }
  });
}

/**
 * Checkpoints only grow. Storing the same checkpoint size again is allowed when it has the same
 * root (a retried write) and then changes nothing; another root at the same size is a fork.
 */
export function checkCheckpointOrder(latest: SignedCheckpoint | undefined, next: SignedCheckpoint): void {
  if (latest === undefined) return;
  if (next.size < latest.size) {
    throw logError('LOG_STORE_CORRUPT', `checkpoint size ${next.size} is below the latest ${latest.size}`);
  }
  if (next.size === latest.size && !equalBytes(next.rootHash, latest.rootHash)) {
    throw logError('LOG_STORE_CORRUPT', `a different root for checkpoint size ${next.size}`);
  }
}
