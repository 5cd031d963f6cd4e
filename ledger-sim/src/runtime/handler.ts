// The peer end of the chaincode stream, in process, for one transaction: fabric-shim's real
// ChaincodeStub calls it exactly as it calls the shim's ChaincodeMessageHandler, and the
// answers come from a TxSimulator. Range and history answers are real protobuf QueryResponses,
// read by the shim's own iterators.
import { createRequire } from 'node:module';
import { peer } from '@hyperledger/fabric-protos';
import { emptyQueryResponse } from './tx-simulator.js';
import type { TxSimulator } from './tx-simulator.js';

const requireFromShim = createRequire(createRequire(import.meta.url).resolve('fabric-shim'));

type IteratorClass = new (handler: unknown, channelId: string, txId: string, response: peer.QueryResponse) => unknown;
const { StateQueryIterator, HistoryQueryIterator } = requireFromShim('./lib/iterators.js') as {
  StateQueryIterator: IteratorClass;
  HistoryQueryIterator: IteratorClass;
};

export class SimulatorHandler {
  constructor(readonly sim: TxSimulator) {}

  async handleGetState(collection: string, key: string): Promise<Buffer> {
    return Buffer.from(await this.sim.getState(collection, key));
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
  async handleGetStateByRange(collection: string, startKey: string, endKey: string, channelId: string, txId: string, metadata?: Uint8Array) {
    const response = await this.sim.range(collection, startKey, endKey, metadata);
    const iterator = new StateQueryIterator(this, channelId, txId, response);
    const metaBytes = response.getMetadata_asU8();
    if (metaBytes.length === 0) return { iterator };
    const meta = peer.QueryResponseMetadata.deserializeBinary(metaBytes);
    return { iterator, metadata: { bookmark: meta.getBookmark(), fetchedRecordsCount: meta.getFetchedRecordsCount() } };
  }

  /** Every answer holds all its rows (has_more is false), so the shim never asks for more. */
  handleQueryStateNext(): Promise<peer.QueryResponse> {
    return Promise.resolve(emptyQueryResponse('done'));
  }

  handleQueryStateClose(): Promise<peer.QueryResponse> {
    return Promise.resolve(emptyQueryResponse('closed'));
  }

  handleGetQueryResult(): Promise<never> {
    return Promise.reject(new Error('rich queries need CouchDB; the in-process runtime has a LevelDB-like world state'));
  }

  async handleGetHistoryForKey(key: string, channelId: string, txId: string) {
    return new HistoryQueryIterator(this, channelId, txId, await this.sim.history(key));
  }

  handleInvokeChaincode(): Promise<never> {
    return Promise.reject(new Error('chaincode-to-chaincode calls are not supported by this runtime'));
  }
}
