/**
 * The LevelDB LogStore (`level` v10, classic-level underneath). Key layout, one sublevel per kind
 * (abstract-level prefixes keys with `!<name>!`):
 *
 *   !meta!config        -> JSON {origin, hashAlg}
 *   !meta!state         -> uint64 BE size || compact-range hashes (key-codec.ts encodeState)
 *   !entry!<u64 BE i>   -> leaf bytes of entry i
 *   !id!<utf8 id>       -> JSON receipt {id, index, leafHash, time, signature}
 *   !node!<u8 L><u64 BE i> -> 32-byte hash of the perfect node (level L, index i); level 0 = leaf hashes
 *   !checkpoint!<u64 BE size> -> JSON {size, rootHash (base64), note, time}
 *
 * A group commit is one `batch(..., { sync: true })`: atomic, and on disk (fsync) before it resolves.
 */
import { fromBase64, toBase64 } from '@elc/core';
import { Level } from 'level';
import { logError } from './errors.js';
import { decodeState, encodeState, indexKey, nodeKey } from './key-codec.js';
import { checkCheckpointOrder, checkWrite } from './store-checks.js';
import type { LogConfig, LogStore, LogWrite, NodeId, TreeState } from './store.js';
import type { Receipt, SignedCheckpoint } from './types.js';

type Bytes = Uint8Array;
const BYTES = { keyEncoding: 'view', valueEncoding: 'view' } as const;
const UTF8 = { keyEncoding: 'utf8', valueEncoding: 'utf8' } as const;
const SYNC = { sync: true } as const;

export async function openLevelStore(location: string): Promise<LogStore> {
  const db = new Level<Bytes, Bytes>(location, BYTES);
  await db.open();
  const meta = db.sublevel<string, Bytes>('meta', { keyEncoding: 'utf8', valueEncoding: 'view' });
  const entries = db.sublevel<Bytes, Bytes>('entry', BYTES);
  const ids = db.sublevel<string, string>('id', UTF8);
  const nodes = db.sublevel<Bytes, Bytes>('node', BYTES);
  const checkpoints = db.sublevel<Bytes, string>('checkpoint', { keyEncoding: 'view', valueEncoding: 'utf8' });

  const stateValue = await meta.get('state');
  let state: TreeState = stateValue === undefined ? { size: 0, hashes: [] } : decodeState(toBytes(stateValue));
  let latest = await readLatestCheckpoint();

  async function readLatestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    const [last] = await checkpoints.values({ reverse: true, limit: 1 }).all();
    return last === undefined ? undefined : decodeCheckpoint(last);
  }

  return {
    async readConfig() {
      const v = await meta.get('config');
      if (v === undefined) return undefined;
      const c = parseJson(new TextDecoder().decode(v)) as Partial<LogConfig>;
      if (typeof c.origin !== 'string' || typeof c.hashAlg !== 'string') throw logError('LOG_STORE_CORRUPT', 'stored config is malformed');
      return { origin: c.origin, hashAlg: c.hashAlg };
    },
    async writeConfig(config) {
      const json = JSON.stringify({ origin: config.origin, hashAlg: config.hashAlg });
      // A one-op batch on the root: sublevel put options do not carry `sync`.
      await db.batch().put('config', new TextEncoder().encode(json), { sublevel: meta }).write(SYNC);
    },
    readState: () => Promise.resolve(state),
    async append(write: LogWrite) {
      checkWrite(state.size, write);
      const batch = db.batch();
      write.leaves.forEach((leaf, i) => batch.put(indexKey(write.fromSize + i), leaf, { sublevel: entries }));
      for (const r of write.receipts) batch.put(r.id, JSON.stringify(receiptJson(r)), { sublevel: ids });
      for (const n of write.nodes) batch.put(nodeKey(n.level, n.index), n.hash, { sublevel: nodes });
      batch.put('state', encodeState(write.state.size, write.state.hashes), { sublevel: meta });
      await batch.write(SYNC);
      state = { size: write.state.size, hashes: [...write.state.hashes] };
    },
    getEntry: async (index) => asBytes(await entries.get(indexKey(index))),
    getEntries: async (start, count) =>
      (await entries.values({ gte: indexKey(start), lt: indexKey(start + count) }).all()).map(toBytes),
    async getReceipts(list) {
      if (list.length === 0) return [];
      const values = await ids.getMany([...list]);
      return values.map((v) => (v === undefined ? undefined : decodeReceipt(v)));
    },
    async getNodes(list: readonly NodeId[]) {
      if (list.length === 0) return [];
      return (await nodes.getMany(list.map((n) => nodeKey(n.level, n.index)))).map(asBytes);
    },
    getNodeRange: async (level, start, count) =>
      (await nodes.values({ gte: nodeKey(level, start), lt: nodeKey(level, start + count) }).all()).map(toBytes),
    async putCheckpoint(cp) {
      checkCheckpointOrder(latest, cp);
      if (latest?.size === cp.size) return;
      await db.batch().put(indexKey(cp.size), JSON.stringify(checkpointJson(cp)), { sublevel: checkpoints }).write(SYNC);
      latest = cp;
    },
    latestCheckpoint: () => Promise.resolve(latest),
    async getCheckpoint(size) {
      const v = await checkpoints.get(indexKey(size));
      return v === undefined ? undefined : decodeCheckpoint(v);
    },
    async listCheckpoints(fromSize, limit) {
      if (limit <= 0) return [];
      const values = await checkpoints.values({ gte: indexKey(fromSize), limit }).all();
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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw logError('LOG_STORE_CORRUPT', 'stored JSON is malformed', { cause: e });
  }
}

function receiptJson(r: Receipt): Receipt {
  return { id: r.id, index: r.index, leafHash: r.leafHash, time: r.time, signature: r.signature };
}

function decodeReceipt(text: string): Receipt {
  const r = parseJson(text) as Partial<Receipt>;
  if (typeof r.id !== 'string' || typeof r.index !== 'number' || typeof r.leafHash !== 'string' || typeof r.time !== 'number' || typeof r.signature !== 'string') {
    throw logError('LOG_STORE_CORRUPT', 'stored receipt is malformed');
  }
  return receiptJson(r as Receipt);
}

function checkpointJson(cp: SignedCheckpoint): { size: number; rootHash: string; note: string; time: number } {
  return { size: cp.size, rootHash: toBase64(cp.rootHash), note: cp.note, time: cp.time };
}

function decodeCheckpoint(text: string): SignedCheckpoint {
  const c = parseJson(text) as Partial<ReturnType<typeof checkpointJson>>;
  if (typeof c.size !== 'number' || typeof c.rootHash !== 'string' || typeof c.note !== 'string' || typeof c.time !== 'number') {
    throw logError('LOG_STORE_CORRUPT', 'stored checkpoint is malformed');
  }
  return { size: c.size, rootHash: fromBase64(c.rootHash), note: c.note, time: c.time };
}
