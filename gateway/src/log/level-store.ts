/**
 * The LevelDB LogStore (`level` v10, classic-level underneath), key layout in key-codec.ts. One
 * root keyspace with byte prefixes rather than sublevels: a group commit is one chained batch on
 * the root (sublevel puts cost about 2.5x more per key here), written with `sync: true`, so it is
 * atomic and on disk (fsync) before `append` resolves — which is what makes an ack durable.
 */
import { fromBase64, toBase64 } from '@elc/core';
import { Level } from 'level';
import { logError } from './errors.js';
import { checkpointKey, decodeState, encodeState, entryKey, idKey, metaKey, PREFIX, prefixEnd, receiptTableKey, tileKey } from './key-codec.js';
import { decodeReceipt, decodeReceiptTable, encodeReceipts, tableKeyOf } from './receipt-codec.js';
import { checkCheckpointOrder, checkWrite } from './store-checks.js';
import type { LogConfig, LogStore, LogWrite, TileId, TreeState } from './store.js';
import type { SignedCheckpoint } from './types.js';

type Bytes = Uint8Array;
const SYNC = { sync: true } as const;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The record layout this code reads and writes, stored as 'm' "format" (decimal text). Format 2:
 * compact receipt records (receipt-codec.ts). Stores written before the marker existed have none.
 */
export const STORE_FORMAT = 2;

/**
 * LevelDB's memtable size (its default is 4 MB). A larger one turns the same writes into fewer,
 * larger level-0 files and less compaction: 400,000-entry benchmark fills measured 19,950 and
 * 20,228 events/s with the default and 21,834 and 22,454 with 64 MB (alternating runs), the
 * gateway's CPU per event 85/84 -> 75/72 us, the compaction thread's 17 -> 11 us. Costs up to
 * twice this in memory (the memtable and the one being flushed) and a longer log replay at open
 * after a crash.
 */
export const WRITE_BUFFER_BYTES = 64 * 1024 * 1024;

export async function openLevelStore(location: string): Promise<LogStore> {
  const db = new Level<Bytes, Bytes>(location, { keyEncoding: 'view', valueEncoding: 'view', writeBufferSize: WRITE_BUFFER_BYTES });
  await db.open();
  const get = async (key: Bytes): Promise<Bytes | undefined> => asBytes(await db.get(key));
  try {
    await checkFormat(db, await get(metaKey('format')));
  } catch (e) {
    await db.close();
    throw e;
  }

  const stateValue = await get(metaKey('state'));
  let state: TreeState = stateValue === undefined ? { size: 0, hashes: [] } : decodeState(stateValue);
  const [lastCheckpoint] = await db.values({ gte: checkpointKey(0), lt: prefixEnd(PREFIX.checkpoint), reverse: true, limit: 1 }).all();
  let latest = lastCheckpoint === undefined ? undefined : decodeCheckpoint(lastCheckpoint);

  return {
    async readConfig() {
      const v = await get(metaKey('config'));
      if (v === undefined) return undefined;
      const c = parseJson(v) as Partial<LogConfig>;
      if (typeof c.origin !== 'string' || typeof c.hashAlg !== 'string') throw logError('LOG_STORE_CORRUPT', 'stored config is malformed');
      return { origin: c.origin, hashAlg: c.hashAlg };
    },
    async writeConfig(config) {
      const json = JSON.stringify({ origin: config.origin, hashAlg: config.hashAlg });
      await db.batch().put(metaKey('config'), encoder.encode(json)).write(SYNC);
    },
    readState: () => Promise.resolve(state),
    async append(write: LogWrite) {
      checkWrite(state.size, write);
      const batch = db.batch();
      write.leaves.forEach((leaf, i) => batch.put(entryKey(write.fromSize + i), leaf));
      if (write.receipts.length > 0) {
        const { records, table } = encodeReceipts(write.receipts, write.fromSize);
        write.receipts.forEach((r, i) => batch.put(idKey(r.id), records[i] as Uint8Array));
        batch.put(receiptTableKey(write.fromSize), table);
      }
      for (const t of write.tiles) batch.put(tileKey(t.level, t.index), t.nodes);
      batch.put(metaKey('state'), encodeState(write.state.size, write.state.hashes));
      await batch.write(SYNC);
      state = { size: write.state.size, hashes: [...write.state.hashes] };
    },
    getEntry: (index) => get(entryKey(index)),
    async getEntries(start, count) {
      return (await db.values({ gte: entryKey(start), lt: entryKey(start + count) }).all()).map(toBytes);
    },
    async getReceipts(ids) {
      if (ids.length === 0) return [];
      const records = (await db.getMany(ids.map(idKey))).map(asBytes);
      // One read for the string tables of all the writes these receipts came from.
      const keys = [...new Set(records.flatMap((r) => (r === undefined ? [] : [tableKeyOf(r)])))];
      const tables = new Map<number, string[]>();
      // The sequencer asks for every fresh id of a flush, all unknown: then there is no table to read.
      const found = keys.length === 0 ? [] : await db.getMany(keys.map(receiptTableKey));
      found.forEach((t, i) => {
        if (t === undefined) throw logError('LOG_STORE_CORRUPT', `receipt table ${keys[i]} is missing`);
        tables.set(keys[i] as number, decodeReceiptTable(t));
      });
      return records.map((r, i) => (r === undefined ? undefined : decodeReceipt(ids[i] as string, r, tables.get(tableKeyOf(r)) as string[])));
    },
    async getTiles(ids: readonly TileId[]) {
      if (ids.length === 0) return [];
      return (await db.getMany(ids.map((t) => tileKey(t.level, t.index)))).map(asBytes);
    },
    async putCheckpoint(cp) {
      checkCheckpointOrder(latest, cp);
      if (latest?.size === cp.size) return;
      await db.batch().put(checkpointKey(cp.size), encoder.encode(JSON.stringify(checkpointJson(cp)))).write(SYNC);
      latest = cp;
    },
    latestCheckpoint: () => Promise.resolve(latest),
    async getCheckpoint(size) {
      const v = await get(checkpointKey(size));
      return v === undefined ? undefined : decodeCheckpoint(v);
    },
    async listCheckpoints(fromSize, limit) {
      if (limit <= 0) return [];
      const values = await db.values({ gte: checkpointKey(fromSize), lt: prefixEnd(PREFIX.checkpoint), limit }).all();
      return values.map(decodeCheckpoint);
    },
    close: () => db.close(),
  };
}

