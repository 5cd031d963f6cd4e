// TEST DOUBLE of an endorsing peer, for the Fabric Gateway test server: it checks a signed
// proposal as a peer does (decodes, creator signature, tx id = SHA-256(nonce || creator), the
// creator issued by a CA of a known MSP, channel, chaincode), runs it through the REAL chaincode
// with '@elc/ledger-sim/runtime' (fabric-contract-api's router and fabric-shim's ChaincodeStub)
// over the server's world state, and on success assembles the transaction envelope a Fabric
// Gateway returns from Endorse: Payload{header, Transaction{ChaincodeActionPayload{
// ChaincodeEndorsedAction{ProposalResponsePayload{ChaincodeAction{results: TxReadWriteSet,
// events, response}}, [Endorsement]}}}}, the read/write set in Fabric's KVRWSet encoding.
import { createHash, createSign, X509Certificate } from 'node:crypto';
import { common, ledger, peer } from '@hyperledger/fabric-protos';
// First: the runtime quiets the shim's loggers before @elc/chaincode loads fabric-contract-api.
import { createChaincodeRuntime, openSignedProposal, serializedIdentity, SHIM_ERROR_THRESHOLD } from '@elc/ledger-sim/runtime';
import { contracts } from '@elc/chaincode';
import type { Execution, OpenedProposal, SigningIdentity, WorldStateReader } from '@elc/ledger-sim/runtime';

export interface EndorserOptions {
  readonly channel: string;
  readonly chaincode: string;
  /** CA certificate (PEM) per MSP id: a creator must be issued by its MSP's CA */
  readonly msps: ReadonlyMap<string, string>;
  /** the peer's own identity, which signs endorsements */
  readonly peer: SigningIdentity;
}

export type Simulation =
  | { readonly ok: true; readonly opened: OpenedProposal; readonly exec: Execution }
  /** the chaincode refused or failed: status >= 400 and its message */
  | { readonly ok: false; readonly opened: OpenedProposal; readonly status: number; readonly message: string };

/** A proposal a peer would not even simulate (bad signature, unknown MSP, wrong channel). */
export class ProposalRejected extends Error {}

export class Endorser {
  private readonly runtime;

  constructor(private readonly options: EndorserOptions) {
    this.runtime = createChaincodeRuntime({ contracts, chaincodeName: options.chaincode, title: '@elc/chaincode' });
  }

  get peerIdentityBytes(): Uint8Array {
    return serializedIdentity(this.options.peer);
  }

