// Signed proposals as a Fabric client SDK builds them (fabric-protos), so that the real
// ChaincodeStub decodes the creator, the transaction id and the timestamp from real bytes.
import { createHash, createSign, createVerify, randomBytes } from 'node:crypto';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import timestampPb from 'google-protobuf/google/protobuf/timestamp_pb.js';
import type { Timestamp as TimestampType } from 'google-protobuf/google/protobuf/timestamp_pb.js';

// CommonJS: Node's ESM loader cannot see its named exports.
const { Timestamp } = timestampPb;

/** An X.509 identity of an MSP: the certificate and its ECDSA private key, both PEM. */
export interface SigningIdentity {
  readonly mspId: string;
  readonly certPem: string;
  readonly keyPem: string;
}

export interface ProposalInput {
  readonly identity: SigningIdentity;
  readonly channelId: string;
  readonly chaincodeName: string;
  readonly args: readonly string[];
  readonly time: Date;
  /** 24 random bytes in Fabric; tests pass a counter so transaction ids are reproducible. */
  readonly nonce?: Uint8Array;
}

export interface BuiltProposal {
  readonly txId: string;
  readonly input: peer.ChaincodeInput;
  readonly signedProposal: peer.SignedProposal;
  readonly seconds: number;
  readonly nanos: number;
}

/** Fabric's nonce length (protoutil.CreateNonce). */
export const NONCE_LENGTH = 24;

/** Fabric: the transaction id is hex(SHA-256(nonce || serialized creator)). */
export function computeTxId(nonce: Uint8Array, creatorBytes: Uint8Array): string {
  return createHash('sha256').update(nonce).update(creatorBytes).digest('hex');
}

export function serializedIdentity(identity: Pick<SigningIdentity, 'mspId' | 'certPem'>): Uint8Array {
  const creator = new msp.SerializedIdentity();
  creator.setMspid(identity.mspId);
  creator.setIdBytes(new TextEncoder().encode(identity.certPem));
  return creator.serializeBinary();
}

export function buildProposal(p: ProposalInput): BuiltProposal {
  const creatorBytes = serializedIdentity(p.identity);
  const nonce = p.nonce ?? new Uint8Array(randomBytes(NONCE_LENGTH));
  const txId = computeTxId(nonce, creatorBytes);

  const ms = p.time.getTime();
  const seconds = Math.floor(ms / 1000);
  const nanos = (ms - seconds * 1000) * 1_000_000;
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
  signatureHeader.setNonce(nonce);

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

export interface OpenedProposal {
  readonly txId: string;
  readonly channelId: string;
  readonly mspId: string;
  readonly certPem: string;
  readonly seconds: number;
  readonly nanos: number;
  readonly args: string[];
}

/**
 * What a peer checks before it simulates: the proposal decodes, its creator signed it, and its
 * transaction id is SHA-256(nonce || creator). Throws on any mismatch.
 */
export function openSignedProposal(proposalBytes: Uint8Array, signature: Uint8Array): OpenedProposal {
  const proposal = peer.Proposal.deserializeBinary(proposalBytes);
  const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  const creatorBytes = signatureHeader.getCreator_asU8();
  const creator = msp.SerializedIdentity.deserializeBinary(creatorBytes);
  const certPem = new TextDecoder().decode(creator.getIdBytes_asU8());
  if (!createVerify('SHA256').update(proposalBytes).verify(certPem, signature)) throw new Error('the proposal signature does not verify with its creator certificate');
  const txId = channelHeader.getTxId();
  if (computeTxId(signatureHeader.getNonce_asU8(), creatorBytes) !== txId) throw new Error('the transaction id is not SHA-256(nonce || creator)');
  const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
  const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8());
  const args = (invocation.getChaincodeSpec()?.getInput()?.getArgsList_asU8() ?? []).map((a) => new TextDecoder().decode(a));
  // fabric-protos types the timestamp with google-protobuf's class, which has no types installed
  const ts = channelHeader.getTimestamp() as unknown as TimestampType | undefined;
  return {
    txId,
    channelId: channelHeader.getChannelId(),
    mspId: creator.getMspid(),
    certPem,
    seconds: ts?.getSeconds() ?? 0,
    nanos: ts?.getNanos() ?? 0,
    args,
  };
}
