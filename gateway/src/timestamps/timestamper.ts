/**
 * The checkpoint timestamper: every anchored checkpoint gets an RFC 3161 token over its signed
 * note (docs/timestamps.md "What is timestamped"). It never blocks anchoring: an anchor only
 * records the checkpoint as pending (durably), and tokens are fetched one at a time in the
 * background; a failure (TSA down, a reply that does not verify) is retried with exponential
 * backoff, and the pending records survive a restart. backlog() is what /metrics shows.
 */
import { isElcError, toBase64, utf8 } from '@elc/core';
import type { TsaSource } from './tsa-source.js';
import type { PendingCheckpoint, StoredToken, TokenStore } from './token-store.js';

export const TIMESTAMP_RETRY_INITIAL_MS = 500;
export const TIMESTAMP_RETRY_MAX_MS = 60_000;

export interface TimestamperOptions {
  readonly store: TokenStore;
  readonly tsa: TsaSource;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  readonly now?: () => number;
  readonly onError?: (error: unknown, size: number) => void;
}

export interface TimestampBacklog {
  /** anchored checkpoints still without a token */
  readonly pending: number;
  readonly consecutiveFailures: number;
  readonly lastErrorCode: string | undefined;
  readonly tokensTotal: number;
  /** ms since the oldest pending checkpoint was queued in this process (0 when none) */
  readonly pendingMs: number;
}

export interface Timestamper {
  /** Re-queues the checkpoints left pending by an earlier run. */
  start(): Promise<void>;
  /** An anchored checkpoint: store it as pending and get its token in the background. */
  add(checkpoint: PendingCheckpoint): Promise<void>;
  tokenFor(size: number): Promise<StoredToken | undefined>;
  /** Resolves with the token of `size` once stored, or undefined when the signal aborts first. */
  waitForToken(size: number, signal: AbortSignal): Promise<StoredToken | undefined>;
  backlog(): TimestampBacklog;
  close(): Promise<void>;
}

export function createTimestamper(o: TimestamperOptions): Timestamper {
  const now = o.now ?? Date.now;
  const retryInitialMs = o.retryInitialMs ?? TIMESTAMP_RETRY_INITIAL_MS;
  const retryMaxMs = o.retryMaxMs ?? TIMESTAMP_RETRY_MAX_MS;
  const queue = new Map<number, PendingCheckpoint & { since: number }>();
  const waiters = new Map<number, Set<(t: StoredToken | undefined) => void>>();
  let failures = 0;
  let lastErrorCode: string | undefined;
  let tokensTotal = 0;
  let running: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  async function one(p: PendingCheckpoint): Promise<void> {
    const { token, info } = await o.tsa.timestamp(utf8(p.note));
    const stored: StoredToken = {
      size: p.size,
      token: toBase64(token),
      tsa: o.tsa.name,
      local: o.tsa.kind === 'local',
      genTime: info.genTime.toISOString(),
      serialNumber: info.serialNumber,
    };
    await o.store.put(stored);
    queue.delete(p.size);
    tokensTotal++;
    failures = 0;
    lastErrorCode = undefined;
    for (const w of waiters.get(p.size) ?? []) w(stored);
    waiters.delete(p.size);
  }

  function kick(delayMs = 0): void {
    if (closed || running !== undefined || queue.size === 0) return;
    if (timer !== undefined) {
      if (delayMs > 0) return;
      clearTimeout(timer);
    }
    const go = (): void => {
      timer = undefined;
      running = (async () => {
        for (const p of [...queue.values()].sort((a, b) => a.size - b.size)) {
          if (closed) return;
          await one(p);
        }
      })().then(
        () => {
          failures = 0;
          lastErrorCode = undefined;
          running = undefined;
          kick();
        },
        (e: unknown) => {
          failures++;
          lastErrorCode = isElcError(e) ? e.code : 'TSA_FAILED';
          running = undefined;
          o.onError?.(e, [...queue.keys()][0] ?? 0);
          kick(Math.min(retryMaxMs, retryInitialMs * 2 ** (failures - 1)));
        },
      );
    };
    if (delayMs === 0) go();
    else timer = setTimeout(go, delayMs);
  }

  return {
    async start() {
      for (const p of await o.store.pending()) queue.set(p.size, { ...p, since: now() });
      kick();
    },
    async add(p) {
      if (closed || queue.has(p.size) || (await o.store.get(p.size)) !== undefined) return;
      await o.store.addPending(p);
      queue.set(p.size, { ...p, since: now() });
      kick();
    },
    tokenFor: (size) => o.store.get(size),
    async waitForToken(size, signal) {
      const have = await o.store.get(size);
      if (have !== undefined || signal.aborted || closed) return have;
      return new Promise<StoredToken | undefined>((resolve) => {
        const set = waiters.get(size) ?? new Set();
        waiters.set(size, set);
        const done = (t: StoredToken | undefined): void => {
          set.delete(done);
          signal.removeEventListener('abort', onAbort);
          resolve(t);
        };
        const onAbort = (): void => done(undefined);
        set.add(done);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    backlog() {
      let oldest: number | undefined;
      for (const p of queue.values()) oldest = oldest === undefined ? p.since : Math.min(oldest, p.since);
      return {
        pending: queue.size,
        consecutiveFailures: failures,
        lastErrorCode,
        tokensTotal,
        pendingMs: oldest === undefined ? 0 : Math.max(0, now() - oldest),
      };
    },
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      await running?.catch(() => undefined);
      for (const set of waiters.values()) for (const w of [...set]) w(undefined);
      waiters.clear();
    },
  };
}
