/**
 * What the adapter reads out of the signed bytes fabric-gateway hands it (fabric-protos):
 * the proposal's timestamp, the write set of an endorsed transaction, and the number of a block
 * that qscc returns. Pure functions over protobuf bytes.
 */
import { common, gateway, ledger, peer } from '@hyperledger/fabric-protos';
import { ledgerFailure } from '../errors.js';

/** google-protobuf's Timestamp, which fabric-protos types without declarations. */
interface Timestamp {
  getSeconds(): number;
  getNanos(): number;
}

/** RFC 3339 time of the channel header of a ProposedTransaction (Proposal.getBytes()). */
export function proposalTime(proposedTransaction: Uint8Array): string {
  try {
    const signed = gateway.ProposedTransaction.deserializeBinary(proposedTransaction).getProposal();
    const proposal = peer.Proposal.deserializeBinary(signed?.getProposalBytes_asU8() ?? new Uint8Array());
    const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
    const ts = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()).getTimestamp() as unknown as Timestamp | undefined;
    if (ts === undefined) throw new Error('no timestamp');
    return new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1_000_000)).toISOString();
  } catch (cause) {
    throw ledgerFailure('LEDGER_BAD_RESPONSE', 'the proposal has no readable channel header timestamp', cause);
  }
}

/**
 * The number of keys the endorsed transaction writes in the chaincode's namespace
 * (Envelope → Payload → Transaction → ChaincodeActionPayload → ProposalResponsePayload →
 * ChaincodeAction.results → TxReadWriteSet → KVRWSet). 0 means the transaction changes nothing.
 */
export function endorsedWriteCount(preparedTransaction: Uint8Array, chaincodeName: string): number {
  try {
    const envelope = gateway.PreparedTransaction.deserializeBinary(preparedTransaction).getEnvelope();
    const payload = common.Payload.deserializeBinary(envelope?.getPayload_asU8() ?? new Uint8Array());
    const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
    let writes = 0;
    for (const action of tx.getActionsList()) {
      const ccPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
      const prp = peer.ProposalResponsePayload.deserializeBinary(ccPayload.getAction()?.getProposalResponsePayload_asU8() ?? new Uint8Array());
      const ccAction = peer.ChaincodeAction.deserializeBinary(prp.getExtension_asU8());
      const rwset = ledger.rwset.TxReadWriteSet.deserializeBinary(ccAction.getResults_asU8());
      for (const ns of rwset.getNsRwsetList()) {
        if (ns.getNamespace() !== chaincodeName) continue;
        writes += ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8()).getWritesList().length;
      }
    }
    return writes;
  } catch (cause) {
    throw ledgerFailure('LEDGER_BAD_RESPONSE', 'the endorsed transaction has no readable write set', cause);
  }
}

/** The header number of a serialized common.Block (qscc GetBlockByTxID). */
export function blockNumberOf(blockBytes: Uint8Array): number {
  try {
    const header = common.Block.deserializeBinary(blockBytes).getHeader();
    if (header === undefined) throw new Error('no header');
    return header.getNumber();
  } catch (cause) {
    throw ledgerFailure('LEDGER_BAD_RESPONSE', 'qscc returned a block that does not decode', cause);
  }
}
