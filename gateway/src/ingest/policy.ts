// Who may submit what. Only vendors (signing platforms) and bureaus submit evidence. The token,
// not the body, says who the submitter is: an event without `region` gets the token's region; a
// vendor may submit only for its own region, a bureau for any region it covers (GB/T 2260 nesting).
import { httpError } from '../errors/codes.js';
import { regionCovers, type Role } from '@elc/core';
import type { Principal } from '../auth/principal.js';

export const SUBMITTER_ROLES: readonly Role[] = ['vendor', 'bureau'];

/** The event with its region filled in from the token when absent. Non-objects pass unchanged (validation refuses them). */
export function withTokenRegion(raw: unknown, principal: Principal): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  if ((raw as Record<string, unknown>)['region'] !== undefined) return raw;
  return { ...(raw as Record<string, unknown>), region: principal.region };
}

/** Throws FORBIDDEN_REGION when the principal may not submit for `region`. */
export function checkRegion(principal: Principal, region: string, field: string): void {
  const allowed = principal.role === 'vendor' ? region === principal.region : regionCovers(principal.region, region);
  if (!allowed) {
    throw httpError('FORBIDDEN_REGION', `a ${principal.role} of region ${principal.region} may not submit events for region ${region}`, field);
  }
}

/** The log idempotency key: event ids are chosen by clients, so they are scoped to the token's org. */
export function appendId(org: string, eventId: string): string {
  return `${org}/${eventId}`;
}
