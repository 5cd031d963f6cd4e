// Runs one transaction of a chaincode in process through fabric-contract-api's real router
// (fabric-shim's ChaincodeFromContract) and a real ChaincodeStub built from a signed proposal,
// over a TxSimulator: the same code path as chaincode-as-a-service, minus the gRPC stream.
import './quiet-logs.js';
import { createRequire } from 'node:module';
import fabricContractApi from 'fabric-contract-api';
import type { peer } from '@hyperledger/fabric-protos';
import { SimulatorHandler } from './handler.js';
import type { BuiltProposal } from './proposal.js';
import type { RangeRead } from './tx-simulator.js';
import { TxSimulator } from './tx-simulator.js';
import type { Version, WorldStateReader } from './world-state.js';

const requireFromShim = createRequire(createRequire(import.meta.url).resolve('fabric-shim'));

export interface ShimResponse {
  status: number;
  message?: string;
  payload?: Uint8Array;
}
/** fabric-shim's ChaincodeFromContract: the contract router a chaincode server runs. */
export interface RouterInstance {
  metadata: unknown;
  Invoke(stub: unknown): Promise<ShimResponse>;
  Init(stub: unknown): Promise<ShimResponse>;
}
export type RouterClass = new (contracts: unknown[], serializers: unknown, metadata: object, title: string, version: string) => RouterInstance;
export type StubClass = new (handler: unknown, channelId: string, txId: string, input: peer.ChaincodeInput, signedProposal: peer.SignedProposal) => {
  chaincodeEvent?: { getEventName(): string; getPayload_asU8(): Uint8Array };
};

export const ChaincodeFromContract = requireFromShim('./lib/contract-spi/chaincodefromcontract.js') as RouterClass;
export const ChaincodeStub = requireFromShim('./lib/stub.js') as StubClass;

/** Below this, the shim's response is a success (Fabric: status < 400 is endorsed). */
export const SHIM_ERROR_THRESHOLD = 400;

export interface Execution {
  readonly txId: string;
  readonly status: number;
  /** the refusal message (the chaincode's JSON error) when status >= 400 */
  readonly message: string;
  readonly payload: Uint8Array;
  /** the transaction's one chaincode event, on success */
  readonly event: { readonly name: string; readonly payload: Uint8Array } | undefined;
  readonly reads: ReadonlyMap<string, Version | null>;
  readonly rangeReads: readonly RangeRead[];
  /** null deletes */
  readonly writes: ReadonlyMap<string, Uint8Array | null>;
}

export interface ChaincodeRuntimeOptions {
  /** the contract classes (a chaincode module's `contracts`) */
  readonly contracts: readonly unknown[];
  readonly chaincodeName: string;
  readonly title?: string;
  readonly version?: string;
}

export interface ChaincodeRuntime {
  readonly chaincodeName: string;
  /** Simulates the proposal against committed state; commits nothing. */
  execute(proposal: BuiltProposal, channelId: string, world: WorldStateReader): Promise<Execution>;
}

/** The serializer configuration fabric-chaincode-node gives the router. */
export const JSON_SERIALIZERS = { transaction: 'jsonSerializer', serializers: { jsonSerializer: fabricContractApi.JSONSerializer } } as const;

export function createChaincodeRuntime(options: ChaincodeRuntimeOptions): ChaincodeRuntime {
  const serializers = JSON_SERIALIZERS;
  const router = new ChaincodeFromContract([...options.contracts], serializers, {}, options.title ?? options.chaincodeName, options.version ?? '0.0.0');
  return {
    chaincodeName: options.chaincodeName,
    async execute(proposal, channelId, world) {
      const sim = new TxSimulator(world, options.chaincodeName);
      const stub = new ChaincodeStub(new SimulatorHandler(sim), channelId, proposal.txId, proposal.input, proposal.signedProposal);
      const response = await router.Invoke(stub);
      const ok = response.status < SHIM_ERROR_THRESHOLD;
      const ev = stub.chaincodeEvent;
      const name = ev?.getEventName() ?? '';
      return {
        txId: proposal.txId,
        status: response.status,
        message: response.message ?? '',
        payload: new Uint8Array(response.payload ?? new Uint8Array()),
        event: ok && ev !== undefined && name !== '' ? { name, payload: new Uint8Array(ev.getPayload_asU8()) } : undefined,
        reads: sim.reads,
        rangeReads: sim.rangeReads,
        writes: sim.writes,
      };
    },
  };
}
