// Who acts: the roles and org names callers carry, and which GB/T 2260 regions a region's
// authority covers.
export { ORG_PATTERN, ROLES, isRole, type Role } from './roles.js';
export { regionCovers } from './regions.js';
