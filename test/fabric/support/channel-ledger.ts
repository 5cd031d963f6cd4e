// TEST DOUBLE of a channel's ordering and validation, for the Fabric Gateway test server.
// Submitted envelopes wait in an ordering queue; a block is cut from everything queued (on the
// next turn of the event loop, or when ordering is resumed after a pause), and each transaction
// is validated as a committing peer does, in block order:
//   - the envelope's signature verifies with the creator of its signature header, a member of a
//     known MSP                                                  else BAD_CREATOR_SIGNATURE
//   - the endorsement is the peer's signature over the proposal response payload and endorser
//                                                                else ENDORSEMENT_POLICY_FAILURE
//   - every key in the read set still has the version it was read at, counting the writes of
//     the valid transactions before it in the same block          else MVCC_READ_CONFLICT
// Valid transactions' writes go to the world state at version (block, tx); every transaction is
// in the block with its validation code, as on Fabric.
import { createVerify } from 'node:crypto';
import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import type { Endorser } from './endorser.js';
import { VersionedWorldState } from './world-state.js';

type TxValidationCode = peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap];
const CODE = peer.TxValidationCode;

export interface CommittedEvent {
  readonly chaincodeId: string;
  readonly txId: string;
  readonly name: string;
  readonly payload: Uint8Array;
}

export interface CommittedTx {
  readonly txId: string;
  readonly code: TxValidationCode;
  /** only for a valid transaction */
  readonly event: CommittedEvent | undefined;
  readonly envelope: common.Envelope;
}

export interface BlockRecord {
  readonly number: number;
  readonly txs: readonly CommittedTx[];
}

export interface TxStatus {
  readonly code: TxValidationCode;
  readonly blockNumber: number;
}

interface Decoded {
  readonly txId: string;
  readonly seconds: number;
  readonly nanos: number;
  readonly code: TxValidationCode;
  readonly reads: ReadonlyMap<string, { blockNumber: number; txNumber: number } | null>;
  readonly writes: ReadonlyMap<string, Uint8Array | null>;
  readonly event: CommittedEvent | undefined;
}

export class ChannelLedger {
  readonly world = new VersionedWorldState();
  readonly blocks: BlockRecord[] = [];
  readonly counts = { mvccReadConflicts: 0, badSignatures: 0 };
  private readonly statuses = new Map<string, TxStatus>();
  private readonly statusWaiters = new Map<string, Set<(s: TxStatus) => void>>();
  private readonly blockListeners = new Set<(b: BlockRecord) => void>();
  private pending: { txId: string; envelope: common.Envelope }[] = [];
  private readonly pendingListeners = new Set<() => void>();
  private paused = false;
  private scheduled = false;

  constructor(
    private readonly endorser: Endorser,
    private readonly chaincode: string,
  ) {}

  get height(): number {
    return this.blocks.length;
  }

  /** Ordering: queue an envelope; a resubmitted transaction id is ignored (as the orderer's duplicate check). */
  order(txId: string, envelope: common.Envelope): void {
    if (this.statuses.has(txId) || this.pending.some((p) => p.txId === txId)) return;
    this.pending.push({ txId, envelope });
    for (const l of this.pendingListeners) l();
    this.schedule();
  }

  /** Holds every submitted transaction until resume(): the test makes endorsements go stale. */
  pauseOrdering(): void {
    this.paused = true;
  }

  resumeOrdering(): void {
    this.paused = false;
    this.schedule();
  }

