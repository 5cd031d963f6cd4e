// Signed proposals as a client SDK builds them (fabric-protos), so that the real ChaincodeStub
// decodes the creator, the transaction id and the timestamp from real bytes.
import { createHash, createSign } from 'node:crypto';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb.js';
import type { TestIdentity } from './identities.js';

export interface ProposalInput {
  readonly identity: TestIdentity;
  readonly channelId: string;
  readonly chaincodeName: string;
  readonly args: readonly string[];
  readonly time: Date;
  /** Fabric's nonce is random; tests pass a counter so transaction ids are reproducible. */
  readonly nonce: Uint8Array;
}

export interface BuiltProposal {
  readonly txId: string;
  readonly input: peer.ChaincodeInput;
  readonly signedProposal: peer.SignedProposal;
  readonly seconds: number;
  readonly nanos: number;
}

export function buildProposal(p: ProposalInput): BuiltProposal {
  const creator = new msp.SerializedIdentity();
  creator.setMspid(p.identity.mspId);
  creator.setIdBytes(new TextEncoder().encode(p.identity.certPem));
  const creatorBytes = creator.serializeBinary();
  // Fabric: the transaction id is hex(SHA-256(nonce || creator)).
  const txId = createHash('sha256').update(p.nonce).update(creatorBytes).digest('hex');

  const ms = p.time.getTime();
  const seconds = Math.floor(ms / 1000);
  const nanos = (ms % 1000) * 1_000_000;
  const timestamp = new Timestamp();
  timestamp.setSeconds(seconds);
  timestamp.setNanos(nanos);

  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setVersion(0);
  channelHeader.setChannelId(p.channelId);
  channelHeader.setTxId(txId);
  channelHeader.setEpoch(0);
  channelHeader.setTimestamp(timestamp);
  const ccId = new peer.ChaincodeID();
  ccId.setName(p.chaincodeName);
  const extension = new peer.ChaincodeHeaderExtension();
  extension.setChaincodeId(ccId);
  channelHeader.setExtension$(extension.serializeBinary());

  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(creatorBytes);
  signatureHeader.setNonce(p.nonce);

  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());

  const input = new peer.ChaincodeInput();
  input.setArgsList(p.args.map((a) => new TextEncoder().encode(a)));
  const spec = new peer.ChaincodeSpec();
  spec.setType(peer.ChaincodeSpec.Type.NODE);
  spec.setChaincodeId(ccId);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());

  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  const proposalBytes = proposal.serializeBinary();

  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(proposalBytes);
  signedProposal.setSignature(createSign('SHA256').update(proposalBytes).sign(p.identity.keyPem));
  return { txId, input, signedProposal, seconds, nanos };
}
