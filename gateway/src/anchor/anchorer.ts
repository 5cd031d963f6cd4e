/**
 * The anchorer: puts the log's checkpoints on the ledger. After each new checkpoint (told through
 * notify(), or found by polling every interval) it submits AnchorCheckpoint with the consistency
 * proof from the last anchored size, and keeps the resulting anchor (channel, tx id, block).
 *
 * The ledger is the anchorer's memory: on start it reads the latest anchor of the origin from the
 * ledger, so a restart neither loses an anchor (the next checkpoint is anchored with a proof from
 * what the ledger holds) nor anchors one twice (a checkpoint at or below the anchored size is
 * skipped, and the chaincode answers a replay with the stored anchor). After any failure it
 * re-reads the latest anchor before retrying, with exponential backoff: an anchor whose answer
 * was lost is found there, and an anchor made by another gateway moves the proof's start.
 */
import { ElcError, isElcError } from '@elc/core';
import type { Anchor, LedgerPort, LogRecord } from '../ledger/index.js';
import { createSizeWaiters } from '../log/index.js';

/** The checkpoint interval (CHECKPOINT_INTERVAL_MS): polling faster finds nothing new. */
export const ANCHOR_POLL_INTERVAL_MS = 1000;
export const ANCHOR_RETRY_INITIAL_MS = 500;
export const ANCHOR_RETRY_MAX_MS = 30_000;

/** What the anchorer reads of the log (the LogService satisfies it). */
export interface AnchorSource {
  readonly origin: string;
  readonly hashAlg: string;
  /** the log's C2SP verifier key, registered on the ledger with the origin */
  readonly verifierKey: string | undefined;
  latestCheckpoint(): Promise<{ readonly size: number; readonly rootHash: Uint8Array; readonly note: string }>;
  consistencyProof(from: number, to: number): Promise<{ readonly proof: readonly Uint8Array[] }>;
  /** when present, waitForAnchor(size) anchors as soon as a checkpoint covers size instead of at the next poll */
  waitForCheckpoint?(size: number, options?: { readonly signal?: AbortSignal }): Promise<unknown>;
}

export interface AnchorTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: AnchorTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface AnchorerOptions {
  readonly source: AnchorSource;
  readonly ledger: Pick<LedgerPort, 'ensureLogRegistered' | 'getLatestAnchor' | 'anchorCheckpoint'>;
  /** GB/T 2260 region the log is registered under */
  readonly region: string;
  readonly pollIntervalMs?: number;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  readonly timers?: AnchorTimers;
  /** told of every failed attempt (it is retried); the HTTP side logs them */
  readonly onError?: (error: unknown) => void;
  /** told of every new anchor */
  readonly onAnchor?: (anchor: Anchor) => void;
}

/** For /metrics: how far the ledger is behind the log. */
export interface AnchorBacklog {
  /** size of the latest checkpoint the anchorer has seen */
  readonly checkpointSize: number;
  /** size of the latest anchor on the ledger (0 before the first) */
  readonly anchoredSize: number;
  /** checkpointSize - anchoredSize */
  readonly entries: number;
  /** when the oldest not-yet-anchored checkpoint was first seen (timers.now()), undefined when none */
  readonly pendingSince: number | undefined;
  /** ms since pendingSince (0 when nothing is pending) */
  readonly pendingMs: number;
  readonly consecutiveFailures: number;
  /** the code of the last failure, until an anchor succeeds */
  readonly lastErrorCode: string | undefined;
  readonly anchoredTotal: number;
}

export interface WaitForAnchorOptions {
  readonly signal?: AbortSignal;
}

export interface Anchorer {
  /** Registers the log on the ledger (once), reads the latest anchor, and starts anchoring. */
  start(): Promise<void>;
  /** A new checkpoint exists: anchor it now rather than at the next poll. */
  notify(): void;
  /** Resolves with the first anchor whose size >= `size` (ANCHOR_WAIT_ABORTED, ANCHORER_CLOSED). */
  waitForAnchor(size: number, options?: WaitForAnchorOptions): Promise<Anchor>;
  latestAnchor(): Anchor | undefined;
  backlog(): AnchorBacklog;
  /** Stops polling and retries; waits for an attempt in flight; rejects waiters with ANCHORER_CLOSED. */
  close(): Promise<void>;
}

