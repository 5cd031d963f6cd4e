// TEST DOUBLE of a Fabric peer's Gateway service (gateway.Gateway: Endorse, Submit, CommitStatus,
// Evaluate, ChaincodeEvents) over real gRPC with TLS, built with @grpc/grpc-js and the service
// definition of @hyperledger/fabric-protos. It executes the REAL chaincode (endorser.ts) over an
// in-memory channel (channel-ledger.ts). There is no Fabric peer on these machines (no Docker):
// this server is what the Fabric ledger adapter is tested against. What it does not do is listed
// in docs/fabric.md ("The Gateway test server").
//
// Errors are the ones a Fabric 2.5 gateway returns (fabric internal/pkg/gateway/api.go): a
// chaincode error is Endorse ABORTED / Evaluate UNKNOWN with a gateway.ErrorDetail per endorser
// whose message is `chaincode response <status>, <message>`, in grpc-status-details-bin.
import { createVerify } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { common, gateway, google, msp, orderer, peer } from '@hyperledger/fabric-protos';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import type { SigningIdentity } from '@elc/ledger-sim/runtime';
import { ChannelLedger } from './channel-ledger.js';
import type { BlockRecord } from './channel-ledger.js';
import { Endorser, ProposalRejected } from './endorser.js';

const { Any } = anyPb;

export interface GatewayTestServerOptions {
  readonly channel: string;
  readonly chaincode: string;
  /** CA certificate (PEM) per MSP id */
  readonly msps: ReadonlyMap<string, string>;
  /** the peer's identity (signs endorsements); its MSP appears in error details */
  readonly peer: SigningIdentity;
  readonly tls: { readonly certPem: string; readonly keyPem: string };
  /** host:port to listen on (default 127.0.0.1:0) */
  readonly address?: string;
}

export interface GatewayCallCounts {
  endorse: number;
  submit: number;
  commitStatus: number;
  evaluate: number;
  chaincodeEvents: number;
}

