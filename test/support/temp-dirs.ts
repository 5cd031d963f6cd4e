// Temporary directories for a test file, removed after it (or after each test, as the caller
// registers): one helper instead of a mkdtemp/rm pair in every suite.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDirs {
  /** A fresh directory under the system's temp dir, named with the prefix. */
  make(): Promise<string>;
  /** Removes every directory made so far. */
  removeAll(): Promise<void>;
}

export function tempDirs(prefix: string): TempDirs {
  const dirs: string[] = [];
  return {
    async make() {
      const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
      dirs.push(dir);
      return dir;
    },
    async removeAll() {
      await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}
