// Reads of personal data: by the bureau of the record's region, or by arbitration with a stated
// legal basis. Each read is first appended to the log as an `evidence.accessed` event (org, role,
// legal basis, reference — never a person's name), and only then answered.
import { encodeLeaf, LEGAL_BASES, regionCovers, type EvidenceEvent } from '@elc/core';
import type { Principal } from '../auth/principal.js';
import { httpError } from '../errors/codes.js';
import type { LogService } from '../log/index.js';
import { accessEventId } from './service.js';

export const LEGAL_BASIS_HEADER = 'x-legal-basis';
export const LEGAL_REFERENCE_HEADER = 'x-legal-reference';
export type LegalBasis = (typeof LEGAL_BASES)[number];

export interface AccessGrant {
  readonly legalBasis: LegalBasis;
  readonly reference?: string;
}

/** The request headers a grant reads (lower-case names, as node:http gives them). */
export type AccessHeaders = Readonly<Record<string, string | string[] | undefined>>;

function header(headers: AccessHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Who may read personal data of a record in `region`; throws 403/400 otherwise. */
export function grantFor(headers: AccessHeaders, p: Principal, region: string): AccessGrant {
  const raw = header(headers, LEGAL_BASIS_HEADER);
  const reference = header(headers, LEGAL_REFERENCE_HEADER);
  if (raw !== undefined && !(LEGAL_BASES as readonly string[]).includes(raw)) {
    throw httpError('REQUEST_INVALID', `X-Legal-Basis must be one of ${LEGAL_BASES.join(', ')}`, 'X-Legal-Basis');
  }
  if (reference !== undefined && !/^[A-Za-z0-9._:/-]{1,100}$/.test(reference)) {
    throw httpError('REQUEST_INVALID', 'X-Legal-Reference must be 1-100 characters of A-Z a-z 0-9 . _ : / -', 'X-Legal-Reference');
  }
  const basis = raw as LegalBasis | undefined;
  if (p.role === 'bureau') {
    if (!regionCovers(p.region, region)) throw httpError('FORBIDDEN_REGION', 'the record is outside the bureau\'s region');
    return { legalBasis: basis ?? 'labor_inspection', ...(reference === undefined ? {} : { reference }) };
  }
  if (p.role === 'arbitration') {
    if (basis === undefined) throw httpError('REQUEST_INVALID', 'arbitration reads personal data only with an X-Legal-Basis header', 'X-Legal-Basis');
    return { legalBasis: basis, ...(reference === undefined ? {} : { reference }) };
  }
  throw httpError('FORBIDDEN_ROLE', `role "${p.role}" may not read personal data (bureau of the region, or arbitration with a legal basis)`);
}

/** Appends one evidence.accessed event per contract read; resolves with their log indices once durable. */
export async function logAccess(
  log: LogService,
  p: Principal,
  grant: AccessGrant,
  contracts: readonly { uscc: string; contractNo: string; region: string; worker?: string }[],
  now: () => number,
): Promise<number[]> {
  if (contracts.length === 0) return [];
  const time = new Date(now()).toISOString();
  const entries = contracts.map((c) => {
    const event = {
      v: 1,
      id: accessEventId(),
      type: 'evidence.accessed',
      contractId: c.contractNo,
      employer: c.uscc,
      time,
      region: c.region,
      party: p.role === 'bureau' ? 'bureau' : 'arbitration',
      ...(c.worker === undefined ? {} : { worker: c.worker }),
      data: { org: p.org, role: p.role, legalBasis: grant.legalBasis, ...(grant.reference === undefined ? {} : { reference: grant.reference }) },
    } as EvidenceEvent;
    return { id: event.id, leaf: encodeLeaf(event) };
  });
  const receipts = await log.append(entries);
  return receipts.map((r) => r.index);
}
