// Who is calling: the verified claims of a token. Roles and regions follow ARCHITECTURE.md
// ("roles: vendor, bureau, arbitration, regulator; claims org, role, region as a GB/T 2260 code").
import { z } from 'zod';

export const ROLES = ['vendor', 'bureau', 'arbitration', 'regulator'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly org: string;
  readonly role: Role;
  /** GB/T 2260 six-digit administrative division code. */
  readonly region: string;
  /** The key that signed the token. */
  readonly kid: string;
}

/** An org identifier: a USCC or any short registry name; no spaces or control characters. */
export const ORG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,126}$/;
/** GB/T 2260: six digits. */
export const REGION_PATTERN = /^\d{6}$/;

export const principalClaimsSchema = z.object({
  org: z.string().regex(ORG_PATTERN, 'org must be 1-127 letters, digits or ._:-'),
  role: z.enum(ROLES, 'role must be one of vendor, bureau, arbitration, regulator'),
  region: z.string().regex(REGION_PATTERN, 'region must be a six-digit GB/T 2260 code'),
});

/**
 * Does an authority with region `authority` cover `region`? GB/T 2260 codes nest: a province
 * `xx0000` covers every `xx....`, a prefecture `xxxx00` every `xxxx..`, a county only itself.
 */
export function regionCovers(authority: string, region: string): boolean {
  if (authority === region) return true;
  if (authority.endsWith('0000')) return region.startsWith(authority.slice(0, 2));
  if (authority.endsWith('00')) return region.startsWith(authority.slice(0, 4));
  return false;
}