  /** Resolves when at least `n` transactions wait to be ordered. */
  waitForPending(n: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.pending.length >= n) {
          this.pendingListeners.delete(check);
          resolve();
        }
      };
      this.pendingListeners.add(check);
      check();
    });
  }

  statusOf(txId: string): TxStatus | undefined {
    return this.statuses.get(txId);
  }

  /** The commit status, when the transaction is in a block. */
  waitForStatus(txId: string): Promise<TxStatus> {
    const known = this.statuses.get(txId);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => {
      const set = this.statusWaiters.get(txId) ?? new Set();
      set.add(resolve);
      this.statusWaiters.set(txId, set);
    });
  }

  onBlock(listener: (b: BlockRecord) => void): () => void {
    this.blockListeners.add(listener);
    return () => this.blockListeners.delete(listener);
  }

  blockOfTx(txId: string): BlockRecord | undefined {
    const s = this.statuses.get(txId);
    return s === undefined ? undefined : this.blocks[s.blockNumber];
  }

  private schedule(): void {
    if (this.paused || this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.paused) this.cut();
    });
  }

  private cut(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const number = this.blocks.length;
    const txs: CommittedTx[] = [];
    // versions written earlier in this block
    const written = new Map<string, { blockNumber: number; txNumber: number } | null>();
    batch.forEach(({ txId, envelope }, txNumber) => {
      const d = this.decode(txId, envelope);
      let code = d.code;
      if (code === CODE.VALID) {
        for (const [key, version] of d.reads) {
          const current = written.has(key) ? (written.get(key) ?? null) : this.world.versionOf(key);
          if (!sameVersion(current, version)) {
            code = CODE.MVCC_READ_CONFLICT;
            this.counts.mvccReadConflicts++;
            break;
          }
        }
      }
      if (code === CODE.VALID) {
        const version = { blockNumber: number, txNumber };
        this.world.apply(version, d, d.writes);
        for (const [key, value] of d.writes) written.set(key, value === null ? null : version);
      }
      txs.push({ txId, code, event: code === CODE.VALID ? d.event : undefined, envelope });
    });
    const block: BlockRecord = { number, txs };
    this.blocks.push(block);
    for (const tx of txs) {
      const status = { code: tx.code, blockNumber: number };
      this.statuses.set(tx.txId, status);
      for (const w of this.statusWaiters.get(tx.txId) ?? []) w(status);
      this.statusWaiters.delete(tx.txId);
    }
    for (const l of this.blockListeners) l(block);
    this.schedule();
  }

  /** Opens an envelope as a committing peer does; a failed check sets the validation code. */
  private decode(txId: string, envelope: common.Envelope): Decoded {
    const payloadBytes = envelope.getPayload_asU8();
    const payload = common.Payload.deserializeBinary(payloadBytes);
    const header = payload.getHeader();
    const channelHeader = common.ChannelHeader.deserializeBinary(header?.getChannelHeader_asU8() ?? new Uint8Array());
    const signatureHeader = common.SignatureHeader.deserializeBinary(header?.getSignatureHeader_asU8() ?? new Uint8Array());
    const creator = msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8());
    const certPem = new TextDecoder().decode(creator.getIdBytes_asU8());
    const ts = channelHeader.getTimestamp() as unknown as { getSeconds(): number; getNanos(): number } | undefined;
    const base = { txId, seconds: ts?.getSeconds() ?? 0, nanos: ts?.getNanos() ?? 0 };
    const invalid = (code: TxValidationCode): Decoded => ({ ...base, code, reads: new Map(), writes: new Map(), event: undefined });

    let signatureOk: boolean;
    try {
      signatureOk = createVerify('SHA256').update(payloadBytes).verify(certPem, envelope.getSignature_asU8());
      this.endorser.checkMember(creator.getMspid(), certPem);
    } catch {
      signatureOk = false;
    }
    if (!signatureOk || channelHeader.getTxId() !== txId) {
      this.counts.badSignatures++;
      return invalid(CODE.BAD_CREATOR_SIGNATURE);
    }

    const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
    const action = tx.getActionsList()[0];
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action?.getPayload_asU8() ?? new Uint8Array());
    const endorsed = actionPayload.getAction();
    const prpBytes = endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array();
    const endorsement = endorsed?.getEndorsementsList()[0];
    const peerBytes = this.endorser.peerIdentityBytes;
    const endorserOk =
      endorsement !== undefined &&
      Buffer.from(endorsement.getEndorser_asU8()).equals(Buffer.from(peerBytes)) &&
      createVerify('SHA256').update(prpBytes).update(peerBytes).verify(peerCertOf(peerBytes), endorsement.getSignature_asU8());
    if (!endorserOk) return invalid(CODE.ENDORSEMENT_POLICY_FAILURE);

    const ccAction = peer.ChaincodeAction.deserializeBinary(peer.ProposalResponsePayload.deserializeBinary(prpBytes).getExtension_asU8());
    const reads = new Map<string, { blockNumber: number; txNumber: number } | null>();
    const writes = new Map<string, Uint8Array | null>();
    for (const ns of ledger.rwset.TxReadWriteSet.deserializeBinary(ccAction.getResults_asU8()).getNsRwsetList()) {
      if (ns.getNamespace() !== this.chaincode) continue;
      const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
      for (const r of kv.getReadsList()) {
        const v = r.getVersion();
        reads.set(r.getKey(), v === undefined ? null : { blockNumber: v.getBlockNum(), txNumber: v.getTxNum() });
      }
      for (const w of kv.getWritesList()) writes.set(w.getKey(), w.getIsDelete() ? null : w.getValue_asU8());
    }
    const eventBytes = ccAction.getEvents_asU8();
    let event: CommittedEvent | undefined;
    if (eventBytes.length > 0) {
      const e = peer.ChaincodeEvent.deserializeBinary(eventBytes);
      event = { chaincodeId: e.getChaincodeId(), txId: e.getTxId(), name: e.getEventName(), payload: e.getPayload_asU8() };
    }
    return { ...base, code: CODE.VALID, reads, writes, event };
  }
}

function sameVersion(a: { blockNumber: number; txNumber: number } | null, b: { blockNumber: number; txNumber: number } | null): boolean {
  if (a === null || b === null) return a === b;
  return a.blockNumber === b.blockNumber && a.txNumber === b.txNumber;
}

function peerCertOf(serialized: Uint8Array): string {
  return new TextDecoder().decode(msp.SerializedIdentity.deserializeBinary(serialized).getIdBytes_asU8());
}
