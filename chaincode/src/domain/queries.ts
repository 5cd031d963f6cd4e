// Read-only transactions. Every known role reads; arguments are checked like any other input.
import { requireReader } from './access.js';
import { LedgerError } from './errors.js';
import type { AnchorRecord, ContractState, LedgerReader, TxContext } from './records.js';
import { isCleanText, isUscc } from './values.js';
import { checkOrigin } from './log-registry.js';

export const MAX_PAGE_SIZE = 100;

export function checkContractKey(employer: string, contractId: string): void {
  if (!isUscc(employer)) throw new LedgerError('INVALID_ARGUMENT', 'employer must be a USCC with a valid check character', { field: 'employer' });
  if (!isCleanText(contractId, 100)) throw new LedgerError('INVALID_ARGUMENT', 'contractId must be 1..100 characters without control characters', { field: 'contractId' });
}

export async function getContract(reader: LedgerReader, tx: Pick<TxContext, 'caller'>, employer: string, contractId: string): Promise<ContractState> {
  requireReader(tx.caller);
  checkContractKey(employer, contractId);
  const state = await reader.getContract(employer, contractId);
  if (state === undefined) throw new LedgerError('CONTRACT_UNKNOWN', `contract ${contractId} of ${employer} is not on the ledger`, { field: 'contractId' });
  return state;
}

/** One version of a key from the ledger's history database. */
export interface HistoryEntry<T> {
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly value: T | null;
}

export interface AnchorPage {
  readonly anchors: readonly AnchorRecord[];
  /** Pass back to get the next page; empty when there is none. */
  readonly bookmark: string;
}

export function parsePageSize(text: string): number {
  if (!/^[1-9]\d{0,2}$/.test(text) || Number(text) > MAX_PAGE_SIZE) {
    throw new LedgerError('INVALID_ARGUMENT', `pageSize must be 1..${MAX_PAGE_SIZE}`, { field: 'pageSize' });
  }
  return Number(text);
}

export function checkListAnchors(tx: Pick<TxContext, 'caller'>, origin: string, pageSizeText: string, bookmark: string): number {
  requireReader(tx.caller);
  checkOrigin(origin);
  if (bookmark.length > 1024) throw new LedgerError('INVALID_ARGUMENT', 'bookmark is too long', { field: 'bookmark' });
  return parsePageSize(pageSizeText);
}
