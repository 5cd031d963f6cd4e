// The lifecycle journal in memory, for tests and tools; reopen() keeps what was written, as the
// LevelDB journal does across a restart.
import type { DoneRecord, LifecycleJournal, PendingBatch } from './journal.js';

export interface MemoryJournal extends LifecycleJournal {
  /** A journal over the same records (what a restart finds). */
  reopen(): MemoryJournal;
}

export function createMemoryJournal(): MemoryJournal {
  const pending = new Map<string, PendingBatch>();
  const done = new Map<string, DoneRecord>();
  const open = (): MemoryJournal => {
    let closed = false;
    const check = (): void => {
      if (closed) throw new Error('the journal is closed');
    };
    // Copies in and out, as a store that serialises would: callers never share objects with it.
    const copy = <T>(v: T): T => structuredClone(v);
    /** fn's result as a promise, its throw as a rejection (like the LevelDB journal). */
    const run = <T>(fn: () => T): Promise<T> => {
      try {
        check();
        return Promise.resolve(fn());
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    return {
      putPending: (b) => run(() => void pending.set(b.key, copy(b))),
      pending: () => run(() => [...pending.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(copy)),
      dropPending: (key) => run(() => void pending.delete(key)),
      finish: (key, records) =>
        run(() => {
          for (const r of records) done.set(r.appendId, copy(r));
          pending.delete(key);
        }),
      done: (ids) =>
        run(() =>
          ids.map((id) => {
            const r = done.get(id);
            return r === undefined ? undefined : copy(r);
          }),
        ),
      close: () => {
        closed = true;
        return Promise.resolve();
      },
      reopen: open,
    };
  };
  return open();
}
