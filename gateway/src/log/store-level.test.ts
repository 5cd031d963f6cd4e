import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openLevelStore } from './level-store.js';
import { storeContract } from './store.contract.test-support.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

storeContract('level', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'elc-level-store-'));
  dirs.push(dir);
  const store = await openLevelStore(dir);
  return { store, reopen: () => openLevelStore(dir) };
});
