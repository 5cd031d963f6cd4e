// The roles of the architecture and the org names callers carry, once for every package: the
// gateway reads them from JWT claims, the chaincode from certificate attributes, and the
// evidence schema records them in `evidence.accessed` events. Copies of this list drifted before.

/**
 * The roles (docs/architecture.md). The order is the chaincode's: it keeps an org's roles in
 * this order on chain (parseRoles), so reordering would change stored records.
 */
export const ROLES = ['bureau', 'vendor', 'arbitration', 'regulator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

/** An org identifier: a USCC or any short registry name; no spaces or control characters. */
export const ORG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,126}$/;
