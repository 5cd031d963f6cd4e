// Who may do what. The role and region come from attributes of the submitter's X.509
// certificate (Fabric CA attributes `elc.role`, `elc.region`); the MSP id from its identity. The
// claims count only as far as the org registry allows them for that MSP (caller.ts).
import { ROLES, isRole, regionCovers, type Role } from '@elc/core';
import { LedgerError } from './errors.js';
import { isRegionCode } from './values.js';

export const ROLE_ATTRIBUTE = 'elc.role';
export const REGION_ATTRIBUTE = 'elc.region';

/** What the certificate says, before the org registry has confirmed it. */
export interface CertificateClaims {
  readonly mspId: string;
  /** The shim's `x509::<subject>::<issuer>` identity. */
  readonly id: string;
  readonly role: Role;
  /** GB/T 2260 code; always present for a vendor. */
  readonly region: string | undefined;
}

/** A caller whose role its MSP is registered for, and whose region lies within its org's. */
export interface Caller {
  readonly mspId: string;
  readonly id: string;
  readonly role: Role;
  /** The effective region: the certificate's (required for a vendor), else the org's. */
  readonly region: string;
}

/** Reads the claims of a certificate; refuses one without a known role or with a malformed region. */
export function claimsFrom(identity: { mspId: string; id: string; role: string | null; region: string | null }): CertificateClaims {
  const { role, region } = identity;
  if (role === null || !isRole(role)) {
    throw new LedgerError('ACCESS_DENIED', `the certificate has no known ${ROLE_ATTRIBUTE} attribute`);
  }
  if (region !== null && !isRegionCode(region)) {
    throw new LedgerError('ACCESS_DENIED', `the certificate's ${REGION_ATTRIBUTE} is not a GB/T 2260 code`);
  }
  if (role === 'vendor' && region === null) {
    throw new LedgerError('ACCESS_DENIED', `a vendor certificate must carry ${REGION_ATTRIBUTE}`);
  }
  return { mspId: identity.mspId, id: identity.id, role, region: region ?? undefined };
}

export function requireRole(caller: Pick<Caller, 'role'>, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(caller.role)) {
    throw new LedgerError('ACCESS_DENIED', `role ${caller.role} may not ${action}`);
  }
}

/** Bureau and vendor write; a vendor only in its own region. */
export function requireWriter(caller: Caller, region: string, action: string): void {
  requireRole(caller, ['bureau', 'vendor'], action);
  if (caller.role === 'vendor' && !regionCovers(caller.region, region)) {
    throw new LedgerError('REGION_DENIED', `a vendor of region ${caller.region} may not ${action} in region ${region}`);
  }
}

/** Every known role reads. */
export function requireReader(caller: Caller): void {
  requireRole(caller, ROLES, 'read');
}
