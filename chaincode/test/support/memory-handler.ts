// TEST DOUBLE of fabric-shim's ChaincodeMessageHandler (the peer end of the chaincode stream),
// for one transaction. The real ChaincodeStub calls it exactly as it calls the real handler;
// range and history answers are real protobuf QueryResponses fed to the shim's own iterators.
// Like a peer, reads see committed state only (never this transaction's own writes), and the
// write set is applied by the caller only if the transaction succeeded.
import { createRequire } from 'node:module';
import { ledger, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb.js';
import type { MemoryWorldState } from './world-state.js';

const requireFromShim = createRequire(createRequire(import.meta.url).resolve('fabric-shim'));

interface IteratorClass {
  new (handler: unknown, channelId: string, txId: string, response: peer.QueryResponse): unknown;
}
const { StateQueryIterator, HistoryQueryIterator } = requireFromShim('./lib/iterators.js') as {
  StateQueryIterator: IteratorClass;
  HistoryQueryIterator: IteratorClass;
};

function queryResponse(items: readonly Uint8Array[], id: string): peer.QueryResponse {
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
  return response;
}

function kvBytes(namespace: string, key: string, value: Uint8Array): Uint8Array {
  const kv = new ledger.queryresult.KV();
  kv.setNamespace(namespace);
  kv.setKey(key);
  kv.setValue(value);
  return kv.serializeBinary();
}

export class MemoryTxHandler {
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

  handleGetState(collection: string, key: string): Promise<Buffer> {
    MemoryTxHandler.publicOnly(collection);
    const v = this.world.get(key);
    return Promise.resolve(Buffer.from(v ?? new Uint8Array()));
  }

  handlePutState(collection: string, key: string, value: Uint8Array): Promise<Buffer> {
    MemoryTxHandler.publicOnly(collection);
    if (key === '') return Promise.reject(new Error('key must not be an empty string'));
    this.writes.set(key, Uint8Array.from(value));
    return Promise.resolve(Buffer.alloc(0));
  }

  handleDeleteState(collection: string, key: string): Promise<Buffer> {
    MemoryTxHandler.publicOnly(collection);
    this.writes.set(key, null);
    return Promise.resolve(Buffer.alloc(0));
  }

  /** Range query; with QueryMetadata (pagination) the bookmark is the key to resume at, '' at the end. */
  handleGetStateByRange(collection: string, startKey: string, endKey: string, channelId: string, txId: string, metadata?: Uint8Array) {
    MemoryTxHandler.publicOnly(collection);
    let rows = this.world.range(startKey, endKey);
    let meta: { bookmark: string; fetchedRecordsCount: number } | undefined;
    if (metadata !== undefined) {
      const q = peer.QueryMetadata.deserializeBinary(metadata);
      const bookmark = q.getBookmark();
      if (bookmark !== '') rows = this.world.range(bookmark, endKey);
      const page = rows.slice(0, q.getPagesize());
      const next = rows[page.length];
      meta = { bookmark: next?.key ?? '', fetchedRecordsCount: page.length };
      rows = page;
    }
    const response = queryResponse(rows.map((r) => kvBytes(this.namespace, r.key, r.value)), `q${++this.queries}`);
    const iterator = new StateQueryIterator(this, channelId, txId, response);
    return Promise.resolve(meta === undefined ? { iterator } : { iterator, metadata: meta });
  }

  handleQueryStateNext(): Promise<peer.QueryResponse> {
    return Promise.resolve(queryResponse([], 'done'));
  }

  handleQueryStateClose(): Promise<peer.QueryResponse> {
    return Promise.resolve(queryResponse([], 'closed'));
  }

  handleGetQueryResult(): Promise<never> {
    return Promise.reject(new Error('rich queries need CouchDB; the test peer is LevelDB-like'));
  }

  handleGetHistoryForKey(key: string, channelId: string, txId: string) {
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
    return Promise.resolve(new HistoryQueryIterator(this, channelId, txId, queryResponse(items, `h${++this.queries}`)));
  }

  handleInvokeChaincode(): Promise<never> {
    return Promise.reject(new Error('chaincode-to-chaincode calls are not supported by the test peer'));
  }
}
