// What compose opened, closed in reverse order: on a failed start everything opened so far, on
// close everything. A closer that fails is reported and the rest still run.

export interface Closers {
  /** Registers a closer; returns the value for chaining `const x = closers.add(await open(), x => x.close())`. */
  add<T>(value: T, close: (value: T) => Promise<void>): T;
  closeAll(): Promise<void>;
}

export function createClosers(onError: (e: unknown) => void): Closers {
  const stack: (() => Promise<void>)[] = [];
  let closed: Promise<void> | undefined;
  return {
    add(value, close) {
      stack.push(() => close(value));
      return value;
    },
    closeAll() {
      closed ??= (async () => {
        for (const c of stack.reverse()) await c().catch(onError);
      })();
      return closed;
    },
  };
}
