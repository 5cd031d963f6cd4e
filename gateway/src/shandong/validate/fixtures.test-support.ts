// Synthetic fixtures for the Shandong validators. Every identifier is made up: USCCs and ID numbers
// get valid check characters from @elc/core's generators; names are placeholders.
import { expect } from 'vitest';
import { makeResidentId, makeUscc } from '@elc/core';
import type { FieldSpec, ListSpec } from './fields.js';
import type { SdErrorCode, SdIssue, SdResult } from './issues.js';

export const EMPLOYER = makeUscc('91370102MA3C00000');
export const HOST = makeUscc('91370203MA3D00001');
export const WORKER_ID = makeResidentId('37010219900307123');
export const WORKER_ID_2 = makeResidentId('37020319851111057');
export const LEGAL_REP_ID = makeResidentId('37010219700101001');
export const AGENT_ID = makeResidentId('37010219880808002');
/** WORKER_ID with a wrong check character. */
export const BAD_ID = WORKER_ID.slice(0, 17) + (WORKER_ID.endsWith('0') ? '1' : '0');

export type Json = Record<string, unknown>;

/** Renames English keys to the spec's Chinese names (in the body and its list items). */
export function toZh(body: Json, specs: readonly (FieldSpec | ListSpec)[]): Json {
  const zhOf = new Map(specs.map((s) => [s.key, s.zh]));
  const rename = (o: Json): Json =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => [zhOf.get(k) ?? k, Array.isArray(v) ? v.map((x) => rename(x as Json)) : v]),
    );
  return rename(body);
}

export function errorsOf<T>(r: SdResult<T>): readonly SdIssue[] {
  if (r.ok) throw new Error(`expected errors, got a valid result: ${JSON.stringify(r.value)}`);
  return r.errors;
}

export function valueOf<T>(r: SdResult<T>): T {
  if (!r.ok) throw new Error(`expected a valid result, got ${JSON.stringify(r.errors, null, 1)}`);
  return r.value;
}

/** [index, field, code] triples, for compact assertions. */
export function triples<T>(r: SdResult<T>): [number | null, string | null, SdErrorCode][] {
  return errorsOf(r).map((e) => [e.index, e.field, e.code]);
}

/** Every error carries a Chinese and an English message. */
export function expectMessages(errors: readonly SdIssue[]): void {
  for (const e of errors) {
    expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(e.message.en).toMatch(/[a-z]/);
  }
}

export const newContract = (over: Json = {}): Json => ({
  contractNo: 'HT-2026-0001',
  contractName: '劳动合同',
  workerIdType: '01',
  workerName: '测试甲',
  workerIdNumber: WORKER_ID,
  workerPhone: '13800000000',
  termType: '1',
  startDate: '20260101',
  endDate: '20281231',
  workerCategory: '01',
  contractCategory: '1',
  ...over,
});

export const dispatchContract = (over: Json = {}): Json =>
  newContract({
    contractNo: 'HT-2026-0002',
    workerIdNumber: WORKER_ID_2,
    workerCategory: '03',
    contractCategory: '3',
    hostUnitName: '用工单位测试公司',
    hostUnitLegalRep: '测试乙',
    dispatchStart: '20260201',
    dispatchEnd: '20271231',
    hostUscc: HOST,
    ...over,
  });

export const rescission = (over: Json = {}): Json => ({
  contractNo: 'HT-2026-0001',
  reason: '370',
  rescindDate: '20260610',
  noticeDate: '20260510',
  initiator: '1',
  ...over,
});

export const renewal = (over: Json = {}): Json => ({
  contractNo: 'HT-2023-0001',
  termType: '1',
  startDate: '20260101',
  endDate: '20281231',
  originalSignDate: '20230101',
  unitSignDate: '20251220',
  workerSignDate: '20251221',
  ...over,
});

export const termination = (over: Json = {}): Json => ({
  contractNo: 'HT-2023-0002',
  reason: '1',
  terminateDate: '20251231',
  noticeDate: '20251201',
  terminateNote: '合同期满，不再续订',
  ...over,
});

export const unit = (over: Json = {}): Json => ({
  uscc: EMPLOYER,
  unitName: '山东测试科技有限公司',
  legalRepIdType: '01',
  legalRepIdNumber: LEGAL_REP_ID,
  legalRepName: '测试丙',
  addAgent: '1',
  agentIdType: '01',
  agentName: '测试丁',
  agentIdNumber: AGENT_ID,
  agentPhone: '0531-86123456',
  ...over,
});

/** n characters outside the BMP: 2n UTF-16 code units, n characters. */
export const astral = (n: number): string => '𠀀'.repeat(n);
