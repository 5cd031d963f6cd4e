// The chaincode, in process, through the real contract router: fabric-shim's ChaincodeFromContract
// over the compiled contracts (chaincode/dist, so decorator metadata is tsc's), a real
// ChaincodeStub per transaction built from a signed proposal, and the in-memory peer double.
// A transaction's writes are committed only when the router answers with a status below 400,
// which is what makes a refused batch leave no trace.
// The runtime sets the shim's log level as it loads; first, so @elc/chaincode's decorators are quiet too.
import { ChaincodeFromContract, ChaincodeStub, buildProposal } from '@elc/ledger-sim/runtime';
import type { RouterInstance } from '@elc/ledger-sim/runtime';
import fabricContractApi from 'fabric-contract-api';
import { contracts } from '@elc/chaincode';
import { parseLedgerErrorMessage } from '@elc/chaincode/domain';
import type { LedgerErrorJson } from '@elc/chaincode/domain';
import type { TestIdentity } from './identities.js';
import { MemoryTxHandler } from './memory-handler.js';
import { MemoryWorldState } from './world-state.js';

export interface TxResult {
  readonly txId: string;
  readonly status: number;
  readonly message: string;
  readonly payload: string;
  readonly event: { readonly name: string; readonly payload: unknown } | undefined;
  readonly committed: boolean;
  /** The keys this transaction wrote (committed or not). */
  readonly writtenKeys: readonly string[];
  /** The write set, as the peer would put it in the endorsement (null = delete). */
  readonly writeSet: ReadonlyMap<string, Uint8Array | null>;
}

export interface HarnessOptions {
  readonly channelId?: string;
  readonly chaincodeName?: string;
  /** Time of the first transaction; each further transaction is one second later. */
  readonly start?: Date;
}

/** The first proposal time unless a harness is given another. */
export const DEFAULT_START = new Date('2026-03-01T08:00:00.000Z');

/** Proposal times one second apart and counter nonces: two drivers given the same calls build the same proposals. */
export class ProposalClock {
  private time: number;
  private nonce = 0;

  constructor(start = DEFAULT_START) {
    this.time = start.getTime();
  }

  setTime(date: Date): void {
    this.time = date.getTime();
  }

  next(): { time: Date; nonce: Uint8Array } {
    const nonce = new Uint8Array(24);
    new DataView(nonce.buffer).setUint32(20, ++this.nonce);
    const time = new Date(this.time);
    this.time += 1000;
    return { time, nonce };
  }
}

export class ContractHarness {
  readonly world = new MemoryWorldState();
  readonly router: RouterInstance;
  readonly channelId: string;
  readonly chaincodeName: string;
  private readonly clock: ProposalClock;

  constructor(options: HarnessOptions = {}) {
    this.channelId = options.channelId ?? 'elc';
    this.chaincodeName = options.chaincodeName ?? 'elc';
    this.clock = new ProposalClock(options.start);
    const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: fabricContractApi.JSONSerializer } };
    this.router = new ChaincodeFromContract([...contracts], serializers, {}, '@elc/chaincode', '0.1.0');
  }

  /** The next transaction's proposal time. */
  setTime(date: Date): void {
    this.clock.setTime(date);
  }

  /** Endorses and, if the chaincode succeeds, commits. */
  submit(identity: TestIdentity, fcn: string, ...args: string[]): Promise<TxResult> {
    return this.run(identity, fcn, args, true);
  }

  /** Endorses only (a query): nothing is committed whatever the chaincode wrote. */
  evaluate(identity: TestIdentity, fcn: string, ...args: string[]): Promise<TxResult> {
    return this.run(identity, fcn, args, false);
  }

  /** As `submit`, through the router's Init: what a peer sends for `peer chaincode invoke --isInit`. */
  init(identity: TestIdentity, fcn: string, ...args: string[]): Promise<TxResult> {
    return this.run(identity, fcn, args, true, true);
  }

  private async run(identity: TestIdentity, fcn: string, args: string[], commit: boolean, init = false): Promise<TxResult> {
    const proposal = buildProposal({ identity, channelId: this.channelId, chaincodeName: this.chaincodeName, args: [fcn, ...args], ...this.clock.next() });
    const handler = new MemoryTxHandler(this.world, this.chaincodeName);
    const stub = new ChaincodeStub(handler, this.channelId, proposal.txId, proposal.input, proposal.signedProposal);
    const response = await (init ? this.router.Init(stub) : this.router.Invoke(stub));
    const ok = response.status < 400;
    const committed = ok && commit;
    if (committed) this.world.commit(proposal.txId, { seconds: proposal.seconds, nanos: proposal.nanos }, handler.writes);
    const ev = stub.chaincodeEvent;
    return {
      txId: proposal.txId,
      status: response.status,
      message: response.message ?? '',
      payload: new TextDecoder().decode(response.payload ?? new Uint8Array()),
      event: ok && ev !== undefined ? { name: ev.getEventName(), payload: JSON.parse(new TextDecoder().decode(ev.getPayload_asU8())) as unknown } : undefined,
      committed,
      writtenKeys: [...handler.writes.keys()],
      writeSet: new Map(handler.writes),
    };
  }
}

/** The parsed result of a successful transaction; throws with the chaincode's message otherwise. */
export function ok<T = Record<string, unknown>>(r: TxResult): T {
  if (r.status !== 200) throw new Error(`expected success, got ${r.status}: ${r.message}`);
  return JSON.parse(r.payload) as T;
}

/** The JSON error of a refused transaction; throws if it succeeded or the message is not one. */
export function refused(r: TxResult): LedgerErrorJson {
  if (r.status < 400) throw new Error(`expected a refusal, got ${r.status}: ${r.payload}`);
  const e = parseLedgerErrorMessage(r.message);
  if (e === undefined) throw new Error(`refusal without a JSON error: ${r.message}`);
  return e;
}
