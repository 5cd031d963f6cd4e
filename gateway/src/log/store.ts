/**
 * The durable state of one log, behind one interface with two implementations (memory-store.ts,
 * level-store.ts) that pass one contract suite (store.contract.ts).
 *
 * The log is written by exactly one coordinator (log-service.ts). Each group commit is ONE atomic
 * write: the new entries, their receipts (id -> receipt, for idempotency), the tiles whose nodes
 * they added (tile-nodes.ts) and the new compact-range state. A store implementation resolves `append` only when
 * that write is on disk (LevelDB: `sync: true`), which is what makes an acknowledgement durable.
 */
import type { Receipt, SignedCheckpoint } from './types.js';

/** A perfect subtree of the RFC 6962 tree: level 0 = leaf hashes, `index` counts from the left. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** A C2SP tile address: tile level L (tree level 8L), index N. */
export interface TileId {
  readonly level: number;
  readonly index: number;
}

/** A tile's stored value: every node of its subtree, row by row (tile-nodes.ts). */
export interface StoredTile extends TileId {
  readonly nodes: Uint8Array;
}

/**
 * The compact range [0, size): the roots of the perfect subtrees that make up the tree, largest
 * (leftmost) first, one per set bit of `size`. Enough to continue appending and to compute the
 * root without reading the log (transparency-dev/merkle compact ranges).
 */
export interface TreeState {
  readonly size: number;
  readonly hashes: readonly Uint8Array[];
}

/** What the log was created as; a store refuses to serve another origin or hash algorithm. */
export interface LogConfig {
  readonly origin: string;
  readonly hashAlg: string;
}

/** One group commit. */
export interface LogWrite {
  /** the tree size the store is at before this write; a store at another size refuses it */
  readonly fromSize: number;
  /** leaves fromSize, fromSize + 1, ... */
  readonly leaves: readonly Uint8Array[];
  /** one receipt per new leaf, keyed by receipt.id */
  readonly receipts: readonly Receipt[];
  /** the new values of every tile these leaves added nodes to (replacing the stored ones) */
  readonly tiles: readonly StoredTile[];
  /** the compact range after the write; state.size = fromSize + leaves.length */
  readonly state: TreeState;
}

export interface LogStore {
  /** The stored config, or undefined for a new store. */
  readConfig(): Promise<LogConfig | undefined>;
  /** Records the config of a new store (durably). */
  writeConfig(config: LogConfig): Promise<void>;

  /** The compact range at the stored size ({size: 0, hashes: []} for a new store). */
  readState(): Promise<TreeState>;
  /** Atomic and durable; throws LOG_STORE_CORRUPT if write.fromSize is not the stored size. */
  append(write: LogWrite): Promise<void>;

  getEntry(index: number): Promise<Uint8Array | undefined>;
  /** Entries [start, start + count) that exist, in order (fewer at the end of the log). */
  getEntries(start: number, count: number): Promise<Uint8Array[]>;
  /** The stored receipt of each id (undefined where none), in input order. */
  getReceipts(ids: readonly string[]): Promise<(Receipt | undefined)[]>;

  /** The stored value of each tile (undefined where none), in input order. */
  getTiles(ids: readonly TileId[]): Promise<(Uint8Array | undefined)[]>;

  /** Stores a checkpoint durably; sizes only grow (LOG_STORE_CORRUPT for a size below the latest). */
  putCheckpoint(checkpoint: SignedCheckpoint): Promise<void>;
  latestCheckpoint(): Promise<SignedCheckpoint | undefined>;
  /** The checkpoint stored for exactly this size, if any. */
  getCheckpoint(size: number): Promise<SignedCheckpoint | undefined>;
  /** Stored checkpoints with size >= fromSize, ascending, at most `limit`. */
  listCheckpoints(fromSize: number, limit: number): Promise<SignedCheckpoint[]>;

  close(): Promise<void>;
}
