/** Runs tasks one at a time in submission order: the simulated peer's single writer. */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** resolves when every task queued so far has settled */
  drain(): Promise<void>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
    drain: () => tail.then(() => undefined),
  };
}
