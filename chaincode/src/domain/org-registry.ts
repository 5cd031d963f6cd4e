// The org registry: which roles the certificates of each MSP may claim, and the region the MSP
// is bound to. Bootstrap registers the first (bureau) org, once; after that, bureaus register,
// update and remove orgs within their own region.
import { ROLES, isRole, regionCovers, type Role } from '@elc/core';
import { requireRole } from './access.js';
import type { Caller, CertificateClaims } from './access.js';
import { LedgerError } from './errors.js';
import { EVENT_BOOTSTRAPPED, EVENT_ORG_REGISTERED, EVENT_ORG_REMOVED, EVENT_ORG_UPDATED } from './records.js';
import type { BootstrapRecord, LedgerReader, OrgRecord, OrgRemoval, Outcome, TxContext } from './records.js';
import { isRegionCode } from './values.js';

/** Fabric MSP ids in practice (`Org1MSP`, `bureau.sd.example`): bounded, no separators or spaces. */
const MSP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_ROLES_TEXT = 256;

export interface OrgInput {
  readonly mspId: string;
  /** JSON array of roles, e.g. `["vendor"]`. */
  readonly roles: string;
  readonly region: string;
}

/** Bootstrap runs before any org exists, so it sees the certificate's claims, not a resolved caller. */
export interface BootstrapContext {
  readonly txId: string;
  readonly timestamp: string;
  readonly claims: CertificateClaims;
}

export function checkMspId(mspId: string): void {
  if (!MSP_ID.test(mspId)) {
    throw new LedgerError('INVALID_ARGUMENT', 'mspId must be 1..128 characters of A-Z a-z 0-9 . _ - (not starting with . _ -)', { field: 'mspId' });
  }
}

function checkRegion(region: string): void {
  if (!isRegionCode(region)) throw new LedgerError('INVALID_ARGUMENT', 'region must be a GB/T 2260 code', { field: 'region' });
}

/** A JSON array of distinct known roles, 1..4 of them; returned in the order of ROLES. */
export function parseRoles(text: string): Role[] {
  const bad = () => new LedgerError('INVALID_ARGUMENT', `roles must be a JSON array of distinct roles out of ${ROLES.join(', ')}`, { field: 'roles' });
  if (text.length > MAX_ROLES_TEXT) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length === 0) throw bad();
  const roles = value.map((r: unknown) => (typeof r === 'string' && isRole(r) ? r : undefined));
  if (roles.includes(undefined) || new Set(roles).size !== roles.length) throw bad();
  return ROLES.filter((r) => roles.includes(r));
}

/** A bureau manages orgs whose region lies within its own (a province bureau: the province's cities). */
function requireManages(caller: Caller, region: string, field: string, action: string): void {
  if (!regionCovers(caller.region, region)) {
    throw new LedgerError('REGION_DENIED', `a bureau of region ${caller.region} may not ${action} of region ${region}`, { field });
  }
}

async function existingOrg(reader: LedgerReader, mspId: string): Promise<OrgRecord> {
  const org = await reader.getOrg(mspId);
  if (org === undefined) throw new LedgerError('ORG_UNKNOWN', `MSP ${mspId} is not a registered org`, { field: 'mspId' });
  return org;
}

function sameOrg(a: OrgRecord, roles: readonly Role[], region: string): boolean {
  return a.region === region && a.roles.length === roles.length && a.roles.every((r, i) => r === roles[i]);
}

/**
 * Bootstrap: trust on first use. Succeeds only while no org is registered, and registers the
 * caller's own MSP as a bureau org of `region`; the caller's certificate must claim `bureau`
 * (and a region within `region`, if it claims one). Meant as the deploy-time init call.
 */
export async function bootstrap(reader: LedgerReader, region: string, tx: BootstrapContext): Promise<Outcome<OrgRecord>> {
  const done = await reader.getBootstrap();
  if (done !== undefined) {
    throw new LedgerError('ALREADY_BOOTSTRAPPED', `the ledger was bootstrapped by MSP ${done.mspId} in transaction ${done.txId}`);
  }
  requireRole(tx.claims, ['bureau'], 'bootstrap the ledger');
  checkRegion(region);
  if (tx.claims.region !== undefined && !regionCovers(region, tx.claims.region)) {
    throw new LedgerError('REGION_OUTSIDE_ORG', `the certificate's region ${tx.claims.region} is outside region ${region}`, { field: 'region' });
  }
  const org: OrgRecord = { mspId: tx.claims.mspId, roles: ['bureau'], region, registeredBy: tx.claims.mspId, txId: tx.txId, timestamp: tx.timestamp };
  const record: BootstrapRecord = { mspId: org.mspId, region, txId: tx.txId, timestamp: tx.timestamp };
  return {
    writes: [
      { kind: 'bootstrap', value: record },
      { kind: 'org', value: org },
    ],
    event: { name: EVENT_BOOTSTRAPPED, payload: org },
    result: org,
  };
}

