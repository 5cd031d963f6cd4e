/**
 * Who may read a contract's evidence: arbitration bodies, bureaus and regulators whose
 * region covers the contract's, with a legal basis; and the vendor orgs that submitted evidence
 * of the contract. Every retrieval is logged as an `evidence.accessed` event naming the org, the
 * role and the legal basis (never a person).
 */
import { ElcError, LEGAL_BASES, regionCovers } from '@elc/core';
import type { Principal } from '../auth/principal.js';

export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Request header and query parameter that carry the legal basis of a retrieval. */
export const LEGAL_BASIS_HEADER = 'elc-legal-basis';
export const LEGAL_REFERENCE_HEADER = 'elc-legal-reference';

export interface AccessRequest {
  readonly legalBasis: LegalBasis;
  readonly reference: string | undefined;
}

function first(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The legal basis of a retrieval: header `ELC-Legal-Basis` or query `legalBasis`, with an optional
 * case reference (`ELC-Legal-Reference` / `reference`). A vendor reading its own submissions reads
 * as a contract party; every other role must state one.
 */
export function accessRequestOf(principal: Principal, headers: Record<string, unknown>, query: Record<string, unknown>): AccessRequest {
  const basis = first(headers[LEGAL_BASIS_HEADER]) ?? first(query['legalBasis']);
  const reference = first(headers[LEGAL_REFERENCE_HEADER]) ?? first(query['reference']);
  if (basis === undefined) {
    if (principal.role === 'vendor') return { legalBasis: 'contract_party', reference };
    throw new ElcError('LEGAL_BASIS_REQUIRED', `a ${principal.role} must give the legal basis of the retrieval (header ELC-Legal-Basis: ${LEGAL_BASES.join(' | ')})`, {
      field: 'legalBasis',
    });
  }
  if (!(LEGAL_BASES as readonly string[]).includes(basis)) {
    throw new ElcError('LEGAL_BASIS_REQUIRED', `the legal basis must be one of ${LEGAL_BASES.join(', ')}`, { field: 'legalBasis' });
  }
  return { legalBasis: basis as LegalBasis, reference };
}

/** Throws FORBIDDEN_REGION / FORBIDDEN_ORG unless the principal may read this contract. */
export function checkContractAccess(principal: Principal, contractRegion: string, submitterOrgs: readonly string[]): void {
  if (principal.role === 'vendor') {
    if (!submitterOrgs.includes(principal.org)) {
      throw new ElcError('FORBIDDEN_ORG', 'a vendor may read only the contracts it submitted evidence for');
    }
    return;
  }
  if (!regionCovers(principal.region, contractRegion)) {
    throw new ElcError('FORBIDDEN_REGION', `a ${principal.role} of region ${principal.region} may not read a contract of region ${contractRegion}`);
  }
}

/** The `party` of the evidence.accessed event for a role. */
export function partyOf(principal: Principal): 'platform' | 'bureau' | 'arbitration' | 'regulator' {
  return principal.role === 'vendor' ? 'platform' : principal.role;
}
