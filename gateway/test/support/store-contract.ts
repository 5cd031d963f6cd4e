// Runs a store's contract suite on its in-memory twin and on its LevelDB implementation, each
// reopened over the same records as a restart would.
import { afterAll } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dirs.js';

export interface StoreHarness<S> {
  store: S;
  /** A store over the same records, after `store` was closed (a restart). */
  reopen(): Promise<S>;
}

export function onMemoryAndLevel<S>(
  contract: (name: string, open: () => Promise<StoreHarness<S>>) => void,
  memory: () => S & { reopen(): S },
  level: (dir: string) => Promise<S>,
): void {
  const dirs = tempDirs('elc-store');
  afterAll(() => dirs.removeAll());
  contract('memory', () => {
    const store = memory();
    return Promise.resolve({ store, reopen: () => Promise.resolve(store.reopen()) });
  });
  contract('level', async () => {
    const dir = await dirs.make();
    return { store: await level(dir), reopen: () => level(dir) };
  });
}
