/**
 * The ledger port: everything the gateway needs of a ledger, behind one small interface with two
 * adapters — the embedded ledger (in-process chaincode over LevelDB, one machine) and the Fabric
 * adapter (peers of a real channel). Factories create them; callers see only this.
 *
 * Refusals of the chaincode throw a LedgerRefusal (errors.ts) carrying the chaincode's code,
 * field and batch index; infrastructure failures throw ElcError with a LEDGER_* code.
 */
import type { ContractState, HistoryEntry, LogRecord, MandateActor, MandateRecord, TransitionResult } from '@elc/chaincode/domain';

export type { ContractState, LogRecord, MandateActor, MandateRecord, TransitionResult };

/** Where an anchor is on the ledger, and what it anchors. */
export interface AnchorRef {
  readonly channel: string;
  /** the transaction that stored the anchor (for an idempotent replay: the original one) */
  readonly txId: string;
  readonly blockNumber: number;
  readonly origin: string;
  readonly size: number;
  /** standard base64 of the root hash */
  readonly rootHash: string;
  /** the proposal timestamp of that transaction, RFC 3339 */
  readonly txTime: string;
}

/** An anchor with the checkpoint as anchored. */
export interface Anchor extends AnchorRef {
  /** the signed checkpoint note, byte for byte */
  readonly note: string;
  /** the log key id that signed it, 8 hex digits */
  readonly keyId: string;
  /** the MSP of the submitter */
  readonly mspId: string;
}

export interface RegisterLogInput {
  readonly origin: string;
  /** C2SP verifier key text */
  readonly vkey: string;
  readonly hashAlg: 'sha256' | 'sm3';
  /** GB/T 2260 region code */
  readonly region: string;
}

export interface RegisteredLog {
  readonly log: LogRecord;
  /** false when the log was registered before with the same key, algorithm and region */
  readonly created: boolean;
}

/** Where a committed transaction is. */
export interface TxRef {
  readonly channel: string;
  readonly txId: string;
  readonly blockNumber: number;
  readonly txTime: string;
}

export interface TransitionsReceipt extends TxRef {
  /** one per transition, in batch order */
  readonly results: readonly TransitionResult[];
}

export interface ContractVersion extends HistoryEntry<ContractState> {
  /** the block of the transaction that wrote this version */
  readonly blockNumber: number | undefined;
}

export interface AnchorsPage {
  readonly anchors: readonly Anchor[];
  /** '' when there are no more */
  readonly bookmark: string;
}

export interface PageRequest {
  /** 1..100 */
  readonly pageSize: number;
  /** '' (or undefined) for the first page */
  readonly bookmark?: string;
}

/** A chaincode event of a committed transaction. */
export interface LedgerEvent {
  readonly blockNumber: number;
  readonly txId: string;
  /** e.g. elc.anchor, elc.transitions, elc.log.registered */
  readonly name: string;
  /** the event payload, parsed from its canonical JSON */
  readonly payload: unknown;
}

export interface EventsOptions {
  /** stops the iteration (it ends without error) */
  readonly signal?: AbortSignal;
}

export interface LedgerPort {
  /** the channel the ledger's transactions go to */
  readonly channel: string;
  /** the submitter's MSP id */
  readonly mspId: string;

  /** RegisterLog; refuses another key, algorithm or region for a registered origin (LOG_EXISTS, HASH_ALG_MISMATCH). */
  registerLog(input: RegisterLogInput): Promise<RegisteredLog>;
  /** The log as registered, registering it first if it is not: what a gateway does on start. */
  ensureLogRegistered(input: RegisterLogInput): Promise<LogRecord>;
  getLog(origin: string): Promise<LogRecord | undefined>;

  /**
   * AnchorCheckpoint(origin, note, consistency proof from the latest anchored size). A checkpoint
   * already anchored with the same root returns the stored anchor (idempotent). Refusals:
   * ANCHOR_FORK_SAME_SIZE, ANCHOR_INCONSISTENT, ANCHOR_SHRINKS, CHECKPOINT_*, LOG_UNKNOWN, ...
   */
  anchorCheckpoint(origin: string, note: string, consistencyProof: readonly Uint8Array[]): Promise<Anchor>;
  getAnchor(origin: string, size: number): Promise<Anchor | undefined>;
  /** undefined when the log has no anchor yet; LOG_UNKNOWN when no such log */
  getLatestAnchor(origin: string): Promise<Anchor | undefined>;
  /** anchors in size order */
  listAnchors(origin: string, page: PageRequest): Promise<AnchorsPage>;

  /** RecordTransitions: 1..50 lifecycle records, all or none (a refusal names the index). */
  recordTransitions(batch: readonly unknown[]): Promise<TransitionsReceipt>;
  /** RecordTransitions simulated on the current state and not committed: the refusal it would meet, thrown, or its results. */
  checkTransitions(batch: readonly unknown[]): Promise<readonly TransitionResult[]>;
  getContract(employer: string, contractId: string): Promise<ContractState | undefined>;
  /** GrantMandate: the employer authorises the platform (org id) for its contracts of `region`; idempotent. */
  grantMandate(input: { employer: string; platform: string; region: string; actor: MandateActor }): Promise<MandateRecord>;
  /** RevokeMandate; MANDATE_UNKNOWN when there is none; idempotent. */
  revokeMandate(input: { employer: string; platform: string; actor: MandateActor }): Promise<MandateRecord>;
  /** undefined when the employer never mandated the platform */
  getMandate(employer: string, platform: string): Promise<MandateRecord | undefined>;
  /** every mandate of the employer, active and revoked */
  listMandates(employer: string): Promise<MandateRecord[]>;
  /** every committed version, newest first; [] for a contract never concluded */
  getContractHistory(employer: string, contractId: string): Promise<ContractVersion[]>;

  /**
   * The chaincode events of committed transactions from block `fromBlock` on, in block order,
   * then live as blocks are committed. A consumer stores the last block it handled and resumes
   * from the next one. Ends when the signal aborts or the port closes.
   */
  events(fromBlock: number, options?: EventsOptions): AsyncIterable<LedgerEvent>;

  close(): Promise<void>;
}
