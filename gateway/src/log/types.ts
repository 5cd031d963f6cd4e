/**
 * The public shape of the log engine: what the HTTP side (routes, metrics, CLI) codes against.
 * Hashes and leaves are Uint8Array; the HTTP layer base64-encodes them.
 */
import type { HashAlg, HashProvider } from '@elc/core';
import type { Receipt } from '@elc/core/receipt';
import type { Timers } from './batcher.js';
import type { LogStore } from './store.js';

/** One entry to append: `id` is the client's idempotency key, `leaf` the raw leaf bytes. */
export interface AppendEntry {
  readonly id: string;
  readonly leaf: Uint8Array;
  /**
   * H(0x00 || leaf) under the log's hash algorithm, when the caller has computed it already (the
   * ingest workers do, off the write path). The caller vouches for it: the log stores it as the
   * entry's tree leaf without hashing the leaf again. Omit it and the log hashes the leaf.
   */
  readonly leafHash?: Uint8Array;
}

/** What append() answers per entry: the batch-signed receipt format is @elc/core/receipt's. */
export type { Receipt };

/** A signed checkpoint (a C2SP signed note) as the log stores and serves it. */
export interface SignedCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** the whole signed note text, as served at /checkpoint */
  readonly note: string;
  /** when it was signed, ms since the Unix epoch */
  readonly time: number;
}

export interface LogEntry {
  readonly index: number;
  readonly leaf: Uint8Array;
  readonly leafHash: Uint8Array;
}

export interface InclusionProofResult {
  readonly index: number;
  readonly size: number;
  readonly leafHash: Uint8Array;
  readonly proof: Uint8Array[];
  readonly rootHash: Uint8Array;
}

export interface ConsistencyProofResult {
  readonly from: number;
  readonly to: number;
  readonly proof: Uint8Array[];
  readonly fromRoot: Uint8Array;
  readonly toRoot: Uint8Array;
}

/** Numbers for /metrics and the dashboard. */
export interface LogStats {
  /** entries durably sequenced (acknowledged) */
  readonly size: number;
  /** entries whose tree nodes are stored (equal to size: sequencing and integration commit together) */
  readonly integratedSize: number;
  /** entries accepted but not yet durably written (queue depth) */
  readonly pending: number;
  /** the queue bound past which append throws LOG_PUSHBACK */
  readonly maxPending: number;
  readonly checkpointSize: number;
  /** ms since the epoch, undefined before the first checkpoint */
  readonly checkpointTime: number | undefined;
  /** counters since start */
  readonly appendedTotal: number;
  readonly duplicateTotal: number;
  readonly batchesTotal: number;
  readonly pushbackTotal: number;
}

export interface WaitOptions {
  /** aborting rejects with LOG_WAIT_ABORTED; the HTTP side passes the request's close signal or a timeout */
  readonly signal?: AbortSignal;
}

/**
 * The durable evidence log. Writes go through one group-commit coordinator; reads go straight
 * to the store (and caches) and never wait for it.
 */
export interface LogService {
  readonly origin: string;
  readonly hashAlg: HashAlg;
  /** the log's verifier key (C2SP vkey text) when the service was given one */
  readonly verifierKey: string | undefined;

  /**
   * Sequences the entries atomically (all or none) and resolves once the batch holding them is
   * on disk, with one receipt per entry in input order. An id seen before with the same leaf gets
   * its original receipt and appends nothing. Throws LOG_PUSHBACK (retry later), LOG_ID_CONFLICT,
   * LOG_ENTRY_INVALID, LOG_ID_INVALID, LOG_APPEND_TOO_LARGE, LOG_CLOSED, LOG_STORE_FAILED.
   */
  append(entries: readonly AppendEntry[]): Promise<Receipt[]>;

  /** Resolves with the first checkpoint whose size >= `size` (LOG_SIZE_BEYOND_LOG if size > stats().size). */
  waitForCheckpoint(size: number, options?: WaitOptions): Promise<SignedCheckpoint>;
  /** The latest signed checkpoint (the empty tree's right after the first start). */
  latestCheckpoint(): Promise<SignedCheckpoint>;

  // Reads throw LOG_CLOSED once close() has finished.
  /** LOG_INDEX_OUT_OF_RANGE unless index < stats().size */
  entry(index: number): Promise<LogEntry>;
  /** index < size <= latest checkpoint size, else LOG_INDEX_OUT_OF_RANGE / LOG_SIZE_BEYOND_CHECKPOINT */
  inclusionProof(index: number, size: number): Promise<InclusionProofResult>;
  /** 1 <= from <= to <= latest checkpoint size (from = 0 is refused: no proof exists) */
  consistencyProof(from: number, to: number): Promise<ConsistencyProofResult>;

  /**
   * C2SP tlog-tiles tile bytes (width * 32). `width` undefined = full tile (256 hashes).
   * LOG_TILE_NOT_FOUND when the tile (at that width) is beyond the log.
   */
  readTile(level: number, index: number, width?: number): Promise<Uint8Array>;
  /** C2SP entry bundle: each entry as big-endian uint16 length + bytes. */
  readEntryBundle(index: number, width?: number): Promise<Uint8Array>;

  stats(): LogStats;
  /** Stops accepting appends, flushes what was accepted, publishes a last checkpoint, closes the store. */
  close(): Promise<void>;
}

/** The signing half of a C2SP note key (structurally @elc/core's NoteSigner). */
export interface LogSigner {
  readonly name: string;
  readonly keyId: number;
  sign(msg: Uint8Array): Uint8Array;
}

/** Limits and timings; every field has a named default (batcher.ts, checkpointer.ts). */
export interface LogLimits {
  /** flush a batch when it holds this many entries (BATCH_MAX_SIZE = 256) */
  readonly batchMaxSize?: number;
  /** flush a batch when its oldest entry waited this long (BATCH_MAX_AGE_MS = 10) */
  readonly batchMaxAgeMs?: number;
  /** entries accepted but not yet durable; past this append throws LOG_PUSHBACK (BATCH_MAX_PENDING = 16384) */
  readonly maxPending?: number;
  /** at most one checkpoint per this many ms, and only when the tree grew (CHECKPOINT_INTERVAL_MS = 1000) */
  readonly checkpointIntervalMs?: number;
  /** full tiles kept in memory for proofs and tile reads, ~16 KB each (TILE_CACHE_SIZE = 4096) */
  readonly tileCacheSize?: number;
}

export interface LogServiceOptions {
  readonly store: LogStore;
  readonly hashAlg: HashAlg;
  /** checkpoint origin line (c2sp.org/tlog-checkpoint); also the key name */
  readonly origin: string;
  readonly signer: LogSigner;
  /** the vkey text served at /v1/log/key (optional; reported back as LogService.verifierKey) */
  readonly verifierKey?: string;
  /** ms since the epoch; injected so tests are deterministic (default Date.now) */
  readonly clock?: () => number;
  readonly limits?: LogLimits;
  /** told of background failures (a checkpoint that could not be stored); the HTTP side logs them */
  readonly onError?: (error: unknown) => void;
  /** overrides nativeHashProvider(hashAlg) (tests count hash calls with it) */
  readonly hashProvider?: HashProvider;
  /** overrides the real timers that drive batch ages and checkpoint intervals (tests) */
  readonly timers?: Timers;
}
