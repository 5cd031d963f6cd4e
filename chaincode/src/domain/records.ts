// The records the chaincode keeps in the world state, and the small port the domain reads them
// through. Domain functions never write: they return the writes and the one event of the
// transaction, and the contract layer applies them only when the whole transaction succeeded.
import type { HashAlg, Role } from '@elc/core';
import type { Caller } from './access.js';

/** What the transaction itself provides: all the time and identity a domain function may use. */
export interface TxContext {
  readonly txId: string;
  /** The proposal's timestamp (the same on every endorser), RFC 3339 UTC. */
  readonly timestamp: string;
  readonly caller: Caller;
}

export interface LogKeyRecord {
  /** C2SP verifier key text (`<name>+<hex key id>+<base64 type||key>`). */
  readonly vkey: string;
  readonly keyName: string;
  /** Key id as 8 lowercase hex digits. */
  readonly keyId: string;
  /** The log size anchored when this key became the log's key (0 for the first key). */
  readonly sinceSize: number;
  readonly txId: string;
  readonly timestamp: string;
}

export interface LogRecord {
  readonly origin: string;
  readonly hashAlg: HashAlg;
  readonly region: string;
  /** Every key the log has had, oldest first; the last one signs new checkpoints. */
  readonly keys: readonly LogKeyRecord[];
  readonly mspId: string;
  readonly txId: string;
  readonly timestamp: string;
}

export interface AnchorRecord {
  readonly origin: string;
  readonly size: number;
  /** Standard base64 of the root hash. */
  readonly rootHash: string;
  /** The signed checkpoint note as submitted, so any peer can show what the log signed. */
  readonly note: string;
  readonly keyId: string;
  readonly txId: string;
  readonly timestamp: string;
  /** MSP id of the submitter. */
  readonly mspId: string;
}

export const TERM_KINDS = ['fixed', 'open_ended', 'task_based'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

export interface Term {
  readonly kind: TermKind;
  readonly start: string;
  readonly end?: string;
}

export const TRANSITION_TYPES = ['conclude', 'renew', 'amend', 'rescind', 'terminate'] as const;
export type TransitionType = (typeof TRANSITION_TYPES)[number];

export const CONTRACT_STATUSES = ['active', 'rescinded', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export interface LastTransition {
  readonly type: TransitionType;
  readonly effectiveDate: string;
  readonly docHash?: string;
  readonly evidenceIndex?: number;
  readonly txId: string;
  readonly timestamp: string;
  readonly mspId: string;
}

export interface ContractState {
  readonly employer: string;
  readonly contractId: string;
  readonly region: string;
  readonly status: ContractStatus;
  /** The first day of the contract: nothing may take effect before it. */
  readonly startDate: string;
  /** The current term (a renewal or an amendment may replace it). */
  readonly term: Term;
  /** The latest contract document (conclusion, renewal or amendment). */
  readonly docHash: string;
  readonly concludedOn: string;
  readonly endedOn?: string;
  readonly endReasonCode?: string;
  readonly endInitiator?: 'employer' | 'worker';
  readonly transitions: number;
  readonly last: LastTransition;
}

/** An org of the channel: which roles its MSP's certificates may claim, and the region it is bound to. */
export interface OrgRecord {
  readonly mspId: string;
  /** Allowed `elc.role` values, in the order of ROLES. */
  readonly roles: readonly Role[];
  /** GB/T 2260 code; a certificate's `elc.region` must lie within it. */
  readonly region: string;
  /** MSP id of the bureau that wrote this version of the record. */
  readonly registeredBy: string;
  readonly txId: string;
  readonly timestamp: string;
}

/** Written once, by Bootstrap: the org that the channel's trust was first given to. */
export interface BootstrapRecord {
  readonly mspId: string;
  readonly region: string;
  readonly txId: string;
  readonly timestamp: string;
}

/** The payload and result of RemoveOrg. */
export interface OrgRemoval {
  readonly org: OrgRecord;
  readonly removedBy: string;
  readonly txId: string;
  readonly timestamp: string;
}

/** Who asked for a mandate to be granted or revoked, as the submitting gateway attests it. */
export interface MandateActor {
  readonly role: 'bureau' | 'employer';
  readonly org: string;
}

/** An employer's mandate for a signing platform (domain/mandates.ts). */
export interface MandateRecord {
  /** USCC of the employer */
  readonly employer: string;
  /** the platform's org id (its tokens' `org`) */
  readonly platform: string;
  /** GB/T 2260 region of the contracts the mandate covers */
  readonly region: string;
  readonly status: 'active' | 'revoked';
  readonly grantedBy: MandateActor;
  /** MSP of the submitter that granted it */
  readonly mspId: string;
  readonly txId: string;
  readonly timestamp: string;
  readonly revokedBy?: MandateActor;
  readonly revokedTxId?: string;
  readonly revokedAt?: string;
}

/** Reads of committed state. Fabric does not show a transaction its own writes; neither does this. */
export interface LedgerReader {
  getLog(origin: string): Promise<LogRecord | undefined>;
  getLatestAnchor(origin: string): Promise<AnchorRecord | undefined>;
  getAnchor(origin: string, size: number): Promise<AnchorRecord | undefined>;
  getContract(employer: string, contractId: string): Promise<ContractState | undefined>;
  getOrg(mspId: string): Promise<OrgRecord | undefined>;
  getBootstrap(): Promise<BootstrapRecord | undefined>;
  getMandate(employer: string, platform: string): Promise<MandateRecord | undefined>;
}

export type Write =
  | { readonly kind: 'log'; readonly value: LogRecord }
  | { readonly kind: 'anchor'; readonly value: AnchorRecord }
  | { readonly kind: 'latestAnchor'; readonly value: AnchorRecord }
  | { readonly kind: 'contract'; readonly value: ContractState }
  | { readonly kind: 'org'; readonly value: OrgRecord }
  | { readonly kind: 'bootstrap'; readonly value: BootstrapRecord }
  | { readonly kind: 'mandate'; readonly value: MandateRecord }
  /** Deletes the org's key. */
  | { readonly kind: 'orgRemoved'; readonly value: { readonly mspId: string } };

export interface ChaincodeEvent {
  readonly name: string;
  readonly payload: unknown;
}

/** The result of a write transaction: nothing is applied unless all of it is. */
export interface Outcome<R> {
  readonly writes: readonly Write[];
  /** Fabric keeps one event per transaction; none when nothing changed. */
  readonly event: ChaincodeEvent | undefined;
  readonly result: R;
}

export const EVENT_LOG_REGISTERED = 'elc.log.registered';
export const EVENT_LOG_KEY_ROTATED = 'elc.log.keyRotated';
export const EVENT_ANCHORED = 'elc.anchor';
export const EVENT_TRANSITIONS = 'elc.transitions';
export const EVENT_BOOTSTRAPPED = 'elc.ledger.bootstrapped';
export const EVENT_ORG_REGISTERED = 'elc.org.registered';
export const EVENT_ORG_UPDATED = 'elc.org.updated';
export const EVENT_ORG_REMOVED = 'elc.org.removed';
export const EVENT_MANDATE = 'elc.mandate';
