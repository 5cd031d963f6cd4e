/**
 * The simulated peer's LevelDB store (`level` v10, classic-level underneath). Layout, one
 * sublevel per kind (abstract-level prefixes keys with `!<name>!`):
 *
 *   !meta!tip                          -> JSON {number, hash} of the last block
 *   !block!<u64 BE number>             -> canonical JSON of the block (block.ts)
 *   !state!<utf8 key>                  -> u64 BE block || u32 BE tx || value  (world state + version)
 *   !hist!<utf8 key> 0xff <u64 BE block><u32 BE tx> -> JSON {txId, seconds, nanos, isDelete, value}
 *   !tx!<tx id>                        -> JSON {blockNumber, txNumber}
 *
 * 0xff never occurs in UTF-8, so a history prefix names exactly one key. A block is committed by
 * ONE batch holding the block, its world-state writes, history entries, tx index entries and the
 * new tip, written with `sync: true`: after a crash the store holds either all of it or none.
 */
import { Level } from 'level';
import { fromBase64, toBase64 } from '@elc/core';
import type { Block } from './block.js';
import { GENESIS_PREVIOUS_HASH, blockHashOf, dataHashOf, decodeBlock, encodeBlock } from './block.js';
import { simFailure } from './errors.js';
import type { HistoryRecord, StateRow, Version, VersionedValue, WorldStateReader } from './runtime/index.js';

type Bytes = Uint8Array;
const SYNC = { sync: true } as const;
const HISTORY_SEPARATOR = 0xff;
const VERSION_BYTES = 12;

export interface Tip {
  readonly number: number;
  readonly hash: string;
}

export interface TxLocation {
  readonly blockNumber: number;
  readonly txNumber: number;
}

export interface ChainProblem {
  readonly blockNumber: number;
  readonly problem: 'missing' | 'data-hash' | 'previous-hash' | 'number' | 'tip' | 'state' | 'history' | 'proposal';
  readonly detail: string;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly height: number;
  readonly problems: readonly ChainProblem[];
}

export interface SnapshotReader extends WorldStateReader {
  close(): Promise<void>;
}

export interface ChainStore {
  tip(): Tip | undefined;
  /** committed state as of now; every read sees every block committed before it */
  readonly state: WorldStateReader;
  /** committed state frozen at this moment (a consistent view for a query) */
  snapshot(): SnapshotReader;
  commit(block: Block): Promise<Tip>;
  getBlock(number: number): Promise<Block | undefined>;
  txLocation(txId: string): Promise<TxLocation | undefined>;
  verifyChain(): Promise<ChainReport>;
  close(): Promise<void>;
}

function u64(n: number): Bytes {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
}

function versionBytes(v: Version): Bytes {
  const b = new Uint8Array(VERSION_BYTES);
  const view = new DataView(b.buffer);
  view.setBigUint64(0, BigInt(v.blockNumber));
  view.setUint32(8, v.txNumber);
  return b;
}

function decodeStateValue(b: Bytes): VersionedValue {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { version: { blockNumber: Number(view.getBigUint64(0)), txNumber: view.getUint32(8) }, value: b.slice(VERSION_BYTES) };
}

