import { isElcError } from '@elc/core';
import { Level } from 'level';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { idKey, metaKey, receiptTableKey } from './key-codec.js';
import { openLevelStore, STORE_FORMAT } from './level-store.js';
import { dummyWrite, storeContract } from './store.contract.test-support.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function newDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'elc-level-store-'));
  dirs.push(dir);
  return dir;
}

storeContract('level', async () => {
  const dir = await newDir();
  const store = await openLevelStore(dir);
  return { store, reopen: () => openLevelStore(dir) };
});

describe('LevelDB store: format marker', () => {
  const raw = async (dir: string, fn: (db: Level<Uint8Array, Uint8Array>) => Promise<unknown>): Promise<void> => {
    const db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: 'view', valueEncoding: 'view' });
    await db.open();
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  };
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('marks a new store, and a store of compact records from before the marker, with its format', async () => {
    const dir = await newDir();
    const store = await openLevelStore(dir);
    await store.append(dummyWrite(0, 3));
    await store.close();
    let marker: Uint8Array | undefined;
    await raw(dir, async (db) => {
      marker = await db.get(metaKey('format'));
      await db.del(metaKey('format')); // as a store written before the marker
    });
    expect(new TextDecoder().decode(marker)).toBe(String(STORE_FORMAT));
    const again = await openLevelStore(dir);
    expect((await again.getReceipts(['id-1']))[0]?.index).toBe(1);
    await again.close();
    await raw(dir, async (db) => expect(await db.get(metaKey('format'))).toEqual(marker));
  });

  it('refuses (LOG_CONFIG_MISMATCH) a store of JSON receipt records, or of another format, and leaves it unchanged', async () => {
    const old = await newDir();
    await raw(old, (db) => db.batch().put(metaKey('config'), text('{"origin":"o","hashAlg":"sha256"}')).put(idKey('v/1'), text('{"id":"v/1","index":0}')).write());
    const e1 = await openLevelStore(old).catch((e: unknown) => e);
    expect(isElcError(e1, 'LOG_CONFIG_MISMATCH')).toBe(true);
    expect((e1 as Error).message).toMatch(/older gateway/);
    await raw(old, async (db) => expect(await db.get(metaKey('format'))).toBeUndefined());

    const newer = await newDir();
    await raw(newer, (db) => db.put(metaKey('format'), text('3')));
    const e2 = await openLevelStore(newer).catch((e: unknown) => e);
    expect(isElcError(e2, 'LOG_CONFIG_MISMATCH')).toBe(true);
    expect((e2 as Error).message).toMatch(/format "3"/);
    // refused without keeping the directory locked
    await raw(newer, async (db) => expect(new TextDecoder().decode(await db.get(metaKey('format')))).toBe('3'));
  });
});

describe('LevelDB store: stored receipts', () => {
  it('keeps one string table per write and small records per id', async () => {
    const dir = await newDir();
    const w = dummyWrite(0, 200);
    const store = await openLevelStore(dir);
    await store.append(w);
    await store.close();
    const db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: 'view', valueEncoding: 'view' });
    await db.open();
    const table = await db.get(receiptTableKey(0));
    const record = await db.get(idKey('id-7'));
    await db.close();
    // the write's one signature and its distinct proof strings, once each
    const strings = new Set([w.receipts[0]?.signature, ...w.receipts.flatMap((r) => r.batch.proof)]);
    expect(JSON.parse(new TextDecoder().decode(table))).toEqual([...strings]);
    const r7 = w.receipts[7];
    expect(record?.length).toBe(48 + 4 * (r7?.batch.proof.length ?? 0) + (r7?.leafHash.length ?? 0));
  });

  it('decodes what it wrote and refuses a malformed record or table (LOG_STORE_CORRUPT)', async () => {
    const dir = await newDir();
    const w = dummyWrite(0, 4);
    const good = w.receipts[2];
    if (good === undefined) throw new Error('no receipt');
    let store = await openLevelStore(dir);
    await store.append(w);
    await store.close();

    const db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: 'view', valueEncoding: 'view' });
    await db.open();
    const record = await db.get(idKey(good.id));
    const table = await db.get(receiptTableKey(0));
    if (record === undefined || table === undefined) throw new Error('the write stored no record or table');
    const edit = (at: number, u32: number): Uint8Array => {
      const copy = new Uint8Array(record);
      new DataView(copy.buffer).setUint32(at, u32);
      return copy;
    };
    const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
    const records: Record<string, Uint8Array> = {
      'too short': record.subarray(0, 40),
      'index before the batch (start 3)': edit(20, 3),
      'index past the batch (size 2)': edit(28, 2),
      'an empty batch': edit(28, 0),
      'a signature ref outside the table': edit(40, 10_000),
      'a proof ref outside the table': edit(48, 10_000),
      'a proof longer than the record': edit(44, 1000),
      'an unsafe index': edit(0, 0xffffffff),
      'a table that is missing': edit(36, 77),
      'a leaf hash that is not UTF-8': Uint8Array.of(...record.subarray(0, 48 + 4 * good.batch.proof.length), 0xff, 0xfe),
      'the JSON of a receipt (the old format)': utf8(JSON.stringify(good)),
    };
    for (const [name, value] of Object.entries(records)) await db.put(idKey(`bad ${name}`), value);
    // a record of its own pointing to a bad table
    await db.put(idKey('bad table'), edit(36, 9));
    await db.put(receiptTableKey(9), utf8('["sig0", 7]'));
    await db.put(idKey('bad table json'), edit(36, 10));
    await db.put(receiptTableKey(10), utf8('["sig0"'));
    await db.close();

    store = await openLevelStore(dir);
    expect(await store.getReceipts([good.id])).toEqual([good]);
    for (const name of [...Object.keys(records).map((n) => `bad ${n}`), 'bad table', 'bad table json']) {
      const e = await store.getReceipts([name]).then(() => undefined, (err: unknown) => err);
      expect(isElcError(e, 'LOG_STORE_CORRUPT'), name).toBe(true);
    }
    await store.close();
  });
});