export function createAnchorer(o: AnchorerOptions): Anchorer {
  const timers = o.timers ?? realTimers;
  const pollMs = o.pollIntervalMs ?? ANCHOR_POLL_INTERVAL_MS;
  const retryInitialMs = o.retryInitialMs ?? ANCHOR_RETRY_INITIAL_MS;
  const retryMaxMs = o.retryMaxMs ?? ANCHOR_RETRY_MAX_MS;
  const origin = o.source.origin;
  const waiters = createSizeWaiters<Anchor>();
  let anchored: Anchor | undefined;
  let checkpointSize = 0;
  let pendingSince: number | undefined;
  let failures = 0;
  let lastErrorCode: string | undefined;
  let anchoredTotal = 0;
  let started = false;
  let closed = false;
  let timer: unknown;
  let running: Promise<void> | undefined;
  let again = false;
  /** after a failure the ledger's latest anchor is re-read before the next attempt */
  let stale = false;

  function anchoredSize(): number {
    return anchored?.size ?? 0;
  }

  function setAnchored(a: Anchor | undefined): void {
    if (a === undefined || (anchored !== undefined && a.size <= anchored.size)) return;
    anchored = a;
    if (checkpointSize <= a.size) pendingSince = undefined;
    waiters.reach(a);
  }

  function seeCheckpoint(size: number): void {
    if (size > checkpointSize) checkpointSize = size;
    if (checkpointSize > anchoredSize()) pendingSince ??= timers.now();
  }

  async function attempt(): Promise<void> {
    if (stale) {
      setAnchored(await o.ledger.getLatestAnchor(origin));
      stale = false;
    }
    const cp = await o.source.latestCheckpoint();
    seeCheckpoint(cp.size);
    // Nothing new (or the ledger is already ahead of this checkpoint): never anchor twice.
    if (cp.size === 0 || cp.size <= anchoredSize()) return;
    const from = anchoredSize();
    const proof = from === 0 ? [] : (await o.source.consistencyProof(from, cp.size)).proof;
    const anchor = await o.ledger.anchorCheckpoint(origin, cp.note, proof);
    anchoredTotal++;
    failures = 0;
    lastErrorCode = undefined;
    setAnchored(anchor);
    o.onAnchor?.(anchor);
  }

  function schedule(ms: number): void {
    if (closed) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      run();
    }, ms);
  }

  /** One attempt at a time; a notify() during one runs another right after it. */
  function run(): void {
    if (closed || !started) return;
    if (running !== undefined) {
      again = true;
      return;
    }
    again = false;
    running = attempt().then(
      () => {
        failures = 0;
        lastErrorCode = undefined;
        running = undefined;
        if (again) run();
        else schedule(pollMs);
      },
      (e: unknown) => {
        failures++;
        lastErrorCode = isElcError(e) ? e.code : 'ANCHOR_FAILED';
        stale = true;
        running = undefined;
        o.onError?.(e);
        schedule(Math.min(retryMaxMs, retryInitialMs * 2 ** (failures - 1)));
      },
    );
  }

  return {
    async start() {
      if (started || closed) return;
      const vkey = o.source.verifierKey;
      if (vkey === undefined) throw new ElcError('ANCHORER_NO_KEY', 'the log has no verifier key to register on the ledger');
      if (o.source.hashAlg !== 'sha256' && o.source.hashAlg !== 'sm3') throw new ElcError('ANCHORER_NO_KEY', `hash algorithm ${o.source.hashAlg} cannot be registered`);
      const log: LogRecord = await o.ledger.ensureLogRegistered({ origin, vkey, hashAlg: o.source.hashAlg, region: o.region });
      if (log.hashAlg !== o.source.hashAlg) throw new ElcError('ANCHORER_LOG_MISMATCH', `the ledger has ${origin} with ${log.hashAlg}`);
      setAnchored(await o.ledger.getLatestAnchor(origin));
      started = true;
      run();
    },
    notify: run,
    waitForAnchor(size, options) {
      if (anchored !== undefined && anchored.size >= size) return Promise.resolve(anchored);
      if (closed) return Promise.reject(new ElcError('ANCHORER_CLOSED', 'the anchorer is closed'));
      const signal = options?.signal;
      const p = waiters.wait(size, signal, (reason) => new ElcError('ANCHOR_WAIT_ABORTED', `wait for an anchor of size ${size} aborted`, { cause: reason }));
      if (signal?.aborted === true) return p;
      run();
      // Anchor as soon as the log has a checkpoint covering `size`; if it cannot say, the poll will.
      o.source.waitForCheckpoint?.(size, signal === undefined ? undefined : { signal }).then(run, () => undefined);
      return p;
    },
    latestAnchor: () => anchored,
    backlog: () => ({
      checkpointSize,
      anchoredSize: anchoredSize(),
      entries: Math.max(0, checkpointSize - anchoredSize()),
      pendingSince,
      pendingMs: pendingSince === undefined ? 0 : Math.max(0, timers.now() - pendingSince),
      consecutiveFailures: failures,
      lastErrorCode,
      anchoredTotal,
    }),
    async close() {
      closed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      await running;
      waiters.rejectAll(new ElcError('ANCHORER_CLOSED', 'the anchorer is closed'));
    },
  };
}
