/**
 * From a normalized Shandong record to what the log and the ledger hold: an evidence event (the
 * leaf) and a lifecycle transition. Personal data never reaches either: the worker is the
 * commitment, the 终止理由 free text stays in the sealed record only, and the docHash of a
 * concluded or renewed contract is the SHA-256 of the record as the leaf may show it (this
 * interface carries no contract document).
 */
import { createHash, createHmac } from 'node:crypto';
import type { EvidenceEvent } from '@elc/core';
import type { Transition } from '@elc/chaincode/domain';
import type { SdNewContract, SdRenewal, SdRescission, SdTermination } from './validate/index.js';
import type { SdKind } from './store.js';

export type SdItem = SdNewContract | SdRescission | SdRenewal | SdTermination;

/** Shandong code table B → core's term kinds. */
const TERM_KIND: Readonly<Record<string, 'fixed' | 'open_ended' | 'task_based'>> = { '1': 'fixed', '2': 'open_ended', '3': 'task_based' };

/** yyyyMMdd → yyyy-mm-dd */
export function isoDate(d: string): string {
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

/** Keys sorted, for the flat string records of this interface: a deterministic serialisation. */
export function stableJson(value: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/**
 * The stable event id of an item: the same item of the same unit and kind has the same id, so a
 * repeat is acknowledged once. Keyed by the deployment's commitment secret (the item holds personal
 * data, and ids are public in the leaf); written in letters only, so the log's personal-data screen
 * never sees a digit run that looks like a phone number.
 */
export function itemId(secret: Uint8Array, kind: SdKind, uscc: string, item: Readonly<Record<string, unknown>>): string {
  const mac = createHmac('sha256', secret).update(JSON.stringify(['elc-sd-item/v1', kind, uscc, stableJson(item)])).digest();
  let letters = '';
  for (const byte of mac.subarray(0, 20)) letters += String.fromCharCode(97 + (byte >> 4), 97 + (byte & 15));
  return `sd.${kind}.${letters}`;
}

function term(termType: string, startDate: string, endDate: string | undefined): { kind: 'fixed' | 'open_ended' | 'task_based'; start: string; end?: string } {
  const kind = TERM_KIND[termType] ?? 'task_based';
  const start = isoDate(startDate);
  // An open-ended term has no end (a sentinel such as 99991231 some platforms send is dropped).
  if (kind === 'open_ended' || endDate === undefined) return { kind, start };
  return { kind, start, end: isoDate(endDate) };
}

export interface Prepared {
  readonly event: EvidenceEvent;
  readonly transition: Transition;
}

export interface PrepareContext {
  readonly id: string;
  readonly uscc: string;
  readonly region: string;
  readonly time: string;
  readonly party: 'platform' | 'bureau';
  readonly worker: string;
}

function docHashOf(kind: SdKind, uscc: string, shown: Readonly<Record<string, unknown>>): string {
  return 'sha256:' + createHash('sha256').update(stableJson({ kind, uscc, ...shown })).digest('hex');
}

export function prepareItem(kind: Exclude<SdKind, 'units'>, item: SdItem, c: PrepareContext): Prepared {
  const common = { v: 1 as const, id: c.id, contractId: item.contractNo, employer: c.uscc, time: c.time, region: c.region, party: c.party, worker: c.worker };
  const base = { employer: c.uscc, contractId: item.contractNo, region: c.region };
  switch (kind) {
    case 'contracts': {
      const r = item as SdNewContract;
      const t = term(r.termType, r.startDate, r.endDate);
      const docHash = docHashOf(kind, c.uscc, { contractNo: r.contractNo, worker: c.worker, termType: r.termType, startDate: r.startDate, endDate: r.endDate ?? '', workerCategory: r.workerCategory, contractCategory: r.contractCategory });
      return {
        event: { ...common, type: 'contract.concluded', docHash, data: { effectiveDate: t.start, term: t } } as EvidenceEvent,
        transition: { ...base, type: 'conclude', effectiveDate: t.start, docHash, term: t },
      };
    }
    case 'renewals': {
      const r = item as SdRenewal;
      const t = term(r.termType, r.startDate, r.endDate);
      const docHash = docHashOf(kind, c.uscc, { ...r, worker: c.worker });
      return {
        event: { ...common, type: 'contract.renewed', docHash, data: { effectiveDate: t.start, term: t } } as EvidenceEvent,
        transition: { ...base, type: 'renew', effectiveDate: t.start, docHash, term: t },
      };
    }
    case 'rescissions': {
      const r = item as SdRescission;
      const initiator = r.initiator === '1' ? 'worker' : 'employer';
      const effectiveDate = isoDate(r.rescindDate);
      return {
        event: { ...common, type: 'contract.rescinded', data: { effectiveDate, reasonCode: r.reason, initiator, noticeDate: isoDate(r.noticeDate) } },
        transition: { ...base, type: 'rescind', effectiveDate, reasonCode: r.reason, initiator },
      };
    }
    case 'terminations': {
      const r = item as SdTermination;
      const effectiveDate = isoDate(r.terminateDate);
      // The spec has no initiator for 终止; the event schema needs one: the unit reports it and
      // issues the termination certificate (劳动合同法 第50条). 终止理由 stays in the sealed record.
      return {
        event: { ...common, type: 'contract.terminated', data: { effectiveDate, reasonCode: r.reason, initiator: 'employer', noticeDate: isoDate(r.noticeDate) } },
        transition: { ...base, type: 'terminate', effectiveDate, reasonCode: r.reason },
      };
    }
  }
}

/** The date an item takes effect (checked against the contract's start), and the field that holds it. */
export function effectiveOf(kind: Exclude<SdKind, 'units' | 'contracts'>, item: SdItem): { date: string; key: 'rescindDate' | 'startDate' | 'terminateDate' } {
  if (kind === 'rescissions') return { date: (item as SdRescission).rescindDate, key: 'rescindDate' };
  if (kind === 'renewals') return { date: (item as SdRenewal).startDate, key: 'startDate' };
  return { date: (item as SdTermination).terminateDate, key: 'terminateDate' };
}
