/**
 * The chaincode-level half of the LedgerPort, shared by both adapters: which chaincode function
 * each port method calls, with which arguments, and how its result becomes the port's answer.
 * An adapter provides the primitives (how a transaction is submitted and committed, how a query
 * is evaluated, in which block a transaction is) and keeps what differs: identity, connection,
 * blocks, events, close.
 */
import type { AnchorRecord, ContractState, HistoryEntry, LogRecord, MandateRecord, TransitionsResult } from '@elc/chaincode/domain';
import { ElcError, toBase64 } from '@elc/core';
import { isLedgerRefusal, ledgerFailure } from './errors.js';
import type { Anchor, AnchorsPage, ContractVersion, LedgerPort, RegisterLogInput, RegisteredLog, TransitionsReceipt } from './port.js';

/** What a submitted transaction answered, and where it was committed. */
export interface ChaincodeSubmitResult {
  readonly txId: string;
  readonly txTime: string;
  /** undefined when the transaction wrote nothing and so was not ordered */
  readonly blockNumber: number | undefined;
  readonly result: unknown;
}

/** What an adapter provides for the chaincode-level methods. */
export interface ChaincodePrimitives {
  /** the channel the transactions go to */
  readonly channel: string;
  /** the submitter's MSP id */
  readonly mspId: string;
  /** Submits a transaction with the adapter's identity; the result is the chaincode's parsed JSON. */
  readonly submit: (fn: string, ...args: string[]) => Promise<ChaincodeSubmitResult>;
  /** Submits RegisterLog (default: submit); the embedded ledger submits it with the bureau's admin identity. */
  readonly submitRegisterLog?: (fn: string, ...args: string[]) => Promise<ChaincodeSubmitResult>;
  /** Evaluates a query; the result is the chaincode's parsed JSON. */
  readonly evaluate: (fn: string, ...args: string[]) => Promise<unknown>;
  /** The block of a stored record's transaction. */
  readonly blockOf: (txId: string) => Promise<number>;
  /** The block of a contract version's transaction (default: blockOf). */
  readonly versionBlockOf?: (txId: string) => Promise<number | undefined>;
}

/** The LedgerPort methods that are the chaincode's, the same on every adapter. */
export type ChaincodePort = Pick<
  LedgerPort,
  | 'channel'
  | 'mspId'
  | 'registerLog'
  | 'ensureLogRegistered'
  | 'getLog'
  | 'anchorCheckpoint'
  | 'getAnchor'
  | 'getLatestAnchor'
  | 'listAnchors'
  | 'recordTransitions'
  | 'checkTransitions'
  | 'getContract'
  | 'grantMandate'
  | 'revokeMandate'
  | 'getMandate'
  | 'listMandates'
  | 'getContractHistory'
>;

/** The JSON a transaction or query returned; LEDGER_BAD_RESPONSE when it is not JSON. */
export function parseChaincodeResult(bytes: Uint8Array, fn: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw ledgerFailure('LEDGER_BAD_RESPONSE', `${fn} returned a result that is not JSON`, cause);
  }
}

/** LEDGER_BAD_RANGE unless `fromBlock` is a block number. */
export function checkFromBlock(fromBlock: number): void {
  if (!Number.isSafeInteger(fromBlock) || fromBlock < 0) throw new ElcError('LEDGER_BAD_RANGE', 'fromBlock must be a block number >= 0', { field: 'fromBlock' });
}

/** undefined instead of the refusal `code` (a query for something that is not there). */
async function orUndefined<T>(code: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (e) {
    if (isLedgerRefusal(e) && e.code === code) return undefined;
    throw e;
  }
}

