// Rejections of a Shandong request: SD_INVALID (400) or SD_CONFLICT (409) with every problem as
// {index, field, code, message{zh,en}} — the validators' shape, used for the cross-record rules
// too. The one error mapper writes them as the `errors` of the error body.
import { ElcError } from '@elc/core';
import type { SdIssue } from './validate/index.js';

/** Codes of the cross-record rules (the ledger's state-machine codes plus the interface's own). */
export const SD_CROSS_RECORD_CODES = {
  SD_UNIT_REQUIRED: 400,
  SD_UNIT_NOT_REGISTERED: 409,
  SD_CONTRACT_NOT_REPORTED: 409,
  CONTRACT_EXISTS: 409,
  CONTRACT_UNKNOWN: 409,
  CONTRACT_ENDED: 409,
  DATE_BEFORE_START: 409,
  END_BEFORE_START: 400,
  EVIDENCE_PERSONAL_DATA: 400,
  EVIDENCE_INVALID: 400,
} as const;

export type SdCrossCode = keyof typeof SD_CROSS_RECORD_CODES;

export interface SdError {
  readonly index: number | null;
  readonly field: string | null;
  readonly code: string;
  readonly message: { readonly zh: string; readonly en: string };
}

/** A whole request refused: nothing was stored. */
export class SdRejected extends ElcError {
  readonly details: readonly (SdError | SdIssue)[];
  constructor(status: 400 | 409, errors: readonly (SdError | SdIssue)[]) {
    super(status === 409 ? 'SD_CONFLICT' : 'SD_INVALID', `the request was rejected and nothing was stored (${errors.length} error(s))`);
    this.name = 'SdRejected';
    this.details = errors;
  }
}

const MESSAGES: Readonly<Record<SdCrossCode, { zh: string; en: string }>> = {
  SD_UNIT_REQUIRED: { zh: '请在列表旁提供单位统一信用代码', en: 'name the unit by uscc beside the list' },
  SD_UNIT_NOT_REGISTERED: { zh: '单位未登记，请先报送单位信息', en: 'the unit is not registered: report it to /v1/sd/units first' },
  SD_CONTRACT_NOT_REPORTED: { zh: '该合同未通过本接口新订报送', en: 'the contract was not reported through /v1/sd/contracts' },
  CONTRACT_EXISTS: { zh: '该单位已存在此合同编号', en: 'the unit already has a contract with this number' },
  CONTRACT_UNKNOWN: { zh: '该单位不存在此合同', en: 'the unit has no contract with this number' },
  CONTRACT_ENDED: { zh: '合同已解除或终止，不能再变更', en: 'the contract was rescinded or terminated and cannot change again' },
  DATE_BEFORE_START: { zh: '日期早于合同起始日期', en: 'the date is before the contract start' },
  END_BEFORE_START: { zh: '终止日期早于起始日期', en: 'the term ends before it starts' },
  EVIDENCE_PERSONAL_DATA: { zh: '该字段疑似包含个人信息（证件号码或手机号）', en: 'the field looks like personal data (an ID or phone number)' },
  EVIDENCE_INVALID: { zh: '该字段不能写入存证事件', en: 'the field cannot go into an evidence event' },
};

export function sdError(index: number | null, field: string | null, code: SdCrossCode): SdError {
  return { index, field, code, message: MESSAGES[code] };
}

/** The status of a list of cross-record errors: 400 when any is a 400, else the first's. */
export function statusOf(errors: readonly SdError[]): 400 | 409 {
  const statuses = errors.map((e) => (SD_CROSS_RECORD_CODES as Record<string, 400 | 409>)[e.code] ?? 409);
  return statuses.includes(400) ? 400 : (statuses[0] ?? 409);
}
