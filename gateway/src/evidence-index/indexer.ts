/**
 * Keeps the evidence index (index-store.ts) up with the log. The log handed to the routes is
 * wrapped: after an append is acknowledged the wrapper remembers each new entry's leaf and the
 * org of its append id (`<org>/<event id>`, features/ingest/policy.ts) and starts a catch-up.
 * A catch-up indexes every entry from the indexed size to the log's size in order, reading from
 * the log any entry it has no note of (after a restart, or for a rebuild from an empty index), so
 * the index is always the index of a prefix of the log. Queries catch up first.
 */
import { fromUtf8 } from '@elc/core';
import { Pushback, type LogService } from '../log/index.js';
import type { EvidenceIndexStore, IndexedEntry } from './store.js';

/**
 * Entries indexed per synced LevelDB batch, at most. Each batch waits for a region read and a
 * sync write, so with 256 the index fell behind a 20,000 events/s ingest (110,080 entries behind
 * after a 300,000-entry benchmark fill, caught up later on the event loop); with 2048 it kept up
 * (one group commit behind), each batch holding the event loop a few milliseconds.
 */
export const CATCH_UP_BATCH = 2048;
/**
 * Entries the index may fall behind the log before appends are pushed back (503 + Retry-After):
 * the notes of unindexed entries are held in memory (~30 MB at this bound), so a stalled index
 * store must not let them grow without bound.
 */
export const MAX_INDEX_LAG = 65_536;

export interface EvidenceIndexer {
  /** The log with appends noted for the index (the same service otherwise). */
  readonly log: LogService;
  /** Indexes everything the log has acknowledged so far. */
  catchUp(): Promise<void>;
  /** Entries indexed so far (a prefix of the log), as of the last catch-up step. */
  indexedSize(): number;
  readonly store: EvidenceIndexStore;
  /** Lets the catch-up in progress finish and starts no more (before the store closes). */
  close(): Promise<void>;
}

function orgOf(appendId: string): string | undefined {
  const slash = appendId.indexOf('/');
  return slash > 0 ? appendId.slice(0, slash) : undefined;
}

/**
 * The index fields of a leaf. Every leaf in the log was validated in full (core's encodeLeaf)
 * before it was appended, so this only picks the fields out of the canonical JSON: a full
 * re-validation here cost the event loop ~25 us an entry, more than the rest of ingest together.
 * Anything that is not a v1 evidence event shape is left out of the index.
 */
export function entryOf(index: number, leaf: Uint8Array, org: string | undefined): IndexedEntry | undefined {
  let event: unknown;
  try {
    event = JSON.parse(fromUtf8(leaf));
  } catch {
    return undefined; // not JSON: not an evidence event
  }
  if (typeof event !== 'object' || event === null) return undefined;
  const { v, employer, contractId, region, docHash } = event as Record<string, unknown>;
  if (v !== 1 || typeof employer !== 'string' || typeof contractId !== 'string' || typeof region !== 'string') return undefined;
  if (docHash !== undefined && typeof docHash !== 'string') return undefined;
  return { index, employer, contractId, region, docHash, org };
}

export function createEvidenceIndexer(
  log: LogService,
  store: EvidenceIndexStore,
  onError: (e: unknown) => void = () => undefined,
  maxLag: number = MAX_INDEX_LAG,
): EvidenceIndexer {
  const notes = new Map<number, { leaf: Uint8Array; org: string | undefined }>();
  let chain: Promise<void> = Promise.resolve();
  let indexed = 0;

  async function step(): Promise<void> {
    // Let the other callers acknowledged by the same group commit note their entries first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const target = log.stats().size;
    let from = await store.indexedSize();
    indexed = from;
    while (from < target) {
      const end = Math.min(target, from + CATCH_UP_BATCH);
      const entries: (IndexedEntry | undefined)[] = [];
      for (let i = from; i < end; i++) {
        const note = notes.get(i);
        const leaf = note?.leaf ?? (await log.entry(i)).leaf;
        entries.push(entryOf(i, leaf, note?.org));
      }
      await store.add(from, entries);
      for (let i = from; i < end; i++) notes.delete(i);
      from = end;
      indexed = end;
    }
  }

  /** A catch-up not started yet: later callers join it (it reads the log's size when it starts). */
  let queued: Promise<void> | undefined;
  let closed = false;

  function catchUp(): Promise<void> {
    if (closed) return Promise.resolve();
    if (queued !== undefined) return queued;
    const run = chain.then(() => {
      queued = undefined;
      return step();
    });
    queued = run;
    chain = run.catch(() => undefined);
    return run;
  }

  const wrapped: LogService = {
    origin: log.origin,
    hashAlg: log.hashAlg,
    verifierKey: log.verifierKey,
    async append(entries) {
      if (log.stats().size - indexed > maxLag) throw new Pushback('the evidence index is behind the log');
      const receipts = await log.append(entries);
      receipts.forEach((r, i) => {
        const leaf = entries[i]?.leaf;
        if (leaf !== undefined && r.index >= indexed) notes.set(r.index, { leaf, org: orgOf(r.id) });
      });
      catchUp().catch(onError);
      return receipts;
    },
    waitForCheckpoint: (size, options) => log.waitForCheckpoint(size, options),
    latestCheckpoint: () => log.latestCheckpoint(),
    entry: (index) => log.entry(index),
    inclusionProof: (index, size) => log.inclusionProof(index, size),
    consistencyProof: (from, to) => log.consistencyProof(from, to),
    readTile: (level, index, width) => log.readTile(level, index, width),
    readEntryBundle: (index, width) => log.readEntryBundle(index, width),
    stats: () => log.stats(),
    close: () => log.close(),
  };
  return {
    log: wrapped,
    catchUp,
    indexedSize: () => indexed,
    store,
    async close() {
      closed = true;
      await chain;
    },
  };
}
