/**
 * Mandates (委托授权): which signing platform an employer authorised to record its contracts'
 * evidence and read it as a party. A platform gains a contract's scope only from a mandate, never
 * by writing about the contract. Bureaus write mandates within their region — for an employer of
 * their region, or on the employer's own request through the bureau's gateway — and the record
 * says who asked (`grantedBy`, as the gateway attests it) beside the submitting MSP.
 */
import { ORG_PATTERN } from '@elc/core';
import { regionCovers } from '@elc/core';
import { requireRole } from './access.js';
import { LedgerError } from './errors.js';
import { EVENT_MANDATE } from './records.js';
import type { LedgerReader, MandateActor, MandateRecord, Outcome, TxContext } from './records.js';
import { isRegionCode, isUscc } from './values.js';

export interface MandateInput {
  readonly employer: string;
  readonly platform: string;
  readonly region: string;
  /** JSON `{"role":"bureau"|"employer","org":"..."}`: who asked, as the gateway attests */
  readonly actor: string;
}

export function checkMandateKey(employer: string, platform: string): void {
  if (!isUscc(employer)) throw new LedgerError('INVALID_ARGUMENT', 'employer must be an 18-character USCC with a valid check character', { field: 'employer' });
  if (!ORG_PATTERN.test(platform)) throw new LedgerError('INVALID_ARGUMENT', 'platform must be an org id: 1-127 letters, digits or ._:-', { field: 'platform' });
}

function parseActor(text: string, employer: string): MandateActor {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  const bad = () => new LedgerError('INVALID_ARGUMENT', 'actor must be {"role":"bureau"|"employer","org":"<org id>"}', { field: 'actor' });
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).length !== 2) throw bad();
  const { role, org } = v as Record<string, unknown>;
  if ((role !== 'bureau' && role !== 'employer') || typeof org !== 'string' || !ORG_PATTERN.test(org)) throw bad();
  // An employer asks only for itself.
  if (role === 'employer' && org !== employer) throw new LedgerError('ACCESS_DENIED', 'an employer grants or revokes mandates only for itself', { field: 'actor' });
  return { role, org };
}

function requireManages(tx: TxContext, region: string): void {
  requireRole(tx.caller, ['bureau'], 'write mandates');
  if (!regionCovers(tx.caller.region, region)) {
    throw new LedgerError('REGION_DENIED', `a bureau of region ${tx.caller.region} may not write mandates of region ${region}`, { field: 'region' });
  }
}

/** GrantMandate: bureau, within its region. Granting an active mandate again changes nothing. */
export async function grantMandate(reader: LedgerReader, input: MandateInput, tx: TxContext): Promise<Outcome<MandateRecord>> {
  checkMandateKey(input.employer, input.platform);
  if (!isRegionCode(input.region)) throw new LedgerError('INVALID_ARGUMENT', 'region must be a GB/T 2260 code', { field: 'region' });
  requireManages(tx, input.region);
  const actor = parseActor(input.actor, input.employer);
  const existing = await reader.getMandate(input.employer, input.platform);
  if (existing?.status === 'active' && existing.region === input.region) return { writes: [], event: undefined, result: existing };
  const record: MandateRecord = {
    employer: input.employer,
    platform: input.platform,
    region: input.region,
    status: 'active',
    grantedBy: actor,
    mspId: tx.caller.mspId,
    txId: tx.txId,
    timestamp: tx.timestamp,
  };
  return { writes: [{ kind: 'mandate', value: record }], event: { name: EVENT_MANDATE, payload: record }, result: record };
}

/** RevokeMandate: bureau, within the mandate's region. Revoking a revoked mandate changes nothing. */
export async function revokeMandate(reader: LedgerReader, input: Omit<MandateInput, 'region'>, tx: TxContext): Promise<Outcome<MandateRecord>> {
  checkMandateKey(input.employer, input.platform);
  const existing = await reader.getMandate(input.employer, input.platform);
  if (existing === undefined) throw new LedgerError('MANDATE_UNKNOWN', `no mandate of ${input.employer} for ${input.platform}`, { field: 'platform' });
  requireManages(tx, existing.region);
  const actor = parseActor(input.actor, input.employer);
  if (existing.status === 'revoked') return { writes: [], event: undefined, result: existing };
  const record: MandateRecord = { ...existing, status: 'revoked', revokedBy: actor, revokedTxId: tx.txId, revokedAt: tx.timestamp };
  return { writes: [{ kind: 'mandate', value: record }], event: { name: EVENT_MANDATE, payload: record }, result: record };
}

export async function getMandate(reader: LedgerReader, employer: string, platform: string): Promise<MandateRecord> {
  checkMandateKey(employer, platform);
  const m = await reader.getMandate(employer, platform);
  if (m === undefined) throw new LedgerError('MANDATE_UNKNOWN', `no mandate of ${employer} for ${platform}`, { field: 'platform' });
  return m;
}
