// The Shandong store in memory, for tests and tools; reopen() keeps what was written, as the
// LevelDB store does across a restart. Values are copied in and out, as JSON storage would.
import type { SdStore } from './store.js';

export interface MemorySdStore extends SdStore {
  /** A store over the same records (what a restart finds). */
  reopen(): MemorySdStore;
}

export function createMemorySdStore(): MemorySdStore {
  const data = new Map<string, string>();
  const open = (): MemorySdStore => ({
    get<T>(key: string) {
      const v = data.get(key);
      return Promise.resolve(v === undefined ? undefined : (JSON.parse(v) as T));
    },
    write(ops) {
      // Serialise every value first, so one that cannot be stored changes nothing (all or none).
      const staged = ops.map((op) => (op.type === 'put' ? { key: op.key, json: JSON.stringify(op.value) } : { key: op.key, json: undefined }));
      for (const s of staged) {
        if (s.json === undefined) data.delete(s.key);
        else data.set(s.key, s.json);
      }
      return Promise.resolve();
    },
    range<T>(gte: string, lt: string, limit: number) {
      const keys = [...data.keys()].filter((k) => k >= gte && k < lt).sort();
      return Promise.resolve(keys.slice(0, limit).map((key) => ({ key, value: JSON.parse(data.get(key) as string) as T })));
    },
    close: () => Promise.resolve(),
    reopen: open,
  });
  return open();
}
