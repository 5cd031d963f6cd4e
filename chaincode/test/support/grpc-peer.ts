// TEST DOUBLE of a Fabric peer on the chaincode-as-a-service wire: it dials the chaincode's gRPC
// server (peer.Chaincode/Connect), answers REGISTER with REGISTERED and READY, sends TRANSACTION
// messages carrying signed proposals, and answers the chaincode's state requests from a
// TxSimulator over the in-memory world state. A transaction's write set is committed only when
// its COMPLETED response has a status below 400.
import * as grpc from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import type { TxResult } from './harness.js';
import { ProposalClock } from './harness.js';
import type { TestIdentity } from './identities.js';
import { TxSimulator, buildProposal, emptyQueryResponse } from '@elc/ledger-sim/runtime';
import { memoryStateReader } from './memory-handler.js';
import { MemoryWorldState } from './world-state.js';

const T = peer.ChaincodeMessage.Type;

interface Pending {
  readonly sim: TxSimulator;
  readonly resolve: (msg: peer.ChaincodeMessage) => void;
  readonly reject: (e: Error) => void;
}

export class GrpcPeer {
  readonly world = new MemoryWorldState();
  /** The chaincode id the chaincode registered with. */
  registeredAs: string | undefined;
  private readonly client: peer.ChaincodeClient;
  private stream: grpc.ClientDuplexStream<peer.ChaincodeMessage, peer.ChaincodeMessage> | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly clock: ProposalClock;

  constructor(
    address: string,
    private readonly channelId = 'elc',
    private readonly chaincodeName = 'elc',
    start?: Date,
  ) {
    this.client = new peer.ChaincodeClient(address, grpc.credentials.createInsecure());
    this.clock = new ProposalClock(start);
  }

  /** Connects (waiting up to `waitMs` for the server to listen) and completes the handshake. */
  async connect(waitMs: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.client.waitForReady(Date.now() + waitMs, (e) => (e ? reject(e) : resolve()));
    });
    const stream = this.client.connect();
    this.stream = stream;
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (msg: peer.ChaincodeMessage) => {
        if (msg.getType() === T.REGISTER) {
          this.registeredAs = peer.ChaincodeID.deserializeBinary(msg.getPayload_asU8()).getName();
          this.send(T.REGISTERED, '', '', new Uint8Array());
          this.send(T.READY, '', '', new Uint8Array());
          resolve();
          return;
        }
        void this.onMessage(msg);
      });
      stream.on('error', (e: Error) => {
        reject(e);
        for (const p of this.pending.values()) p.reject(e);
      });
    });
  }

  close(): void {
    this.stream?.end();
    this.client.close();
  }

  submit(identity: TestIdentity, fcn: string, ...args: string[]): Promise<TxResult> {
    return this.run(identity, fcn, args, true);
  }

  evaluate(identity: TestIdentity, fcn: string, ...args: string[]): Promise<TxResult> {
    return this.run(identity, fcn, args, false);
  }

  private async run(identity: TestIdentity, fcn: string, args: string[], commit: boolean): Promise<TxResult> {
    const p = buildProposal({ identity, channelId: this.channelId, chaincodeName: this.chaincodeName, args: [fcn, ...args], ...this.clock.next() });
    const sim = new TxSimulator(memoryStateReader(this.world), this.chaincodeName);
    const completed = new Promise<peer.ChaincodeMessage>((resolve, reject) => this.pending.set(p.txId, { sim, resolve, reject }));
    const msg = new peer.ChaincodeMessage();
    msg.setType(T.TRANSACTION);
    msg.setTxid(p.txId);
    msg.setChannelId(this.channelId);
    msg.setPayload(p.input.serializeBinary());
    msg.setProposal(p.signedProposal);
    this.stream?.write(msg);
    const done = await completed;
    this.pending.delete(p.txId);
    if (done.getType() !== T.COMPLETED) throw new Error(`chaincode answered ${done.getType()}: ${new TextDecoder().decode(done.getPayload_asU8())}`);
    const response = peer.Response.deserializeBinary(done.getPayload_asU8());
    const ok = response.getStatus() < 400;
    const committed = ok && commit;
    if (committed) this.world.commit(p.txId, { seconds: p.seconds, nanos: p.nanos }, sim.writes);
    const ev = done.getChaincodeEvent();
    const evName = ev?.getEventName() ?? '';
    return {
      txId: p.txId,
      status: response.getStatus(),
      message: response.getMessage(),
      payload: new TextDecoder().decode(response.getPayload_asU8()),
      event: ok && ev !== undefined && evName !== '' ? { name: evName, payload: JSON.parse(new TextDecoder().decode(ev.getPayload_asU8())) as unknown } : undefined,
      committed,
      writtenKeys: [...sim.writes.keys()],
      writeSet: new Map(sim.writes),
    };
  }

  private send(type: number, txId: string, channelId: string, payload: Uint8Array): void {
    const msg = new peer.ChaincodeMessage();
    msg.setType(type as peer.ChaincodeMessage.TypeMap[keyof peer.ChaincodeMessage.TypeMap]);
    msg.setTxid(txId);
    msg.setChannelId(channelId);
    msg.setPayload(payload);
    this.stream?.write(msg);
  }

  private async onMessage(msg: peer.ChaincodeMessage): Promise<void> {
    const txId = msg.getTxid();
    const channelId = msg.getChannelId();
    const pending = this.pending.get(txId);
    if (pending === undefined) return;
    const type = msg.getType();
    if (type === T.COMPLETED || type === T.ERROR) {
      pending.resolve(msg);
      return;
    }
    const payload = msg.getPayload_asU8();
    const { sim } = pending;
    try {
      let answer: Uint8Array;
      switch (type) {
        case T.GET_STATE: {
          const r = peer.GetState.deserializeBinary(payload);
          answer = await sim.getState(r.getCollection(), r.getKey());
          break;
        }
        case T.PUT_STATE: {
          const r = peer.PutState.deserializeBinary(payload);
          sim.putState(r.getCollection(), r.getKey(), r.getValue_asU8());
          answer = new Uint8Array();
          break;
        }
        case T.DEL_STATE: {
          const r = peer.DelState.deserializeBinary(payload);
          sim.delState(r.getCollection(), r.getKey());
          answer = new Uint8Array();
          break;
        }
        case T.GET_STATE_BY_RANGE: {
          const r = peer.GetStateByRange.deserializeBinary(payload);
          answer = (await sim.range(r.getCollection(), r.getStartkey(), r.getEndkey(), r.getMetadata_asU8())).serializeBinary();
          break;
        }
        case T.GET_HISTORY_FOR_KEY:
          answer = (await sim.history(peer.GetHistoryForKey.deserializeBinary(payload).getKey())).serializeBinary();
          break;
        case T.QUERY_STATE_NEXT:
        case T.QUERY_STATE_CLOSE:
          answer = emptyQueryResponse('done').serializeBinary();
          break;
        default:
          throw new Error(`the test peer does not handle message type ${type}`);
      }
      this.send(T.RESPONSE, txId, channelId, answer);
    } catch (e) {
      this.send(T.ERROR, txId, channelId, new TextEncoder().encode(e instanceof Error ? e.message : String(e)));
    }
  }
}
