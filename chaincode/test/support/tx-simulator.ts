// TEST DOUBLE of a peer's transaction simulator, for one transaction: answers the shim's state
// requests with the bytes and protobuf messages a peer sends. Like a peer, reads see committed
// state only (never this transaction's own writes); the write set is applied by the caller only
// if the transaction succeeded. Used in process (memory-handler.ts) and over gRPC (grpc-peer.ts).
import { ledger, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb.js';
import type { MemoryWorldState } from './world-state.js';

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

export class TxSimulator {
  /** This transaction's writes, in order; null deletes. */
  readonly writes = new Map<string, Uint8Array | null>();
  private queries = 0;

  constructor(
    private readonly world: MemoryWorldState,
    private readonly namespace: string,
  ) {}

  private static publicOnly(collection: string): void {
    if (collection !== '') throw new Error('private data collections are not supported by the test peer');
  }

  getState(collection: string, key: string): Uint8Array {
    TxSimulator.publicOnly(collection);
    return this.world.get(key) ?? new Uint8Array();
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
  range(collection: string, startKey: string, endKey: string, metadata?: Uint8Array): peer.QueryResponse {
    TxSimulator.publicOnly(collection);
    let rows = this.world.range(startKey, endKey);
    let meta: { bookmark: string; fetchedRecordsCount: number } | undefined;
    if (metadata !== undefined && metadata.length > 0) {
      const q = peer.QueryMetadata.deserializeBinary(metadata);
      const bookmark = q.getBookmark();
      if (bookmark !== '') rows = this.world.range(bookmark, endKey);
      const page = rows.slice(0, q.getPagesize());
      meta = { bookmark: rows[page.length]?.key ?? '', fetchedRecordsCount: page.length };
      rows = page;
    }
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
  history(key: string): peer.QueryResponse {
    const items = this.world.historyOf(key).map((h) => {
      const m = new ledger.queryresult.KeyModification();
      m.setTxId(h.txId);
      m.setValue(h.value);
      m.setIsDelete(h.isDelete);
      const ts = new Timestamp();
      ts.setSeconds(h.seconds);
      ts.setNanos(h.nanos);
      m.setTimestamp(ts);
      return m.serializeBinary();
    });
    return queryResponse(items, `h${++this.queries}`);
  }
}
