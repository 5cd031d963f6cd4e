// The domain's read port and write application over Fabric's ChaincodeStub.
import { canonicalBytes, fromUtf8 } from '@elc/core';
import type { ChaincodeStub } from 'fabric-shim-api';
import { keyOfWrite, stateKeys } from '../domain/keys.js';
import type { StateKey } from '../domain/keys.js';
import type { AnchorPage, HistoryEntry } from '../domain/queries.js';
import type { AnchorRecord, BootstrapRecord, ChaincodeEvent, ContractState, LedgerReader, LogRecord, MandateRecord, OrgRecord, Write } from '../domain/records.js';

type LongLike = { toNumber(): number } | number;

/** RFC 3339 UTC from a protobuf timestamp (millisecond precision, as JavaScript dates have). */
export function timestampToIso(ts: { seconds: LongLike; nanos: number }): string {
  const seconds = typeof ts.seconds === 'number' ? ts.seconds : ts.seconds.toNumber();
  return new Date(seconds * 1000 + Math.floor(ts.nanos / 1_000_000)).toISOString();
}

/** World-state values are canonical JSON (canonicalBytes); strict UTF-8 on the way back. */
function parseJsonBytes(bytes: Uint8Array): unknown {
  return JSON.parse(fromUtf8(bytes));
}

export class FabricLedger implements LedgerReader {
  constructor(private readonly stub: ChaincodeStub) {}

  key(k: StateKey): string {
    return this.stub.createCompositeKey(k.objectType, [...k.attributes]);
  }

  private async read<T>(k: StateKey): Promise<T | undefined> {
    const bytes = await this.stub.getState(this.key(k));
    if (bytes === undefined || bytes.length === 0) return undefined;
    return parseJsonBytes(bytes) as T;
  }

  getLog(origin: string): Promise<LogRecord | undefined> {
    return this.read<LogRecord>(stateKeys.log(origin));
  }

  getLatestAnchor(origin: string): Promise<AnchorRecord | undefined> {
    return this.read<AnchorRecord>(stateKeys.latestAnchor(origin));
  }

  getAnchor(origin: string, size: number): Promise<AnchorRecord | undefined> {
    return this.read<AnchorRecord>(stateKeys.anchor(origin, size));
  }

  getContract(employer: string, contractId: string): Promise<ContractState | undefined> {
    return this.read<ContractState>(stateKeys.contract(employer, contractId));
  }

  getOrg(mspId: string): Promise<OrgRecord | undefined> {
    return this.read<OrgRecord>(stateKeys.org(mspId));
  }

  getBootstrap(): Promise<BootstrapRecord | undefined> {
    return this.read<BootstrapRecord>(stateKeys.bootstrap());
  }

  getMandate(employer: string, platform: string): Promise<MandateRecord | undefined> {
    return this.read<MandateRecord>(stateKeys.mandate(employer, platform));
  }

  /** Every mandate of an employer (active and revoked), in platform order: a handful per employer. */
  async mandatesOf(employer: string): Promise<MandateRecord[]> {
    const prefix = stateKeys.mandatesOf(employer);
    const iterator = await this.stub.getStateByPartialCompositeKey(prefix.objectType, [...prefix.attributes]);
    const out: MandateRecord[] = [];
    try {
      for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) out.push(parseJsonBytes(r.value.value) as MandateRecord);
    } finally {
      await iterator.close();
    }
    return out;
  }

  /** Writes (and deletes) in the given order, each value as canonical JSON; then the transaction's one event. */
  async apply(writes: readonly Write[], event: ChaincodeEvent | undefined): Promise<void> {
    for (const w of writes) {
      const key = this.key(keyOfWrite(w));
      if (w.kind === 'orgRemoved') await this.stub.deleteState(key);
      else await this.stub.putState(key, canonicalBytes(w.value));
    }
    if (event !== undefined) this.stub.setEvent(event.name, canonicalBytes(event.payload));
  }

  /** Every committed version of a contract, in the order the ledger returns them (newest first on Fabric 2.x). */
  async contractHistory(employer: string, contractId: string): Promise<HistoryEntry<ContractState>[]> {
    const out: HistoryEntry<ContractState>[] = [];
    for await (const m of this.stub.getHistoryForKey(this.key(stateKeys.contract(employer, contractId)))) {
      out.push({
        txId: m.txId,
        timestamp: timestampToIso(m.timestamp),
        isDelete: m.isDelete,
        value: m.isDelete || m.value.length === 0 ? null : (parseJsonBytes(m.value) as ContractState),
      });
    }
    return out;
  }

  /** A page of an origin's anchors in size order. */
  async anchorsPage(origin: string, pageSize: number, bookmark: string): Promise<AnchorPage> {
    const prefix = stateKeys.anchorsOf(origin);
    const { iterator, metadata } = await this.stub.getStateByPartialCompositeKeyWithPagination(prefix.objectType, [...prefix.attributes], pageSize, bookmark);
    const anchors: AnchorRecord[] = [];
    try {
      for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) {
        anchors.push(parseJsonBytes(r.value.value) as AnchorRecord);
      }
    } finally {
      await iterator.close();
    }
    return { anchors, bookmark: metadata.bookmark };
  }

  /** Every registered org, in key order (MSP id). The registry is small: one record per org of the channel. */
  async orgs(): Promise<OrgRecord[]> {
    const prefix = stateKeys.orgs();
    const iterator = await this.stub.getStateByPartialCompositeKey(prefix.objectType, [...prefix.attributes]);
    const orgs: OrgRecord[] = [];
    try {
      for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) {
        orgs.push(parseJsonBytes(r.value.value) as OrgRecord);
      }
    } finally {
      await iterator.close();
    }
    return orgs;
  }

  /** Bookmarks are keys of this origin's anchors; anything else is not one we handed out. */
  isAnchorBookmark(origin: string, bookmark: string): boolean {
    return bookmark === '' || bookmark.startsWith(this.key(stateKeys.anchorsOf(origin)));
  }
}
