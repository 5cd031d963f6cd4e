/**
 * Reads of the Shandong records that hold personal data: one contract's worker, and the export
 * stream of a bureau's region. Each read is granted first (access.ts), then logged as its
 * evidence.accessed events, and only then are the records opened.
 */
import { regionCovers } from '@elc/core';
import type { Principal } from '../auth/principal.js';
import { httpError } from '../errors/codes.js';
import type { LogService } from '../log/index.js';
import type { PiiCipher } from '../pii/index.js';
import { grantFor, logAccess, type AccessHeaders, type LegalBasis } from './access.js';
import { K, type ContractRecord, type SdStore, type StreamRecord } from './store.js';

export const EXPORT_MAX_PAGE = 500;
/** Records looked at per export page, at most, so that a page over other regions stays bounded. */
const EXPORT_SCAN_FACTOR = 20;

export interface WorkerRecord {
  readonly uscc: string;
  readonly contractNo: string;
  readonly worker: string;
  readonly [personal: string]: unknown;
  readonly access: { readonly logIndex: number | undefined; readonly legalBasis: LegalBasis };
}

export interface ExportPage {
  readonly records: readonly { seq: number; kind: string; uscc: string; region: string; acceptedAt: string; record: unknown }[];
  /** the `after` of the next page; null when the stream is exhausted */
  readonly next: number | null;
}

export interface SdReads {
  worker(p: Principal, headers: AccessHeaders, uscc: string, contractNo: string): Promise<WorkerRecord>;
  exportPage(p: Principal, headers: AccessHeaders, after: number, limit: number): Promise<ExportPage>;
}

export function createSdReads(deps: { store: SdStore; log: LogService; cipher: PiiCipher; now?: () => number }): SdReads {
  const { store, log, cipher } = deps;
  const now = deps.now ?? Date.now;
  return {
    async worker(p, headers, uscc, contractNo) {
      const rec = await store.get<ContractRecord>(K.contract(uscc, contractNo));
      if (rec === undefined) throw httpError('NOT_FOUND', 'no contract with this unit and number was reported here');
      const grant = grantFor(headers, p, rec.region);
      const [logIndex] = await logAccess(log, p, grant, [{ uscc, contractNo, region: rec.region, worker: rec.worker }], now);
      const clear = cipher.open(`contract:${uscc}:${contractNo}`, rec.sealed) as Record<string, string>;
      return { uscc, contractNo, worker: rec.worker, ...clear, access: { logIndex, legalBasis: grant.legalBasis } };
    },

    async exportPage(p, headers, after, limit) {
      if (limit < 1 || limit > EXPORT_MAX_PAGE) throw httpError('QUERY_INVALID', `limit must be 1..${EXPORT_MAX_PAGE}`, 'limit');
      const grant = grantFor(headers, p, p.region);
      const scanned = await store.range<StreamRecord & { id: string }>(K.record(after + 1), 'rec"', limit * EXPORT_SCAN_FACTOR);
      const page: (StreamRecord & { id: string })[] = [];
      let last = after;
      for (const { value } of scanned) {
        if (page.length === limit) break;
        last = value.seq;
        if (regionCovers(p.region, value.region)) page.push(value);
      }
      const contracts = new Map<string, { uscc: string; contractNo: string; region: string }>();
      for (const rec of page) if (rec.contractNo !== undefined) contracts.set(`${rec.uscc}\u0000${rec.contractNo}`, { uscc: rec.uscc, contractNo: rec.contractNo, region: rec.region });
      await logAccess(log, p, grant, [...contracts.values()], now);
      const exhausted = scanned.length < limit * EXPORT_SCAN_FACTOR && page.length < limit;
      return {
        records: page.map((rec) => ({ seq: rec.seq, kind: rec.kind, uscc: rec.uscc, region: rec.region, acceptedAt: rec.acceptedAt, record: cipher.open(`rec:${rec.id}`, rec.sealed) })),
        next: exhausted ? null : last,
      };
    },
  };
}
