/**
 * The durable evidence log. Writes: validate -> batcher (group commit, bounded) ->
 * sequencer (indices, receipts, integration, one sync write) -> checkpointer. Reads go straight to
 * the store through the node cache and never wait for the write path.
 */
import { createLogHasher, isElcError, toBase64, type LogHasher } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { TILE_WIDTH } from '@elc/core/tiles';
import { createBatcher, realTimers } from './batcher.js';
import { createCheckpointer } from './checkpointer.js';
import { logError } from './errors.js';
import { createTileCache } from './tile-cache.js';
import { tileValueWidth } from './tile-nodes.js';
import { createLogReader } from './reader.js';
import { checkConfig, checkStoredCheckpoint, readEdgeTiles } from './log-startup.js';
import { createSequencer, prepareEntry, type PreparedEntry } from './sequencer.js';
import { tileWidth } from './tiles.js';
import type { AppendEntry, LogService, LogServiceOptions, Receipt, SignedCheckpoint } from './types.js';
import { checkAppendEntries, checkCount, checkLimits } from './validate.js';

export async function createLogService(options: LogServiceOptions): Promise<LogService> {
  const { store, origin, signer } = options;
  const limits = options.limits ?? {};
  checkLimits(limits);
  const clock = options.clock ?? Date.now;
  const timers = options.timers ?? realTimers;
  const hasher = createLogHasher(options.hashProvider ?? nativeHashProvider(options.hashAlg));
  await checkConfig(store, origin, options.hashAlg);

  const cache = createTileCache(limits.tileCacheSize);
  const initialState = await store.readState();
  const initialEdge = await readEdgeTiles(store, initialState.size);
  // Until the sequencer exists (the start-up checks below), the edge tiles are the stored ones.
  let edgeTile = (level: number, index: number): Uint8Array | undefined => initialEdge.find((t) => t.level === level && t.index === index)?.nodes;
  const reader = createLogReader(store, hasher, cache, (level, index) => edgeTile(level, index));
  const initialCheckpoint = await checkStoredCheckpoint(store, initialState.size, (n) => reader.rootAt(n));
  const sequencer = createSequencer({
    store,
    hasher,
    signer,
    origin,
    clock,
    initial: initialState,
    initialEdge,
    onCommit: (_committed, tiles) => {
      for (const t of tiles) if (tileValueWidth(t.nodes) === TILE_WIDTH) cache.set(t.level, t.index, t.nodes);
      checkpointer.notify();
    },
  });
  edgeTile = (level, index) => sequencer.edgeTile(level, index);
  const checkpointer = createCheckpointer({
    store,
    origin,
    signer,
    clock,
    timers,
    intervalMs: limits.checkpointIntervalMs,
    committed: () => sequencer.committed(),
    initial: initialCheckpoint,
    onError: options.onError,
  });
  const batcher = createBatcher<readonly PreparedEntry[], Receipt[]>({
    flush: (groups) => sequencer.flush(groups),
    weight: (group) => group.length,
    maxSize: limits.batchMaxSize,
    maxAgeMs: limits.batchMaxAgeMs,
    maxPending: limits.maxPending,
    // The sequencer orders commits itself; a second flush looks its ids up during the first's write.
    concurrency: 2,
    timers,
  });
  // The first start (or a crash between a write and its checkpoint) leaves no checkpoint of the
  // stored tree: publish one now, so latestCheckpoint() always has an answer.
  await checkpointer.publish();

  let closing: Promise<void> | undefined;
  let closed = false;
  /** Reads work while closing (until the store closes); after that they fail with a stable code. */
  const open = (): void => {
    if (closed) throw logError('LOG_CLOSED', 'the log is closed');
  };
  const startSize = sequencer.committed().size;
  let pushbackTotal = 0;

  const size = (): number => sequencer.committed().size;
  const checkpoint = (): SignedCheckpoint => {
    const c = checkpointer.latest();
    if (c === undefined) throw logError('LOG_STORE_CORRUPT', 'no checkpoint');
    return c;
  };
  const beyondCheckpoint = (n: number, field: string): Error =>
    logError('LOG_SIZE_BEYOND_CHECKPOINT', `${field} ${n} is beyond the latest checkpoint (${checkpoint().size})`, { field });

  async function append(entries: readonly AppendEntry[]): Promise<Receipt[]> {
    if (closing !== undefined) throw logError('LOG_CLOSED', 'the log is closing');
    if (sequencer.failure !== undefined) throw sequencer.failure;
    checkAppendEntries(entries);
    if (entries.length === 0) return [];
    // Ids seen before are answered by the sequencer, under the write order (one store read per
    // batch there; a read here too would double the cost of every fresh batch).
    const prepared = prepareAll(hasher, entries);
    try {
      return await batcher.add(prepared);
    } catch (e) {
      if (isElcError(e, 'LOG_PUSHBACK')) pushbackTotal++;
      throw e;
    }
  }

  return {
    origin,
    hashAlg: options.hashAlg,
    verifierKey: options.verifierKey,
    append,
    waitForCheckpoint(n, opts) {
      checkCount(n, 'size');
      if (n > size()) return Promise.reject(logError('LOG_SIZE_BEYOND_LOG', `size ${n} is beyond the log (${size()})`, { field: 'size' }));
      return checkpointer.waitFor(n, opts?.signal);
    },
    latestCheckpoint: () =>
      new Promise<SignedCheckpoint>((resolve) => {
        open();
        resolve(checkpoint());
      }),
    async entry(index) {
      open();
      checkCount(index, 'index');
      if (index >= size()) throw logError('LOG_INDEX_OUT_OF_RANGE', `index ${index} is beyond the log (${size()})`, { field: 'index' });
      return reader.entry(index);
    },
    async inclusionProof(index, n) {
      open();
      checkCount(index, 'index');
      checkCount(n, 'size');
      if (n > checkpoint().size) throw beyondCheckpoint(n, 'size');
      if (index >= n) throw logError('LOG_INDEX_OUT_OF_RANGE', `index ${index} is not below size ${n}`, { field: 'index' });
      return reader.inclusionProof(index, n);
    },
    async consistencyProof(from, to) {
      open();
      checkCount(from, 'from');
      checkCount(to, 'to');
      if (to > checkpoint().size) throw beyondCheckpoint(to, 'to');
      if (from < 1 || from > to) throw logError('LOG_BAD_RANGE', `need 1 <= from <= to (from ${from}, to ${to})`, { field: 'from' });
      return reader.consistencyProof(from, to);
    },
    async readTile(level, index, width) {
      open();
      return reader.readTile(level, index, tileWidth(level, index, width, size()));
    },
    async readEntryBundle(index, width) {
      open();
      return reader.readEntryBundle(index, tileWidth(0, index, width, size()));
    },
    stats() {
      const c = checkpointer.latest();
      return {
        size: size(),
        integratedSize: size(),
        pending: batcher.pending,
        maxPending: batcher.maxPending,
        checkpointSize: c?.size ?? 0,
        checkpointTime: c?.time,
        appendedTotal: size() - startSize,
        duplicateTotal: sequencer.duplicates,
        batchesTotal: sequencer.batches,
        pushbackTotal,
      };
    },
    close() {
      closing ??= (async () => {
        await batcher.close();
        try {
          if (sequencer.failure === undefined) await checkpointer.publish();
        } finally {
          checkpointer.close();
          closed = true;
          await store.close();
        }
      })();
      return closing;
    },
  };
}

/** An entry whose leaf hash the caller computed (checkAppendEntries checked its length). */
function withLeafHash(id: string, leaf: Uint8Array, leafHashBytes: Uint8Array): PreparedEntry {
  return { id, leaf, leafHash: toBase64(leafHashBytes), leafHashBytes };
}

/** Leaf hashes for a call; the same id twice in one call must carry the same leaf. */
function prepareAll(hasher: LogHasher, entries: readonly AppendEntry[]): PreparedEntry[] {
  const seen = new Map<string, string>();
  return entries.map((e, i) => {
    // Copy the leaf (and hash): the caller may reuse its buffers while the entry waits in the queue.
    const p = e.leafHash === undefined ? prepareEntry(hasher, e.id, new Uint8Array(e.leaf)) : withLeafHash(e.id, new Uint8Array(e.leaf), new Uint8Array(e.leafHash));
    const prior = seen.get(e.id);
    if (prior !== undefined && prior !== p.leafHash) {
      throw logError('LOG_ID_CONFLICT', `id "${e.id}" appears twice in this call with different leaves`, { field: `entries.${i}.id` });
    }
    seen.set(e.id, p.leafHash);
    return p;
  });
}
