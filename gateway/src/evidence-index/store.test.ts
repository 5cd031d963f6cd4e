import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openEvidenceIndexStore } from './level-store.js';
import { createMemoryEvidenceIndexStore } from './memory-store.js';
import { indexStoreContract } from './store.contract.test-support.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

indexStoreContract('memory', () => {
  const store = createMemoryEvidenceIndexStore();
  return Promise.resolve({ store, reopen: () => Promise.resolve(store.reopen()) });
});

indexStoreContract('level', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'elc-index-'));
  dirs.push(dir);
  return { store: await openEvidenceIndexStore(dir), reopen: () => openEvidenceIndexStore(dir) };
});
