// Section 3 解除合同信息 — POST /v1/sd/rescissions: up to 50 rescissions (解除) per request.
import { type BatchTable, validateBatch } from './batch.js';
import { type SdConfig, DEFAULT_SD_CONFIG } from './config.js';
import { DATE, TEXT, codeOf, field, usccField } from './fields.js';
import type { SdResult } from './issues.js';
import { INITIATOR_UNIT, INITIATOR_WORKER } from './labor-law.js';
import { messages } from './messages.js';
import { earlierNotAfter, opt, req } from './rules.js';

export const RESCISSION_FIELDS = {
  /** Not in the spec's table: a bureau caller names the unit beside the list (docs). */
  uscc: usccField(false),
  contractNo: field('contractNo', '合同编号', 50, true, TEXT),
  reason: field('reason', '解除情形', 3, true, codeOf('E')),
  rescindDate: field('rescindDate', '合同解除日期', 8, true, DATE),
  noticeDate: field('noticeDate', '告知时间', 8, true, DATE),
  initiator: field('initiator', '解除合同发起方', 1, true, {
    kind: 'fixed',
    values: [INITIATOR_WORKER, INITIATOR_UNIT],
    meaning: '1 劳动者 / worker, 2 单位 / unit',
  }),
} as const;

export const RESCISSION_LIST = { key: 'rescissions', zh: '解除合同信息列表' } as const;

const F = RESCISSION_FIELDS;
const ITEM = [F.contractNo, F.reason, F.rescindDate, F.noticeDate, F.initiator];
const TABLE: BatchTable = { top: [F.uscc], list: RESCISSION_LIST, item: ITEM, unique: F.contractNo };

export interface SdRescission {
  readonly contractNo: string;
  readonly reason: string;
  readonly rescindDate: string;
  readonly noticeDate: string;
  readonly initiator: '1' | '2';
}

export interface SdRescissions {
  readonly uscc?: string;
  readonly rescissions: readonly SdRescission[];
}

/**
 * Validates a 解除合同信息 body. Beyond each field's own rules: 解除合同发起方 must be the party
 * that the law gives the chosen 解除情形 to (labor-law.ts); 告知时间 is not after 合同解除日期
 * unless the case needs no prior notice; a 合同编号 appears once per request. Whether the contract
 * is active and the rescission not before its start is checked against the ledger, not here.
 */
export function validateRescissions(body: unknown, config: SdConfig = DEFAULT_SD_CONFIG): SdResult<SdRescissions> {
  return validateBatch(body, config, TABLE, {
    check(rec) {
      const reason = rec.get(F.reason.key);
      const initiator = rec.get(F.initiator.key);
      const expected = reason === undefined ? undefined : config.rescissionInitiators[reason];
      if (expected !== undefined && initiator !== undefined && initiator !== expected) {
        rec.report(F.initiator, 'SD_INITIATOR_MISMATCH', messages.initiator(reason ?? '', expected, initiator));
      }
      if (reason !== undefined && !config.noticeMayFollowRescission.has(reason)) {
        earlierNotAfter(rec, F.noticeDate, F.rescindDate);
      }
    },
    build: (top, items) => ({
      ...opt(top, 'uscc'),
      rescissions: items.map((rec) => ({
        contractNo: req(rec, 'contractNo'),
        reason: req(rec, 'reason'),
        rescindDate: req(rec, 'rescindDate'),
        noticeDate: req(rec, 'noticeDate'),
        initiator: req(rec, 'initiator') === INITIATOR_WORKER ? INITIATOR_WORKER : INITIATOR_UNIT,
      })),
    }),
  });
}
