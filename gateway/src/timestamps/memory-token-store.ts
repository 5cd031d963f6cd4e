// The timestamp token store in memory, for tests and tools; reopen() keeps what was written, as
// the LevelDB store does across a restart.
import type { PendingCheckpoint, StoredToken, TokenStore } from './token-store.js';

export interface MemoryTokenStore extends TokenStore {
  /** A store over the same records (what a restart finds). */
  reopen(): MemoryTokenStore;
}

export function createMemoryTokenStore(): MemoryTokenStore {
  const tokens = new Map<number, StoredToken>();
  const pending = new Map<number, PendingCheckpoint>();
  const bySize = <T extends { size: number }>(xs: Iterable<T>): T[] => [...xs].sort((a, b) => a.size - b.size);
  const open = (): MemoryTokenStore => ({
    get: (size) => Promise.resolve(tokens.get(size)),
    latest: () => Promise.resolve(bySize(tokens.values()).at(-1)),
    addPending(p) {
      if (!tokens.has(p.size)) pending.set(p.size, { ...p });
      return Promise.resolve();
    },
    pending: () => Promise.resolve(bySize(pending.values()).map((p) => ({ ...p }))),
    put(token) {
      tokens.set(token.size, { ...token });
      pending.delete(token.size);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
    reopen: open,
  });
  return open();
}