/** RegisterOrg: bureau, within its region. The same registration again changes nothing; any other is ORG_EXISTS. */
export async function registerOrg(reader: LedgerReader, input: OrgInput, tx: TxContext): Promise<Outcome<OrgRecord>> {
  requireRole(tx.caller, ['bureau'], 'register an org');
  checkMspId(input.mspId);
  const roles = parseRoles(input.roles);
  checkRegion(input.region);
  requireManages(tx.caller, input.region, 'region', 'register an org');
  const existing = await reader.getOrg(input.mspId);
  if (existing !== undefined) {
    if (sameOrg(existing, roles, input.region)) return { writes: [], event: undefined, result: existing };
    throw new LedgerError('ORG_EXISTS', `MSP ${input.mspId} is already registered (change it with UpdateOrg)`, { field: 'mspId' });
  }
  const org: OrgRecord = { mspId: input.mspId, roles, region: input.region, registeredBy: tx.caller.mspId, txId: tx.txId, timestamp: tx.timestamp };
  return { writes: [{ kind: 'org', value: org }], event: { name: EVENT_ORG_REGISTERED, payload: org }, result: org };
}

/**
 * UpdateOrg: bureau, for an org within its region, to roles and a region within its region. A
 * bureau may not take the bureau role or its own region from its own org (ORG_SELF_LOCKOUT).
 */
export async function updateOrg(reader: LedgerReader, input: OrgInput, tx: TxContext): Promise<Outcome<OrgRecord>> {
  requireRole(tx.caller, ['bureau'], 'update an org');
  checkMspId(input.mspId);
  const roles = parseRoles(input.roles);
  checkRegion(input.region);
  const existing = await existingOrg(reader, input.mspId);
  requireManages(tx.caller, existing.region, 'mspId', 'update an org');
  requireManages(tx.caller, input.region, 'region', 'move an org to');
  if (input.mspId === tx.caller.mspId && (!roles.includes('bureau') || !regionCovers(input.region, tx.caller.region))) {
    throw new LedgerError('ORG_SELF_LOCKOUT', "a bureau may not drop the bureau role or its own region from its own org", { field: 'mspId' });
  }
  if (sameOrg(existing, roles, input.region)) return { writes: [], event: undefined, result: existing };
  const org: OrgRecord = { mspId: input.mspId, roles, region: input.region, registeredBy: tx.caller.mspId, txId: tx.txId, timestamp: tx.timestamp };
  return { writes: [{ kind: 'org', value: org }], event: { name: EVENT_ORG_UPDATED, payload: org }, result: org };
}

/** RemoveOrg: bureau, for an org within its region other than its own. */
export async function removeOrg(reader: LedgerReader, mspId: string, tx: TxContext): Promise<Outcome<OrgRemoval>> {
  requireRole(tx.caller, ['bureau'], 'remove an org');
  checkMspId(mspId);
  const existing = await existingOrg(reader, mspId);
  requireManages(tx.caller, existing.region, 'mspId', 'remove an org');
  if (mspId === tx.caller.mspId) throw new LedgerError('ORG_SELF_LOCKOUT', 'a bureau may not remove its own org', { field: 'mspId' });
  const removal: OrgRemoval = { org: existing, removedBy: tx.caller.mspId, txId: tx.txId, timestamp: tx.timestamp };
  return { writes: [{ kind: 'orgRemoved', value: { mspId } }], event: { name: EVENT_ORG_REMOVED, payload: removal }, result: removal };
}

/** GetOrg: every registered caller reads the registry. */
export async function getOrg(reader: LedgerReader, mspId: string): Promise<OrgRecord> {
  checkMspId(mspId);
  return existingOrg(reader, mspId);
}
