/**
 * The LevelDB LogStore (`level` v10, classic-level underneath), key layout in key-codec.ts. One
 * root keyspace with byte prefixes rather than sublevels: a group commit is one chained batch on
 * the root (sublevel puts cost about 2.5x more per key here), written with `sync: true`, so it is
 * atomic and on disk (fsync) before `append` resolves — which is what makes an ack durable.
 */
import { fromBase64, toBase64 } from '@elc/core';
import { Level } from 'level';
import { logError } from './errors.js';
import { checkpointKey, decodeState, encodeState, entryKey, idKey, metaKey, PREFIX, prefixEnd, tileKey } from './key-codec.js';
import { checkCheckpointOrder, checkWrite } from './store-checks.js';
import type { LogConfig, LogStore, LogWrite, TileId, TreeState } from './store.js';
import type { Receipt, SignedCheckpoint } from './types.js';

type Bytes = Uint8Array;
const SYNC = { sync: true } as const;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function openLevelStore(location: string): Promise<LogStore> {
  const db = new Level<Bytes, Bytes>(location, { keyEncoding: 'view', valueEncoding: 'view' });
  await db.open();
  const get = async (key: Bytes): Promise<Bytes | undefined> => asBytes(await db.get(key));

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
      for (const r of write.receipts) batch.put(idKey(r.id), encoder.encode(JSON.stringify(receiptJson(r))));
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
      const values = await db.getMany(ids.map(idKey));
      return values.map((v) => (v === undefined ? undefined : decodeReceipt(v)));
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

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (e) {
    throw logError('LOG_STORE_CORRUPT', 'stored JSON is malformed', { cause: e });
  }
}

function receiptJson(r: Receipt): Receipt {
  const { start, size, proof } = r.batch;
  return { id: r.id, index: r.index, leafHash: r.leafHash, time: r.time, signature: r.signature, batch: { start, size, proof } };
}

function decodeReceipt(bytes: Uint8Array): Receipt {
  const r = parseJson(bytes) as { [K in keyof Receipt]?: unknown };
  if (typeof r.id !== 'string' || !isIndex(r.index) || typeof r.leafHash !== 'string' || !isIndex(r.time) || typeof r.signature !== 'string' || !isBatchOf(r.batch, r.index)) {
    throw logError('LOG_STORE_CORRUPT', 'stored receipt is malformed');
  }
  return receiptJson(r as Receipt);
}

const isIndex = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/** A receipt's batch member: start <= index < start + size, and a proof of strings. */
function isBatchOf(batch: unknown, index: number): boolean {
  if (typeof batch !== 'object' || batch === null) return false;
  const { start, size, proof } = batch as { start?: unknown; size?: unknown; proof?: unknown };
  return (
    isIndex(start) &&
    isIndex(size) &&
    start <= index &&
    index < start + size &&
    Array.isArray(proof) &&
    proof.every((p) => typeof p === 'string')
  );
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
