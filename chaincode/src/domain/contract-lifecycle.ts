// The labor-contract state machine (LCL art. 14, 17, 35-46): concluded once, then renewed or
// amended while active, and ended once by rescission (解除) or termination (终止).
import { LedgerError } from './errors.js';
import type { ContractState, LastTransition, Term, TxContext } from './records.js';
import type { Transition } from './transition-schema.js';

/** Term rules: a fixed term has an end, an open-ended one has none, and no term ends before it starts. */
export function checkTerm(term: Term): void {
  if (term.kind === 'fixed' && term.end === undefined) {
    throw new LedgerError('INVALID_ARGUMENT', 'a fixed term needs an end date', { field: 'term.end' });
  }
  if (term.kind === 'open_ended' && term.end !== undefined) {
    throw new LedgerError('INVALID_ARGUMENT', 'an open-ended term has no end date', { field: 'term.end' });
  }
  if (term.end !== undefined && term.end < term.start) {
    throw new LedgerError('END_BEFORE_START', `the term ends (${term.end}) before it starts (${term.start})`, { field: 'term.end' });
  }
}

function termOf(t: { kind: Term['kind']; start: string; end?: string | undefined }): Term {
  return t.end === undefined ? { kind: t.kind, start: t.start } : { kind: t.kind, start: t.start, end: t.end };
}

function lastOf(t: Transition, tx: TxContext): LastTransition {
  return {
    type: t.type,
    effectiveDate: t.effectiveDate,
    ...(t.docHash === undefined ? {} : { docHash: t.docHash }),
    ...(t.evidenceIndex === undefined ? {} : { evidenceIndex: t.evidenceIndex }),
    txId: tx.txId,
    timestamp: tx.timestamp,
    mspId: tx.caller.mspId,
  };
}

function requireActive(prev: ContractState | undefined, t: Transition): ContractState {
  if (prev === undefined) {
    throw new LedgerError('CONTRACT_UNKNOWN', `contract ${t.contractId} of ${t.employer} has not been concluded`, { field: 'contractId' });
  }
  if (prev.status !== 'active') {
    throw new LedgerError('CONTRACT_ENDED', `contract ${t.contractId} of ${t.employer} was ${prev.status} on ${prev.endedOn ?? '?'}`, { field: 'contractId' });
  }
  if (t.region !== undefined && t.region !== prev.region) {
    throw new LedgerError('INVALID_ARGUMENT', `the contract is in region ${prev.region}, not ${t.region}`, { field: 'region' });
  }
  if (t.effectiveDate < prev.startDate) {
    throw new LedgerError('DATE_BEFORE_START', `effective date ${t.effectiveDate} is before the contract's start ${prev.startDate}`, { field: 'effectiveDate' });
  }
  return prev;
}

function requireNotBeforeStart(term: Term, prev: ContractState): void {
  if (term.start < prev.startDate) {
    throw new LedgerError('DATE_BEFORE_START', `the term starts ${term.start}, before the contract's start ${prev.startDate}`, { field: 'term.start' });
  }
}

/**
 * The next state of one contract, or a LedgerError. Pure: the previous state (undefined when
 * the contract is unknown), the transition and the transaction context are all it uses.
 */
export function applyTransition(prev: ContractState | undefined, t: Transition, tx: TxContext): ContractState {
  const last = lastOf(t, tx);
  switch (t.type) {
    case 'conclude': {
      if (prev !== undefined) {
        throw new LedgerError('CONTRACT_EXISTS', `contract ${t.contractId} of ${t.employer} is already concluded`, { field: 'contractId' });
      }
      const term = termOf(t.term);
      checkTerm(term);
      return {
        employer: t.employer,
        contractId: t.contractId,
        region: t.region,
        status: 'active',
        startDate: term.start,
        term,
        docHash: t.docHash,
        concludedOn: t.effectiveDate,
        transitions: 1,
        last,
      };
    }
    case 'renew': {
      const cur = requireActive(prev, t);
      const term = termOf(t.term);
      requireNotBeforeStart(term, cur);
      checkTerm(term);
      return { ...cur, term, docHash: t.docHash, transitions: cur.transitions + 1, last };
    }
    case 'amend': {
      const cur = requireActive(prev, t);
      let term = cur.term;
      if (t.term !== undefined) {
        term = termOf(t.term);
        requireNotBeforeStart(term, cur);
        checkTerm(term);
      }
      return { ...cur, term, docHash: t.docHash, transitions: cur.transitions + 1, last };
    }
    case 'rescind':
    case 'terminate': {
      const cur = requireActive(prev, t);
      return {
        ...cur,
        status: t.type === 'rescind' ? 'rescinded' : 'terminated',
        endedOn: t.effectiveDate,
        endReasonCode: t.reasonCode,
        ...(t.initiator === undefined ? {} : { endInitiator: t.initiator }),
        transitions: cur.transitions + 1,
        last,
      };
    }
  }
}
