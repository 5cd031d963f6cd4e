// Callers waiting until something (a checkpoint, an anchor) reaches a tree size: the checkpointer
// and the anchorer both keep such a set, with the same abort and close rules.

export interface Sized {
  readonly size: number;
}

export interface SizeWaiters<T extends Sized> {
  /**
   * Resolves with the first value passed to reach() whose size is at least `size`. An aborted
   * signal rejects with aborted(reason) and forgets the waiter.
   */
  wait(size: number, signal: AbortSignal | undefined, aborted: (reason: unknown) => Error): Promise<T>;
  /** Resolves every waiter that `value` covers. */
  reach(value: T): void;
  /** Rejects every waiter with `error` (on close). */
  rejectAll(error: Error): void;
}

interface Waiter<T> {
  readonly size: number;
  resolve(v: T): void;
  reject(e: Error): void;
}

export function createSizeWaiters<T extends Sized>(): SizeWaiters<T> {
  const waiters = new Set<Waiter<T>>();
  return {
    wait(size, signal, aborted) {
      if (signal?.aborted === true) return Promise.reject(aborted(signal.reason));
      return new Promise<T>((resolve, reject) => {
        const onAbort = (): void => {
          waiters.delete(waiter);
          reject(aborted(signal?.reason));
        };
        const waiter: Waiter<T> = {
          size,
          resolve: (v) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(v);
          },
          reject: (e) => {
            signal?.removeEventListener('abort', onAbort);
            reject(e);
          },
        };
        waiters.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    reach(value) {
      for (const w of waiters) {
        if (w.size <= value.size) {
          waiters.delete(w);
          w.resolve(value);
        }
      }
    },
    rejectAll(error) {
      for (const w of waiters) w.reject(error);
      waiters.clear();
    },
  };
}
