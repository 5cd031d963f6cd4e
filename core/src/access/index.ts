// Who acts and what they may do: the roles and org names callers carry, which GB/T 2260 regions
// a region's authority covers, and the one access policy.
export { ORG_PATTERN, ROLES, isRole, type Role } from './roles.js';
export { regionCovers } from './regions.js';
export {
  AUTHORITY_BASES,
  LEGAL_BASES,
  POLICY,
  TOKEN_ROLES,
  decide,
  policyRow,
  type AccessPrincipal,
  type Decision,
  type DenyCode,
  type LegalBasis,
  type PolicyRow,
  type Resource,
  type ResourceKind,
  type Rule,
  type TokenRole,
} from './policy.js';