export function createChaincodePort(primitives: ChaincodePrimitives): ChaincodePort {
  const { channel, mspId, submit, evaluate, blockOf } = primitives;
  const submitRegisterLog = primitives.submitRegisterLog ?? submit;
  const versionBlockOf = primitives.versionBlockOf ?? blockOf;

  async function anchorOf(r: AnchorRecord): Promise<Anchor> {
    return {
      channel,
      txId: r.txId,
      blockNumber: await blockOf(r.txId),
      origin: r.origin,
      size: r.size,
      rootHash: r.rootHash,
      txTime: r.timestamp,
      note: r.note,
      keyId: r.keyId,
      mspId: r.mspId,
    };
  }

  async function registerLog(input: RegisterLogInput): Promise<RegisteredLog> {
    const r = await submitRegisterLog('RegisterLog', input.origin, input.vkey, input.hashAlg, input.region);
    return { log: r.result as LogRecord, created: r.blockNumber !== undefined };
  }

  async function getLog(origin: string): Promise<LogRecord | undefined> {
    return orUndefined('LOG_UNKNOWN', async () => (await evaluate('GetLog', origin)) as LogRecord);
  }

  return {
    channel,
    mspId,
    registerLog,
    async ensureLogRegistered(input) {
      const existing = await getLog(input.origin);
      const current = existing?.keys[existing.keys.length - 1];
      if (existing !== undefined && existing.hashAlg === input.hashAlg && existing.region === input.region && current?.vkey === input.vkey) return existing;
      return (await registerLog(input)).log;
    },
    getLog,
    async anchorCheckpoint(origin, note, consistencyProof) {
      const r = await submit('AnchorCheckpoint', origin, note, JSON.stringify(consistencyProof.map(toBase64)));
      return anchorOf(r.result as AnchorRecord);
    },
    async getAnchor(origin, size) {
      const r = await orUndefined('ANCHOR_UNKNOWN', async () => (await evaluate('GetAnchor', origin, String(size))) as AnchorRecord);
      return r === undefined ? undefined : anchorOf(r);
    },
    async getLatestAnchor(origin) {
      const r = await orUndefined('ANCHOR_UNKNOWN', async () => (await evaluate('GetLatestAnchor', origin)) as AnchorRecord);
      return r === undefined ? undefined : anchorOf(r);
    },
    async listAnchors(origin, page): Promise<AnchorsPage> {
      const r = (await evaluate('ListAnchors', origin, String(page.pageSize), page.bookmark ?? '')) as { anchors: AnchorRecord[]; bookmark: string };
      return { anchors: await Promise.all(r.anchors.map(anchorOf)), bookmark: r.bookmark };
    },
    async recordTransitions(batch): Promise<TransitionsReceipt> {
      const r = await submit('RecordTransitions', JSON.stringify(batch));
      if (r.blockNumber === undefined) throw ledgerFailure('LEDGER_BAD_RESPONSE', 'RecordTransitions wrote nothing');
      return { channel, txId: r.txId, blockNumber: r.blockNumber, txTime: r.txTime, results: (r.result as TransitionsResult).results };
    },
    async checkTransitions(batch) {
      return ((await evaluate('RecordTransitions', JSON.stringify(batch))) as TransitionsResult).results;
    },
    async grantMandate(input) {
      return (await submit('GrantMandate', input.employer, input.platform, input.region, JSON.stringify(input.actor))).result as MandateRecord;
    },
    async revokeMandate(input) {
      return (await submit('RevokeMandate', input.employer, input.platform, JSON.stringify(input.actor))).result as MandateRecord;
    },
    async getMandate(employer, platform) {
      return orUndefined('MANDATE_UNKNOWN', async () => (await evaluate('GetMandate', employer, platform)) as MandateRecord);
    },
    async listMandates(employer) {
      return (await evaluate('ListMandates', employer)) as MandateRecord[];
    },
    async getContract(employer, contractId) {
      return orUndefined('CONTRACT_UNKNOWN', async () => (await evaluate('GetContract', employer, contractId)) as ContractState);
    },
    async getContractHistory(employer, contractId): Promise<ContractVersion[]> {
      const h = await orUndefined('CONTRACT_UNKNOWN', async () => (await evaluate('GetContractHistory', employer, contractId)) as HistoryEntry<ContractState>[]);
      return Promise.all((h ?? []).map(async (v) => ({ ...v, blockNumber: await versionBlockOf(v.txId) })));
    },
  };
}