function serviceError(code: grpc.status, message: string, details: { address: string; mspId: string; message: string }[] = []): grpc.ServiceError {
  const metadata = new grpc.Metadata();
  if (details.length > 0) {
    const status = new google.rpc.Status();
    status.setCode(code);
    status.setMessage(message);
    status.setDetailsList(
      details.map((d) => {
        const detail = new gateway.ErrorDetail();
        detail.setAddress(d.address);
        detail.setMspId(d.mspId);
        detail.setMessage(d.message);
        const any = new Any();
        any.setTypeUrl('type.googleapis.com/gateway.ErrorDetail');
        any.setValue(detail.serializeBinary());
        return any as never;
      }),
    );
    metadata.set('grpc-status-details-bin', Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(message), { code, details: message, metadata });
}

export class GatewayTestServer {
  readonly ledger: ChannelLedger;
  readonly calls: GatewayCallCounts = { endorse: 0, submit: 0, commitStatus: 0, evaluate: 0, chaincodeEvents: 0 };
  private readonly endorser: Endorser;
  private readonly server = new grpc.Server();
  private readonly streams = new Set<grpc.ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>>();
  private port = 0;

  private constructor(private readonly options: GatewayTestServerOptions) {
    this.endorser = new Endorser({ channel: options.channel, chaincode: options.chaincode, msps: options.msps, peer: options.peer });
    this.ledger = new ChannelLedger(this.endorser, options.chaincode);
  }

  static async start(options: GatewayTestServerOptions): Promise<GatewayTestServer> {
    const s = new GatewayTestServer(options);
    await s.listen();
    return s;
  }

  get endpoint(): string {
    return `127.0.0.1:${this.port}`;
  }

  private get address(): string {
    return `peer0.${this.options.peer.mspId}:${this.port}`;
  }

  private async listen(): Promise<void> {
    this.server.addService(gateway.GatewayService, {
      endorse: (call: grpc.ServerUnaryCall<gateway.EndorseRequest, gateway.EndorseResponse>, cb: grpc.sendUnaryData<gateway.EndorseResponse>) => {
        this.calls.endorse++;
        this.endorse(call.request).then((r) => cb(null, r), (e: unknown) => cb(this.asServiceError(e)));
      },
      submit: (call: grpc.ServerUnaryCall<gateway.SubmitRequest, gateway.SubmitResponse>, cb: grpc.sendUnaryData<gateway.SubmitResponse>) => {
        this.calls.submit++;
        try {
          cb(null, this.submit(call.request));
        } catch (e) {
          cb(this.asServiceError(e));
        }
      },
      commitStatus: (call: grpc.ServerUnaryCall<gateway.SignedCommitStatusRequest, gateway.CommitStatusResponse>, cb: grpc.sendUnaryData<gateway.CommitStatusResponse>) => {
        this.calls.commitStatus++;
        this.commitStatus(call.request).then((r) => cb(null, r), (e: unknown) => cb(this.asServiceError(e)));
      },
      evaluate: (call: grpc.ServerUnaryCall<gateway.EvaluateRequest, gateway.EvaluateResponse>, cb: grpc.sendUnaryData<gateway.EvaluateResponse>) => {
        this.calls.evaluate++;
        this.evaluate(call.request).then((r) => cb(null, r), (e: unknown) => cb(this.asServiceError(e)));
      },
      chaincodeEvents: (call: grpc.ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>) => {
        this.calls.chaincodeEvents++;
        this.chaincodeEvents(call);
      },
    });
    const credentials = grpc.ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(this.options.tls.certPem), private_key: Buffer.from(this.options.tls.keyPem) }], false);
    this.port = await new Promise<number>((resolve, reject) => {
      this.server.bindAsync(this.options.address ?? '127.0.0.1:0', credentials, (err, port) => (err === null ? resolve(port) : reject(err)));
    });
  }

  private asServiceError(e: unknown): grpc.ServiceError {
    if (e instanceof Error && typeof (e as Partial<grpc.ServiceError>).code === 'number' && (e as Partial<grpc.ServiceError>).metadata instanceof grpc.Metadata) return e as grpc.ServiceError;
    if (e instanceof ProposalRejected) return serviceError(grpc.status.ABORTED, 'failed to endorse transaction, see attached details for more info', [{ address: this.address, mspId: this.options.peer.mspId, message: e.message }]);
    return serviceError(grpc.status.INTERNAL, e instanceof Error ? e.message : String(e));
  }

  private signedProposalOf(p: gateway.EndorseRequest | gateway.EvaluateRequest): peer.SignedProposal {
    const signed = p.getProposedTransaction();
    if (signed === undefined || signed.getProposalBytes_asU8().length === 0) throw serviceError(grpc.status.INVALID_ARGUMENT, 'the proposed transaction must contain a signed proposal');
    return signed;
  }

  private async endorse(req: gateway.EndorseRequest): Promise<gateway.EndorseResponse> {
    const signed = this.signedProposalOf(req);
    const sim = await this.endorser.simulate(signed, this.ledger.world);
    if (!sim.ok) {
      throw serviceError(grpc.status.ABORTED, 'failed to endorse transaction, see attached details for more info', [
        { address: this.address, mspId: this.options.peer.mspId, message: `chaincode response ${sim.status}, ${sim.message}` },
      ]);
    }
    const response = new gateway.EndorseResponse();
    response.setPreparedTransaction(this.endorser.envelope(signed, sim.exec));
    return response;
  }

  private submit(req: gateway.SubmitRequest): gateway.SubmitResponse {
    const envelope = req.getPreparedTransaction();
    if (envelope === undefined || req.getChannelId() !== this.options.channel) throw serviceError(grpc.status.INVALID_ARGUMENT, 'a prepared transaction on a known channel is required');
    this.ledger.order(req.getTransactionId(), envelope);
    return new gateway.SubmitResponse();
  }

  /** A signed request's signature must verify with the identity inside it, a member of a known MSP. */
  private checkSigned(requestBytes: Uint8Array, signature: Uint8Array, identityBytes: Uint8Array): void {
    const identity = msp.SerializedIdentity.deserializeBinary(identityBytes);
    const certPem = new TextDecoder().decode(identity.getIdBytes_asU8());
    try {
      this.endorser.checkMember(identity.getMspid(), certPem);
      if (createVerify('SHA256').update(requestBytes).verify(certPem, signature)) return;
    } catch {
      // fall through
    }
    throw serviceError(grpc.status.PERMISSION_DENIED, 'the request signature does not verify with its identity');
  }

  private async commitStatus(signed: gateway.SignedCommitStatusRequest): Promise<gateway.CommitStatusResponse> {
    const bytes = signed.getRequest_asU8();
    const req = gateway.CommitStatusRequest.deserializeBinary(bytes);
    this.checkSigned(bytes, signed.getSignature_asU8(), req.getIdentity_asU8());
    const status = await this.ledger.waitForStatus(req.getTransactionId());
    const response = new gateway.CommitStatusResponse();
    response.setResult(status.code);
    response.setBlockNumber(status.blockNumber);
    return response;
  }

  private async evaluate(req: gateway.EvaluateRequest): Promise<gateway.EvaluateResponse> {
    const signed = this.signedProposalOf(req);
    const response = new peer.Response();
    const opened = this.endorser.open(signed);
    const [fn, channel, txId] = opened.args;
    const isQscc = this.chaincodeOf(signed) === 'qscc';
    if (isQscc) {
      const block = fn === 'GetBlockByTxID' && channel === this.options.channel && txId !== undefined ? this.ledger.blockOfTx(txId) : undefined;
      if (block === undefined) throw this.evaluateError(500, `Failed to get block for txID ${txId ?? ''}`);
      response.setStatus(200);
      response.setPayload(this.blockProto(block).serializeBinary());
    } else {
      const sim = await this.endorser.simulate(signed, this.ledger.world);
      if (!sim.ok) throw this.evaluateError(sim.status, sim.message);
      response.setStatus(sim.exec.status);
      response.setMessage(sim.exec.message);
      response.setPayload(sim.exec.payload);
    }
    const out = new gateway.EvaluateResponse();
    out.setResult(response);
    return out;
  }

  private evaluateError(status: number, message: string): grpc.ServiceError {
    const detail = `chaincode response ${status}, ${message}`;
    return serviceError(grpc.status.UNKNOWN, `evaluate call to endorser returned error: ${detail}`, [{ address: this.address, mspId: this.options.peer.mspId, message: detail }]);
  }

  private chaincodeOf(signed: peer.SignedProposal): string {
    const proposal = peer.Proposal.deserializeBinary(signed.getProposalBytes_asU8());
    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    return peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8()).getChaincodeSpec()?.getChaincodeId()?.getName() ?? '';
  }

  /** A common.Block with the block's envelopes (header hashes are not computed by this double). */
  private blockProto(b: BlockRecord): common.Block {
    const header = new common.BlockHeader();
    header.setNumber(b.number);
    const data = new common.BlockData();
    data.setDataList(b.txs.map((t) => t.envelope.serializeBinary()));
    const block = new common.Block();
    block.setHeader(header);
    block.setData(data);
    return block;
  }

  private chaincodeEvents(call: grpc.ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>): void {
    const bytes = call.request.getRequest_asU8();
    const req = gateway.ChaincodeEventsRequest.deserializeBinary(bytes);
    try {
      this.checkSigned(bytes, call.request.getSignature_asU8(), req.getIdentity_asU8());
      if (req.getChannelId() !== this.options.channel) throw serviceError(grpc.status.NOT_FOUND, `channel ${req.getChannelId()} not found`);
    } catch (e) {
      call.emit('error', this.asServiceError(e));
      return;
    }
    const chaincode = req.getChaincodeId();
    const start = req.getStartPosition();
    const Type = orderer.SeekPosition.TypeCase;
    let next =
      start?.getTypeCase() === Type.SPECIFIED ? (start.getSpecified()?.getNumber() ?? 0) : start?.getTypeCase() === Type.OLDEST ? 0 : this.ledger.height;
    let skipUntil = req.getAfterTransactionId();
    const firstBlock = next;
    this.streams.add(call);

    const send = (b: BlockRecord): void => {
      let events = b.txs.flatMap((t) => (t.event !== undefined && t.event.chaincodeId === chaincode ? [t.event] : []));
      if (b.number === firstBlock && skipUntil !== '') {
        const at = events.findIndex((e) => e.txId === skipUntil);
        if (at >= 0) events = events.slice(at + 1);
      }
      skipUntil = '';
      if (events.length === 0) return;
      const response = new gateway.ChaincodeEventsResponse();
      response.setBlockNumber(b.number);
      response.setEventsList(
        events.map((e) => {
          const ev = new peer.ChaincodeEvent();
          ev.setChaincodeId(e.chaincodeId);
          ev.setTxId(e.txId);
          ev.setEventName(e.name);
          ev.setPayload(e.payload);
          return ev;
        }),
      );
      call.write(response);
    };
    const drain = (): void => {
      while (next < this.ledger.height) {
        const b = this.ledger.blocks[next];
        next++;
        if (b !== undefined) send(b);
      }
    };
    const unsubscribe = this.ledger.onBlock(() => drain());
    const end = (): void => {
      unsubscribe();
      this.streams.delete(call);
    };
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
    drain();
  }

  /** Breaks every open ChaincodeEvents stream with UNAVAILABLE, as a peer restart would. */
  breakEventStreams(): number {
    const n = this.streams.size;
    for (const call of [...this.streams]) {
      this.streams.delete(call);
      call.emit('error', serviceError(grpc.status.UNAVAILABLE, 'the peer is restarting'));
    }
    return n;
  }

  async stop(): Promise<void> {
    for (const call of [...this.streams]) call.end();
    await new Promise<void>((resolve) => {
      this.server.tryShutdown(() => resolve());
    });
    this.server.forceShutdown();
  }
}
