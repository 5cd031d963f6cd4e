import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from 'level';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySdStore } from './memory-store.js';
import { openSdStore } from './store.js';
import { sdStoreContract } from './store.contract.test-support.js';

const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'elc-sd-store-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

sdStoreContract('memory', () => {
  const store = createMemorySdStore();
  return Promise.resolve({ store, reopen: () => Promise.resolve(store.reopen()) });
});

sdStoreContract('level', async () => {
  const dir = await tempDir();
  return { store: await openSdStore(dir), reopen: () => openSdStore(dir) };
});

describe('LevelDB Shandong store', () => {
  it('refuses a store holding journal records of the first version', async () => {
    const dir = await tempDir();
    const db = new Level<string, unknown>(dir, { valueEncoding: 'json' });
    await db.put('journal!sd.contracts.x', {});
    await db.close();
    await expect(openSdStore(dir)).rejects.toMatchObject({ code: 'LOG_CONFIG_MISMATCH' });
  });
});
