import { Level } from 'level';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dirs.js';
import { onMemoryAndLevel } from '../../test/support/store-contract.js';
import { journalContract } from './journal.contract.test-support.js';
import { openLevelJournal } from './level-journal.js';
import { createMemoryJournal } from './memory-journal.js';

onMemoryAndLevel(journalContract, createMemoryJournal, openLevelJournal);

describe('LevelDB lifecycle journal', () => {
  const dirs = tempDirs('elc-journal');
  afterAll(() => dirs.removeAll());

  it('refuses a data dir holding batches of the first outbox format', async () => {
    const dir = await dirs.make();
    const db = new Level<string, string>(dir);
    await db.put('p!0000000000000001-x', '{}');
    await db.close();
    await expect(openLevelJournal(dir)).rejects.toMatchObject({ code: 'LOG_CONFIG_MISMATCH' });
  });
});
