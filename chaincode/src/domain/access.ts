// Who may do what. The role and region come from attributes of the submitter's X.509
// certificate (Fabric CA attributes `elc.role`, `elc.region`); the MSP id from its identity.
import { LedgerError } from './errors.js';
import { isRegionCode } from './values.js';

export const ROLE_ATTRIBUTE = 'elc.role';
export const REGION_ATTRIBUTE = 'elc.region';

export const ROLES = ['bureau', 'vendor', 'arbitration', 'regulator'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  readonly mspId: string;
  /** The shim's `x509::<subject>::<issuer>` identity. */
  readonly id: string;
  readonly role: Role;
  /** GB/T 2260 code; always present for a vendor. */
  readonly region: string | undefined;
}

function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

/** Builds the caller from its identity; refuses a certificate without a known role. */
export function callerFrom(identity: { mspId: string; id: string; role: string | null; region: string | null }): Caller {
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

/**
 * GB/T 2260 codes are hierarchical: 370000 (a province) covers 3701xx, 370100 (a city)
 * covers 3701xx, and a county code covers only itself.
 */
export function regionCovers(holder: string, target: string): boolean {
  if (holder.endsWith('0000')) return target.slice(0, 2) === holder.slice(0, 2);
  if (holder.endsWith('00')) return target.slice(0, 4) === holder.slice(0, 4);
  return target === holder;
}

export function requireRole(caller: Caller, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(caller.role)) {
    throw new LedgerError('ACCESS_DENIED', `role ${caller.role} may not ${action}`);
  }
}

/** Bureau and vendor write; a vendor only in its own region. */
export function requireWriter(caller: Caller, region: string, action: string): void {
  requireRole(caller, ['bureau', 'vendor'], action);
  if (caller.role === 'vendor' && (caller.region === undefined || !regionCovers(caller.region, region))) {
    throw new LedgerError('REGION_DENIED', `a vendor of region ${caller.region ?? '?'} may not ${action} in region ${region}`);
  }
}

/** Every known role reads. */
export function requireReader(caller: Caller): void {
  requireRole(caller, ROLES, 'read');
}
