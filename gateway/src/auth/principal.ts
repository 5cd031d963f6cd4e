// Who is calling: the verified claims of a token. The roles, the org and region shapes and region
// coverage are core's (one definition for the gateway, the chaincode and the evidence schema).
import { ORG_PATTERN, REGION_PATTERN, ROLES, type Role } from '@elc/core';
import { z } from 'zod';

export interface Principal {
  readonly org: string;
  readonly role: Role;
  /** GB/T 2260 six-digit administrative division code. */
  readonly region: string;
  /** The key that signed the token. */
  readonly kid: string;
}

export const principalClaimsSchema = z.object({
  org: z.string().regex(ORG_PATTERN, 'org must be 1-127 letters, digits or ._:-'),
  role: z.enum(ROLES, 'role must be one of vendor, bureau, arbitration, regulator'),
  region: z.string().regex(REGION_PATTERN, 'region must be a six-digit GB/T 2260 code'),
});
