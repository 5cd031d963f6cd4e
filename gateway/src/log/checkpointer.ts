/**
 * Publishes signed checkpoints (C2SP signed notes over c2sp.org/tlog-checkpoint text) of the
 * committed tree: at most one per interval, and only when the tree grew. Each is stored durably
 * before anyone is told of it, so a served checkpoint survives a crash and the next one is
 * always a later size of the same append-only tree.
 */
import { formatCheckpoint, signNote, type NoteSigner } from '@elc/core';
import type { Timers } from './batcher.js';
import { logError } from './errors.js';
import type { Committed } from './sequencer.js';
import type { LogStore } from './store.js';
import { createSizeWaiters } from './size-waiters.js';
import type { SignedCheckpoint } from './types.js';

/** At most one checkpoint per second (ARCHITECTURE.md: "checkpoint (signed note) every <=1 s"). */
export const CHECKPOINT_INTERVAL_MS = 1000;

export interface CheckpointerOptions {
  readonly store: LogStore;
  readonly origin: string;
  readonly signer: NoteSigner;
  readonly clock: () => number;
  readonly timers: Timers;
  readonly intervalMs?: number;
  readonly committed: () => Committed;
  /** the stored latest checkpoint at start, if any */
  readonly initial: SignedCheckpoint | undefined;
  /** told when a publication fails (the checkpointer retries on the next interval) */
  readonly onError?: (e: unknown) => void;
}

export interface Checkpointer {
  latest(): SignedCheckpoint | undefined;
  /** The tree grew: publish now if the interval allows, else when it does. */
  notify(): void;
  /** Publishes a checkpoint of the committed tree now (if it grew) and returns the latest. */
  publish(): Promise<SignedCheckpoint>;
  waitFor(size: number, signal?: AbortSignal): Promise<SignedCheckpoint>;
  /** Rejects waiters with LOG_CLOSED and stops the timer (publish() still works for a last checkpoint). */
  close(): void;
}

export function createCheckpointer(o: CheckpointerOptions): Checkpointer {
  const intervalMs = o.intervalMs ?? CHECKPOINT_INTERVAL_MS;
  let latest = o.initial;
  let lastPublishedAt = Number.NEGATIVE_INFINITY; // in timers.now() time
  let timer: unknown;
  let running: Promise<SignedCheckpoint> | undefined;
  let closed = false;
  const waiters = createSizeWaiters<SignedCheckpoint>();

  async function publishOnce(): Promise<SignedCheckpoint> {
    const c = o.committed();
    if (latest !== undefined && latest.size >= c.size) return latest;
    const text = formatCheckpoint({ origin: o.origin, size: c.size, rootHash: c.root, extensions: [] });
    const cp: SignedCheckpoint = { size: c.size, rootHash: c.root, note: signNote(text, [o.signer]), time: o.clock() };
    lastPublishedAt = o.timers.now();
    await o.store.putCheckpoint(cp);
    latest = cp;
    waiters.reach(cp);
    return cp;
  }

  function publish(): Promise<SignedCheckpoint> {
    // One publication at a time; a call during one waits for it, then publishes what it missed.
    const run = (running ?? Promise.resolve(undefined)).catch(() => undefined).then(publishOnce);
    const tracked = run.finally(() => {
      if (running === tracked) running = undefined;
      notify();
    });
    running = tracked;
    return tracked;
  }

  function notify(): void {
    if (closed || timer !== undefined || running !== undefined) return;
    if (latest !== undefined && latest.size >= o.committed().size) return;
    const wait = Math.max(0, lastPublishedAt + intervalMs - o.timers.now());
    timer = o.timers.setTimeout(() => {
      timer = undefined;
      publish().catch((e: unknown) => {
        lastPublishedAt = o.timers.now(); // back off one interval before retrying
        o.onError?.(e);
      });
    }, wait);
  }

  return {
    latest: () => latest,
    notify,
    publish,
    waitFor(size, signal) {
      if (latest !== undefined && latest.size >= size) return Promise.resolve(latest);
      if (closed) return Promise.reject(logError('LOG_CLOSED', 'the log is closed'));
      return waiters.wait(size, signal, (reason) => logError('LOG_WAIT_ABORTED', `wait for a checkpoint of size ${size} aborted`, { cause: reason }));
    },
    close() {
      closed = true;
      if (timer !== undefined) o.timers.clearTimeout(timer);
      timer = undefined;
      waiters.rejectAll(logError('LOG_CLOSED', 'the log is closed'));
    },
  };
}