/** classic-level hands out Buffers; callers get plain Uint8Array views of the same memory. */
function toBytes(b: Uint8Array): Uint8Array {
  return b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function asBytes(b: Uint8Array | undefined): Uint8Array | undefined {
  return b === undefined ? undefined : toBytes(b);
}

/**
 * Refuses a store in another format (LOG_CONFIG_MISMATCH) instead of failing later on a record it
 * cannot read, e.g. when a client retries an old id. A store without the marker is new, or was
 * written before it: receipt records as JSON text (before format 2) start with '{', compact ones
 * with the high byte of their u64 index, 0. A readable one gets the marker.
 */
async function checkFormat(db: Level<Bytes, Bytes>, marker: Bytes | undefined): Promise<void> {
  if (marker !== undefined) {
    const text = decoder.decode(marker);
    if (text !== String(STORE_FORMAT)) {
      throw logError('LOG_CONFIG_MISMATCH', `the log store is in format ${JSON.stringify(text.slice(0, 20))}; this gateway reads format ${STORE_FORMAT}`);
    }
    return;
  }
  const [first] = await db.values({ gte: Uint8Array.of(PREFIX.id), lt: prefixEnd(PREFIX.id), limit: 1 }).all();
  if (first !== undefined && asBytes(first)?.[0] === 0x7b) {
    throw logError(
      'LOG_CONFIG_MISMATCH',
      `the log store was written by an older gateway (receipts as JSON text, before format ${STORE_FORMAT}); it cannot be read: start with an empty data dir`,
    );
  }
  await db.batch().put(metaKey('format'), encoder.encode(String(STORE_FORMAT))).write(SYNC);
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (e) {
    throw logError('LOG_STORE_CORRUPT', 'stored JSON is malformed', { cause: e });
  }
}

function checkpointJson(cp: SignedCheckpoint): { size: number; rootHash: string; note: string; time: number } {
  return { size: cp.size, rootHash: toBase64(cp.rootHash), note: cp.note, time: cp.time };
}

function decodeCheckpoint(bytes: Uint8Array): SignedCheckpoint {
  const c = parseJson(bytes) as Partial<ReturnType<typeof checkpointJson>>;
  if (typeof c.size !== 'number' || typeof c.rootHash !== 'string' || typeof c.note !== 'string' || typeof c.time !== 'number') {
    throw logError('LOG_STORE_CORRUPT', 'stored checkpoint is malformed');
  }
  return { size: c.size, rootHash: fromBase64(c.rootHash), note: c.note, time: c.time };
}
