/**
 * What a log checks and loads when it starts: the store belongs to this log, the latest checkpoint
 * is a prefix of the stored tree, and the right-edge tiles integration will extend. A handful of
 * reads: a start never reads the entries or re-hashes the log.
 */
import { equalBytes } from '@elc/core';
import { logError } from './errors.js';
import { edgeTileIds } from './sequencer.js';
import type { LogStore, StoredTile } from './store.js';
import { tileValueWidth } from './tile-nodes.js';
import type { SignedCheckpoint } from './types.js';

/** A store belongs to one log: refuse to reopen it under another origin or hash algorithm. */
export async function checkConfig(store: LogStore, origin: string, hashAlg: string): Promise<void> {
  const stored = await store.readConfig();
  if (stored === undefined) {
    await store.writeConfig({ origin, hashAlg });
  } else if (stored.origin !== origin || stored.hashAlg !== hashAlg) {
    throw logError('LOG_CONFIG_MISMATCH', `the store holds log "${stored.origin}" (${stored.hashAlg}), not "${origin}" (${hashAlg})`);
  }
}

/** The latest stored checkpoint must describe a prefix of the stored tree: checked at every start. */
export async function checkStoredCheckpoint(
  store: LogStore,
  storedSize: number,
  rootAt: (size: number) => Promise<Uint8Array>,
): Promise<SignedCheckpoint | undefined> {
  const latest = await store.latestCheckpoint();
  if (latest === undefined) return undefined;
  if (latest.size > storedSize) throw logError('LOG_STORE_CORRUPT', `checkpoint size ${latest.size} is beyond the stored tree (${storedSize})`);
  if (!equalBytes(await rootAt(latest.size), latest.rootHash)) {
    throw logError('LOG_STORE_CORRUPT', `the stored tree does not match checkpoint ${latest.size}`);
  }
  return latest;
}

/** The stored partial tiles the next integration extends (a handful of reads, not the log). */
export async function readEdgeTiles(store: LogStore, size: number): Promise<StoredTile[]> {
  const ids = edgeTileIds(size);
  const values = await store.getTiles(ids);
  return ids.map((t, i) => {
    const nodes = values[i];
    if (nodes === undefined || tileValueWidth(nodes) !== t.width) {
      throw logError('LOG_STORE_CORRUPT', `edge tile ${t.level}/${t.index} is missing or not ${t.width} wide`);
    }
    return { level: t.level, index: t.index, nodes };
  });
}
