// Section 5 终止合同信息 — POST /v1/sd/terminations: up to 50 terminations (终止) per request.
import { type BatchTable, validateBatch } from './batch.js';
import { type SdConfig, DEFAULT_SD_CONFIG } from './config.js';
import { DATE, NOTE, TEXT, codeOf, field, usccField } from './fields.js';
import type { SdResult } from './issues.js';
import { opt, req } from './rules.js';

export const TERMINATION_FIELDS = {
  /** Not in the spec's table: a bureau caller names the unit beside the list (docs). */
  uscc: usccField(false),
  contractNo: field('contractNo', '合同编号', 50, true, TEXT),
  reason: field('reason', '终止情形', 1, true, codeOf('F')),
  terminateDate: field('terminateDate', '合同终止时间', 8, true, DATE),
  noticeDate: field('noticeDate', '告知时间', 8, true, DATE),
  terminateNote: field('terminateNote', '终止理由', 500, false, NOTE),
} as const;

export const TERMINATION_LIST = { key: 'terminations', zh: '终止合同信息列表' } as const;

const F = TERMINATION_FIELDS;
const ITEM = [F.contractNo, F.reason, F.terminateDate, F.noticeDate, F.terminateNote];
const TABLE: BatchTable = { top: [F.uscc], list: TERMINATION_LIST, item: ITEM, unique: F.contractNo };

export interface SdTermination {
  readonly contractNo: string;
  readonly reason: string;
  readonly terminateDate: string;
  readonly noticeDate: string;
  readonly terminateNote?: string;
}

export interface SdTerminations {
  readonly uscc?: string;
  readonly terminations: readonly SdTermination[];
}

/**
 * Validates a 终止合同信息 body: each field's own rules and one 合同编号 per request. 告知时间 is not
 * compared with 合同终止时间: under 第44条 the cause (death, bankruptcy, a revoked licence) is often
 * known only afterwards, so a later notice is normal. 终止理由 is free text and may hold line breaks.
 */
export function validateTerminations(body: unknown, config: SdConfig = DEFAULT_SD_CONFIG): SdResult<SdTerminations> {
  return validateBatch(body, config, TABLE, {
    build: (top, items) => ({
      ...opt(top, 'uscc'),
      terminations: items.map((rec) => ({
        contractNo: req(rec, 'contractNo'),
        reason: req(rec, 'reason'),
        terminateDate: req(rec, 'terminateDate'),
        noticeDate: req(rec, 'noticeDate'),
        ...opt(rec, 'terminateNote'),
      })),
    }),
  });
}
