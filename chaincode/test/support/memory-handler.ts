// TEST DOUBLE of fabric-shim's ChaincodeMessageHandler (the peer end of the chaincode stream),
// in process, for one transaction. The real ChaincodeStub calls it exactly as it calls the real
// handler; answers come from the TxSimulator double, and range and history answers are real
// protobuf QueryResponses read by the shim's own iterators.
import { createRequire } from 'node:module';
import { peer } from '@hyperledger/fabric-protos';
import { TxSimulator, emptyQueryResponse } from './tx-simulator.js';
import type { MemoryWorldState } from './world-state.js';

const requireFromShim = createRequire(createRequire(import.meta.url).resolve('fabric-shim'));

interface IteratorClass {
  new (handler: unknown, channelId: string, txId: string, response: peer.QueryResponse): unknown;
}
const { StateQueryIterator, HistoryQueryIterator } = requireFromShim('./lib/iterators.js') as {
  StateQueryIterator: IteratorClass;
  HistoryQueryIterator: IteratorClass;
};

export class MemoryTxHandler {
  private readonly sim: TxSimulator;

  constructor(world: MemoryWorldState, namespace: string) {
    this.sim = new TxSimulator(world, namespace);
  }

  get writes(): ReadonlyMap<string, Uint8Array | null> {
    return this.sim.writes;
  }

  handleGetState(collection: string, key: string): Promise<Buffer> {
    return Promise.resolve(Buffer.from(this.sim.getState(collection, key)));
  }

  handlePutState(collection: string, key: string, value: Uint8Array): Promise<Buffer> {
    this.sim.putState(collection, key, value);
    return Promise.resolve(Buffer.alloc(0));
  }

  handleDeleteState(collection: string, key: string): Promise<Buffer> {
    this.sim.delState(collection, key);
    return Promise.resolve(Buffer.alloc(0));
  }

  /** As the shim's handler decodes a GET_STATE_BY_RANGE answer: an iterator, plus metadata when paginated. */
  handleGetStateByRange(collection: string, startKey: string, endKey: string, channelId: string, txId: string, metadata?: Uint8Array) {
    const response = this.sim.range(collection, startKey, endKey, metadata);
    const iterator = new StateQueryIterator(this, channelId, txId, response);
    const metaBytes = response.getMetadata_asU8();
    if (metaBytes.length === 0) return Promise.resolve({ iterator });
    const meta = peer.QueryResponseMetadata.deserializeBinary(metaBytes);
    return Promise.resolve({ iterator, metadata: { bookmark: meta.getBookmark(), fetchedRecordsCount: meta.getFetchedRecordsCount() } });
  }

  handleQueryStateNext(): Promise<peer.QueryResponse> {
    return Promise.resolve(emptyQueryResponse('done'));
  }

  handleQueryStateClose(): Promise<peer.QueryResponse> {
    return Promise.resolve(emptyQueryResponse('closed'));
  }

  handleGetQueryResult(): Promise<never> {
    return Promise.reject(new Error('rich queries need CouchDB; the test peer is LevelDB-like'));
  }

  handleGetHistoryForKey(key: string, channelId: string, txId: string) {
    return Promise.resolve(new HistoryQueryIterator(this, channelId, txId, this.sim.history(key)));
  }

  handleInvokeChaincode(): Promise<never> {
    return Promise.reject(new Error('chaincode-to-chaincode calls are not supported by the test peer'));
  }
}
