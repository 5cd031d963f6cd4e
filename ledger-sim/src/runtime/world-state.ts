// What a transaction simulator reads: the committed world state with versions, and the history
// database. Keys are Fabric keys (composite keys included) ordered by their UTF-8 bytes.

/** Fabric's key version: the block and the transaction in it that last wrote the key. */
export interface Version {
  readonly blockNumber: number;
  readonly txNumber: number;
}

export interface VersionedValue {
  readonly value: Uint8Array;
  readonly version: Version;
}

export interface StateRow extends VersionedValue {
  readonly key: string;
}

/** One committed version of a key, as getHistoryForKey returns it. */
export interface HistoryRecord {
  readonly txId: string;
  readonly seconds: number;
  readonly nanos: number;
  readonly value: Uint8Array;
  readonly isDelete: boolean;
}

export interface WorldStateReader {
  get(key: string): Promise<VersionedValue | undefined>;
  /** Keys in [start, end) (end '' = unbounded) in UTF-8 byte order, at most `limit` of them. */
  range(start: string, end: string, limit?: number): Promise<StateRow[]>;
  /** Every committed version of the key, newest first (as Fabric 2.x returns history). */
  history(key: string): Promise<HistoryRecord[]>;
}
