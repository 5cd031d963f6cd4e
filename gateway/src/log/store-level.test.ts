import { isElcError } from '@elc/core';
import { Level } from 'level';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { idKey } from './key-codec.js';
import { openLevelStore } from './level-store.js';
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

describe('LevelDB store: stored receipts', () => {
  it('decodes the batch member and refuses a malformed one (LOG_STORE_CORRUPT)', async () => {
    const dir = await newDir();
    const w = dummyWrite(0, 4);
    const good = w.receipts[2];
    if (good === undefined) throw new Error('no receipt');
    let store = await openLevelStore(dir);
    await store.append(w);
    await store.close();

    const bad: Record<string, unknown> = {
      'no batch': { ...good, batch: undefined },
      'batch not an object': { ...good, batch: 'b' },
      'start not a number': { ...good, batch: { ...good.batch, start: '0' } },
      'negative start': { ...good, batch: { ...good.batch, start: -1 } },
      'fractional size': { ...good, batch: { ...good.batch, size: 1.5 } },
      'empty batch': { ...good, batch: { ...good.batch, size: 0 } },
      'index before the batch': { ...good, batch: { ...good.batch, start: 3 } },
      'index past the batch': { ...good, batch: { ...good.batch, size: 2 } },
      'proof not an array': { ...good, batch: { ...good.batch, proof: 'p' } },
      'proof of non-strings': { ...good, batch: { ...good.batch, proof: ['p', 7] } },
      'no signature': { ...good, signature: undefined },
    };
    const db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: 'view', valueEncoding: 'view' });
    await db.open();
    for (const [name, value] of Object.entries(bad)) await db.put(idKey(`bad ${name}`), new TextEncoder().encode(JSON.stringify(value)));
    await db.close();

    store = await openLevelStore(dir);
    expect(await store.getReceipts([good.id])).toEqual([good]);
    for (const name of Object.keys(bad)) {
      const e = await store.getReceipts([`bad ${name}`]).then(() => undefined, (err: unknown) => err);
      expect(isElcError(e, 'LOG_STORE_CORRUPT'), name).toBe(true);
    }
    await store.close();
  });
});
