import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createMemoryTokenStore } from './memory-token-store.js';
import { tokenStoreContract } from './token-store.contract.test-support.js';
import { openTokenStore } from './token-store.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

tokenStoreContract('memory', () => {
  const store = createMemoryTokenStore();
  return Promise.resolve({ store, reopen: () => Promise.resolve(store.reopen()) });
});

tokenStoreContract('level', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'elc-tokens-'));
  dirs.push(dir);
  return { store: await openTokenStore(dir), reopen: () => openTokenStore(dir) };
});
