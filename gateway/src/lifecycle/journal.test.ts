import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from 'level';
import { afterAll, describe, expect, it } from 'vitest';
import { journalContract } from './journal.contract.test-support.js';
import { openLevelJournal } from './level-journal.js';
import { createMemoryJournal } from './memory-journal.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

journalContract('memory', () => {
  const journal = createMemoryJournal();
  return Promise.resolve({ journal, reopen: () => Promise.resolve(journal.reopen()) });
});

journalContract('level', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'elc-journal-'));
  dirs.push(dir);
  return { journal: await openLevelJournal(dir), reopen: () => openLevelJournal(dir) };
});

describe('LevelDB lifecycle journal', () => {
  it('refuses a data dir holding batches of the first outbox format', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'elc-journal-'));
    dirs.push(dir);
    const db = new Level<string, string>(dir);
    await db.put('p!0000000000000001-x', '{}');
    await db.close();
    await expect(openLevelJournal(dir)).rejects.toMatchObject({ code: 'LOG_CONFIG_MISMATCH' });
  });
});
