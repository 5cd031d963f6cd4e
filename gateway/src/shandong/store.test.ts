import { Level } from 'level';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dirs.js';
import { onMemoryAndLevel } from '../../test/support/store-contract.js';
import { createMemorySdStore } from './memory-store.js';
import { openSdStore } from './store.js';
import { sdStoreContract } from './store.contract.test-support.js';

onMemoryAndLevel(sdStoreContract, createMemorySdStore, openSdStore);

describe('LevelDB Shandong store', () => {
  const dirs = tempDirs('elc-sd-store');
  afterAll(() => dirs.removeAll());

  it('refuses a store holding journal records of the first version', async () => {
    const dir = await dirs.make();
    const db = new Level<string, unknown>(dir, { valueEncoding: 'json' });
    await db.put('journal!sd.contracts.x', {});
    await db.close();
    await expect(openSdStore(dir)).rejects.toMatchObject({ code: 'LOG_CONFIG_MISMATCH' });
  });
});
