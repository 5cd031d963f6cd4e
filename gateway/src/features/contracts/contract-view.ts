// A contract as the gateway knows it: its on-chain state and history (the ledger) and its
// evidence in the log (the evidence index), with the access check every read goes through.
import { ElcError } from '@elc/core';
import type { Principal } from '../../auth/principal.js';
import type { ContractState, ContractVersion } from '../../ledger/index.js';
import type { LedgerFeatures } from '../anchors/context.js';
import { checkContractAccess } from '../evidence/access.js';
import type { ContractIndex } from '../evidence/index-store.js';
import type { ContractRef } from './contract-ref.js';

export interface ContractView {
  readonly ref: ContractRef;
  readonly state: ContractState | undefined;
  readonly history: ContractVersion[];
  readonly evidence: ContractIndex;
  readonly region: string;
}

/** The contract, if the principal may read it: CONTRACT_NOT_FOUND, FORBIDDEN_REGION, FORBIDDEN_ORG. */
export async function readContract(f: LedgerFeatures, ref: ContractRef, principal: Principal): Promise<ContractView> {
  await f.indexer.catchUp();
  const [state, history, evidence] = await Promise.all([
    f.ledger.getContract(ref.employer, ref.contractId),
    f.ledger.getContractHistory(ref.employer, ref.contractId),
    f.indexer.store.contract(ref.employer, ref.contractId),
  ]);
  const region = state?.region ?? evidence.region;
  if (region === undefined) throw new ElcError('CONTRACT_NOT_FOUND', 'no such contract on the ledger or in the log');
  checkContractAccess(principal, region, evidence.orgs);
  return { ref, state, history, evidence, region };
}
