// A peer's transaction simulator, for one transaction: answers the shim's state requests with
// the bytes and protobuf messages a peer sends, from the committed world state, and records the
// read set (key and version) and the write set. Like a peer, reads see committed state only,
// never this transaction's own writes; the caller commits the write set only on success.
import { ledger, peer } from '@hyperledger/fabric-protos';
import timestampPb from 'google-protobuf/google/protobuf/timestamp_pb.js';
import type { HistoryRecord, Version, WorldStateReader } from './world-state.js';

// CommonJS: Node's ESM loader cannot see its named exports.
const { Timestamp } = timestampPb;

export interface RangeRead {
  readonly startKey: string;
  readonly endKey: string;
  /** the keys the query returned, in order */
  readonly keys: readonly string[];
}

function queryResponse(items: readonly Uint8Array[], id: string, metadata?: { bookmark: string; fetchedRecordsCount: number }): peer.QueryResponse {
  const response = new peer.QueryResponse();
  response.setResultsList(
    items.map((bytes) => {
      const r = new peer.QueryResultBytes();
      r.setResultbytes(bytes);
      return r;
    }),
  );
  response.setHasMore(false);
  response.setId(id);
  if (metadata !== undefined) {
    const m = new peer.QueryResponseMetadata();
    m.setBookmark(metadata.bookmark);
    m.setFetchedRecordsCount(metadata.fetchedRecordsCount);
    response.setMetadata(m.serializeBinary());
  }
  return response;
}

export function emptyQueryResponse(id: string): peer.QueryResponse {
  return queryResponse([], id);
}

function historyItem(h: HistoryRecord): Uint8Array {
  const m = new ledger.queryresult.KeyModification();
  m.setTxId(h.txId);
  m.setValue(h.value);
  m.setIsDelete(h.isDelete);
  const ts = new Timestamp();
  ts.setSeconds(h.seconds);
  ts.setNanos(h.nanos);
  m.setTimestamp(ts);
  return m.serializeBinary();
}

export class TxSimulator {
  /** This transaction's writes, in order; null deletes. */
  readonly writes = new Map<string, Uint8Array | null>();
  /** Keys read, with the version read (null: the key did not exist). */
  readonly reads = new Map<string, Version | null>();
  readonly rangeReads: RangeRead[] = [];
  private queries = 0;

  constructor(
    private readonly world: WorldStateReader,
    private readonly namespace: string,
  ) {}

  private static publicOnly(collection: string): void {
    if (collection !== '') throw new Error('private data collections are not supported by the in-process runtime');
  }

  async getState(collection: string, key: string): Promise<Uint8Array> {
    TxSimulator.publicOnly(collection);
    const v = await this.world.get(key);
    if (!this.reads.has(key)) this.reads.set(key, v?.version ?? null);
    return v?.value ?? new Uint8Array();
  }

  putState(collection: string, key: string, value: Uint8Array): void {
    TxSimulator.publicOnly(collection);
    if (key === '') throw new Error('key must not be an empty string');
    this.writes.set(key, Uint8Array.from(value));
  }

  delState(collection: string, key: string): void {
    TxSimulator.publicOnly(collection);
    this.writes.set(key, null);
  }

  /** Range query; with QueryMetadata (pagination) the bookmark is the key to resume at, '' at the end. */
  async range(collection: string, startKey: string, endKey: string, metadata?: Uint8Array): Promise<peer.QueryResponse> {
    TxSimulator.publicOnly(collection);
    let rows;
    let meta: { bookmark: string; fetchedRecordsCount: number } | undefined;
    if (metadata !== undefined && metadata.length > 0) {
      const q = peer.QueryMetadata.deserializeBinary(metadata);
      const bookmark = q.getBookmark();
      const pageSize = q.getPagesize();
      // One row past the page tells where the next page starts.
      const all = await this.world.range(bookmark !== '' ? bookmark : startKey, endKey, pageSize + 1);
      rows = all.slice(0, pageSize);
      meta = { bookmark: all[rows.length]?.key ?? '', fetchedRecordsCount: rows.length };
    } else {
      rows = await this.world.range(startKey, endKey);
    }
    this.rangeReads.push({ startKey, endKey, keys: rows.map((r) => r.key) });
    for (const r of rows) if (!this.reads.has(r.key)) this.reads.set(r.key, r.version);
    const items = rows.map((r) => {
      const kv = new ledger.queryresult.KV();
      kv.setNamespace(this.namespace);
      kv.setKey(r.key);
      kv.setValue(r.value);
      return kv.serializeBinary();
    });
    return queryResponse(items, `q${++this.queries}`, meta);
  }

  /** Every committed version of the key, newest first. */
  async history(key: string): Promise<peer.QueryResponse> {
    const items = (await this.world.history(key)).map(historyItem);
    return queryResponse(items, `h${++this.queries}`);
  }
}