  /** Checks and simulates; commits nothing. */
  async simulate(signed: peer.SignedProposal, world: WorldStateReader): Promise<Simulation> {
    const opened = this.open(signed);
    const proposal = peer.Proposal.deserializeBinary(signed.getProposalBytes_asU8());
    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    const spec = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8()).getChaincodeSpec();
    const input = spec?.getInput();
    if (input === undefined || spec?.getChaincodeId()?.getName() !== this.options.chaincode) throw new ProposalRejected(`the proposal is not for chaincode ${this.options.chaincode}`);
    const exec = await this.runtime.execute({ txId: opened.txId, input, signedProposal: signed, seconds: opened.seconds, nanos: opened.nanos }, this.options.channel, world);
    if (exec.status >= SHIM_ERROR_THRESHOLD) return { ok: false, opened, status: exec.status, message: exec.message };
    return { ok: true, opened, exec };
  }

  /** What a peer checks before it simulates. */
  open(signed: peer.SignedProposal): OpenedProposal {
    let opened: OpenedProposal;
    try {
      opened = openSignedProposal(signed.getProposalBytes_asU8(), signed.getSignature_asU8());
    } catch (e) {
      throw new ProposalRejected(`access denied: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (opened.channelId !== this.options.channel) throw new ProposalRejected(`channel ${opened.channelId} not found`);
    this.checkMember(opened.mspId, opened.certPem);
    return opened;
  }

  /** The identity must be issued by the CA of the MSP it names. */
  checkMember(mspId: string, certPem: string): void {
    const ca = this.options.msps.get(mspId);
    if (ca === undefined || !new X509Certificate(certPem).verify(new X509Certificate(ca).publicKey)) throw new ProposalRejected(`access denied: the creator is not a member of MSP ${mspId}`);
  }

  /** The unsigned transaction envelope of an endorsed proposal (the client signs its payload). */
  envelope(signed: peer.SignedProposal, exec: Execution): common.Envelope {
    const proposal = peer.Proposal.deserializeBinary(signed.getProposalBytes_asU8());
    const header = common.Header.deserializeBinary(proposal.getHeader_asU8());

    const ccId = new peer.ChaincodeID();
    ccId.setName(this.options.chaincode);
    const action = new peer.ChaincodeAction();
    action.setResults(this.rwset(exec).serializeBinary());
    if (exec.event !== undefined) {
      const event = new peer.ChaincodeEvent();
      event.setChaincodeId(this.options.chaincode);
      event.setTxId(exec.txId);
      event.setEventName(exec.event.name);
      event.setPayload(exec.event.payload);
      action.setEvents(event.serializeBinary());
    }
    const response = new peer.Response();
    response.setStatus(exec.status);
    response.setMessage(exec.message);
    response.setPayload(exec.payload);
    action.setResponse(response);
    action.setChaincodeId(ccId);

    const prp = new peer.ProposalResponsePayload();
    prp.setProposalHash(createHash('sha256').update(proposal.getHeader_asU8()).update(proposal.getPayload_asU8()).digest());
    prp.setExtension$(action.serializeBinary());
    const prpBytes = prp.serializeBinary();

    const endorsement = new peer.Endorsement();
    const endorser = this.peerIdentityBytes;
    endorsement.setEndorser(endorser);
    endorsement.setSignature(createSign('SHA256').update(prpBytes).update(endorser).sign(this.options.peer.keyPem));
    const endorsed = new peer.ChaincodeEndorsedAction();
    endorsed.setProposalResponsePayload(prpBytes);
    endorsed.setEndorsementsList([endorsement]);
    const actionPayload = new peer.ChaincodeActionPayload();
    actionPayload.setChaincodeProposalPayload(proposal.getPayload_asU8());
    actionPayload.setAction(endorsed);
    const txAction = new peer.TransactionAction();
    txAction.setHeader(header.getSignatureHeader_asU8());
    txAction.setPayload(actionPayload.serializeBinary());
    const tx = new peer.Transaction();
    tx.setActionsList([txAction]);

    const payload = new common.Payload();
    payload.setHeader(header);
    payload.setData(tx.serializeBinary());
    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    return envelope;
  }

  /** Fabric's KV read/write set of one namespace (range query info is not encoded: see docs/fabric.md). */
  private rwset(exec: Execution): ledger.rwset.TxReadWriteSet {
    const kv = new ledger.rwset.kvrwset.KVRWSet();
    kv.setReadsList(
      [...exec.reads].map(([key, version]) => {
        const read = new ledger.rwset.kvrwset.KVRead();
        read.setKey(key);
        if (version !== null) {
          const v = new ledger.rwset.kvrwset.Version();
          v.setBlockNum(version.blockNumber);
          v.setTxNum(version.txNumber);
          read.setVersion(v);
        }
        return read;
      }),
    );
    kv.setWritesList(
      [...exec.writes].map(([key, value]) => {
        const write = new ledger.rwset.kvrwset.KVWrite();
        write.setKey(key);
        write.setIsDelete(value === null);
        if (value !== null) write.setValue(value);
        return write;
      }),
    );
    const ns = new ledger.rwset.NsReadWriteSet();
    ns.setNamespace(this.options.chaincode);
    ns.setRwset(kv.serializeBinary());
    const set = new ledger.rwset.TxReadWriteSet();
    set.setDataModel(ledger.rwset.TxReadWriteSet.DataModel.KV);
    set.setNsRwsetList([ns]);
    return set;
  }
}
