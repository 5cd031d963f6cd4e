// Mutual exclusion by key (a contract): a holder of several keys takes them in sorted order, so
// two holders of overlapping sets never wait on each other in a circle.

export interface KeyedLock {
  /** Runs fn while holding every key; keys held by others are waited for. */
  run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T>;
  /** keys held or waited for right now (for tests) */
  size(): number;
}

export function createKeyedLock(): KeyedLock {
  /** per key: the tail of its queue */
  const tails = new Map<string, Promise<void>>();

  async function acquire(key: string): Promise<() => void> {
    const previous = tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    };
  }

  return {
    async run(keys, fn) {
      const sorted = [...new Set(keys)].sort();
      const releases: (() => void)[] = [];
      try {
        for (const k of sorted) releases.push(await acquire(k));
        return await fn();
      } finally {
        for (const r of releases.reverse()) r();
      }
    },
    size: () => tails.size,
  };
}