function concat(...parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const utf8 = (s: string): Bytes => new TextEncoder().encode(s);
const historyPrefix = (key: string): Bytes => concat(utf8(key), Uint8Array.of(HISTORY_SEPARATOR));
const historyKey = (key: string, v: Version): Bytes => concat(historyPrefix(key), versionBytes(v));

interface HistoryJson {
  txId: string;
  seconds: number;
  nanos: number;
  isDelete: boolean;
  value: string;
}

function txTime(timestamp: string): { seconds: number; nanos: number } {
  const ms = Date.parse(timestamp);
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

export async function openChainStore(location: string): Promise<ChainStore> {
  const db = new Level<Bytes, Bytes>(location, { keyEncoding: 'view', valueEncoding: 'view' });
  await db.open();
  const meta = db.sublevel<string, string>('meta', { keyEncoding: 'utf8', valueEncoding: 'utf8' });
  const blocks = db.sublevel<Bytes, string>('block', { keyEncoding: 'view', valueEncoding: 'utf8' });
  const state = db.sublevel<string, Bytes>('state', { keyEncoding: 'utf8', valueEncoding: 'view' });
  const hist = db.sublevel<Bytes, string>('hist', { keyEncoding: 'view', valueEncoding: 'utf8' });
  const txs = db.sublevel<string, string>('tx', { keyEncoding: 'utf8', valueEncoding: 'utf8' });

  async function readBlock(number: number): Promise<Block | undefined> {
    const text = await blocks.get(u64(number));
    return text === undefined ? undefined : decodeBlock(text);
  }

  // Crash safety: the tip and its block were written by the same batch; check they agree.
  let tip: Tip | undefined;
  const tipText = await meta.get('tip');
  if (tipText !== undefined) {
    const t = JSON.parse(tipText) as Tip;
    const b = await readBlock(t.number);
    if (b === undefined || b.header.number !== t.number || blockHashOf(b.header) !== t.hash || dataHashOf(b.txs) !== b.header.dataHash) {
      await db.close();
      throw simFailure('LEDGER_CORRUPT', `the chain tip (block ${t.number}) does not match its stored block`);
    }
    if ((await readBlock(t.number + 1)) !== undefined) {
      await db.close();
      throw simFailure('LEDGER_CORRUPT', `a block past the tip (${t.number + 1}) is stored`);
    }
    tip = t;
  } else if ((await blocks.keys({ limit: 1 }).all()).length > 0) {
    await db.close();
    throw simFailure('LEDGER_CORRUPT', 'blocks are stored but no chain tip');
  }

  function reader(options: { snapshot?: ReturnType<typeof db.snapshot> }): WorldStateReader {
    return {
      async get(key) {
        const v = await state.get(key, options);
        return v === undefined ? undefined : decodeStateValue(v);
      },
      async range(start, end, limit) {
        const rows: StateRow[] = [];
        const range = { gte: start, ...(end === '' ? {} : { lt: end }), ...(limit === undefined ? {} : { limit }), ...options };
        for await (const [key, v] of state.iterator(range)) rows.push({ key, ...decodeStateValue(v) });
        return rows;
      },
      async history(key) {
        const prefix = historyPrefix(key);
        const out: HistoryRecord[] = [];
        const range = { gte: prefix, lte: concat(prefix, new Uint8Array(VERSION_BYTES).fill(0xff)), reverse: true, ...options };
        for await (const text of hist.values(range)) {
          const h = JSON.parse(text) as HistoryJson;
          out.push({ txId: h.txId, seconds: h.seconds, nanos: h.nanos, isDelete: h.isDelete, value: fromBase64(h.value) });
        }
        return out;
      },
    };
  }

  async function verifyChain(): Promise<ChainReport> {
    const problems: ChainProblem[] = [];
    const height = tip === undefined ? 0 : tip.number + 1;
    let previousHash = GENESIS_PREVIOUS_HASH;
    for (let n = 0; n < height; n++) {
      const b = await readBlock(n);
      if (b === undefined) {
        problems.push({ blockNumber: n, problem: 'missing', detail: `block ${n} is not stored` });
        previousHash = '';
        continue;
      }
      if (b.header.number !== n) problems.push({ blockNumber: n, problem: 'number', detail: `block ${n} says it is block ${b.header.number}` });
      if (b.header.previousHash !== previousHash) problems.push({ blockNumber: n, problem: 'previous-hash', detail: `block ${n} does not link to block ${n - 1}` });
      if (dataHashOf(b.txs) !== b.header.dataHash) problems.push({ blockNumber: n, problem: 'data-hash', detail: `block ${n}'s transactions do not hash to its data hash` });
      await checkIndexes(b, problems);
      previousHash = blockHashOf(b.header);
    }
    if (tip !== undefined && previousHash !== tip.hash) problems.push({ blockNumber: tip.number, problem: 'tip', detail: 'the last block does not hash to the recorded tip' });
    return { ok: problems.length === 0, height, problems };
  }

  /** Every write of the block is in the history index, and in the world state unless a later block overwrote it. */
  async function checkIndexes(b: Block, problems: ChainProblem[]): Promise<void> {
    for (const [txNumber, tx] of b.txs.entries()) {
      const version = { blockNumber: b.header.number, txNumber };
      for (const w of tx.rwset.writes) {
        const h = await hist.get(historyKey(w.key, version));
        const hj = h === undefined ? undefined : (JSON.parse(h) as HistoryJson);
        if (hj === undefined || hj.txId !== tx.txId || hj.isDelete !== w.isDelete || hj.value !== w.value) {
          problems.push({ blockNumber: b.header.number, problem: 'history', detail: `history of ${JSON.stringify(w.key)} at ${tx.txId} differs from the block` });
        }
        const current = await state.get(w.key);
        const cv = current === undefined ? undefined : decodeStateValue(current);
        if (cv !== undefined && cv.version.blockNumber === version.blockNumber && cv.version.txNumber === txNumber && toBase64(cv.value) !== w.value) {
          problems.push({ blockNumber: b.header.number, problem: 'state', detail: `world state of ${JSON.stringify(w.key)} differs from the block that wrote it` });
        }
      }
    }
  }

  return {
    tip: () => tip,
    state: reader({}),
    snapshot() {
      const snapshot = db.snapshot();
      return { ...reader({ snapshot }), close: () => snapshot.close() };
    },
    async commit(block) {
      const expectedNumber = tip === undefined ? 0 : tip.number + 1;
      const expectedPrevious = tip === undefined ? GENESIS_PREVIOUS_HASH : tip.hash;
      if (block.header.number !== expectedNumber || block.header.previousHash !== expectedPrevious) {
        throw simFailure('LEDGER_CORRUPT', `block ${block.header.number} does not extend the tip`);
      }
      const batch = db.batch();
      for (const [txNumber, tx] of block.txs.entries()) {
        const version = { blockNumber: block.header.number, txNumber };
        const { seconds, nanos } = txTime(tx.timestamp);
        for (const w of tx.rwset.writes) {
          if (w.isDelete) batch.del(w.key, { sublevel: state });
          else batch.put(w.key, concat(versionBytes(version), fromBase64(w.value)), { sublevel: state });
          const h: HistoryJson = { txId: tx.txId, seconds, nanos, isDelete: w.isDelete, value: w.value };
          batch.put(historyKey(w.key, version), JSON.stringify(h), { sublevel: hist });
        }
        batch.put(tx.txId, JSON.stringify(version), { sublevel: txs });
      }
      batch.put(u64(block.header.number), encodeBlock(block), { sublevel: blocks });
      const next: Tip = { number: block.header.number, hash: blockHashOf(block.header) };
      batch.put('tip', JSON.stringify(next), { sublevel: meta });
      await batch.write(SYNC);
      tip = next;
      return next;
    },
    getBlock: readBlock,
    async txLocation(txId) {
      const v = await txs.get(txId);
      return v === undefined ? undefined : (JSON.parse(v) as TxLocation);
    },
    verifyChain,
    close: () => db.close(),
  };
}
