// Section 4 续签合同信息 — POST /v1/sd/renewals: up to 50 renewals (续签) per request.
import { type BatchTable, validateBatch } from './batch.js';
import { type SdConfig, DEFAULT_SD_CONFIG } from './config.js';
import { DATE, TEXT, codeOf, field, usccField } from './fields.js';
import type { SdResult } from './issues.js';
import { earlierNotAfter, opt, req, termHasEnd } from './rules.js';

export const RENEWAL_FIELDS = {
  /** Not in the spec's table: a bureau caller names the unit beside the list (docs). */
  uscc: usccField(false),
  contractNo: field('contractNo', '合同编号', 50, true, TEXT),
  // Length 1 here but 2 in section 2: the spec's own inconsistency, kept as printed.
  termType: field('termType', '合同期限类别', 1, true, codeOf('B')),
  startDate: field('startDate', '合同期限起始日期', 8, true, DATE),
  endDate: field('endDate', '合同期限终止日期', 8, false, DATE),
  originalSignDate: field('originalSignDate', '原合同签订日期', 8, true, DATE),
  unitSignDate: field('unitSignDate', '单位签订日期', 8, true, DATE),
  workerSignDate: field('workerSignDate', '个人签订日期', 8, true, DATE),
} as const;

export const RENEWAL_LIST = { key: 'renewals', zh: '续签合同信息列表' } as const;

const F = RENEWAL_FIELDS;
const ITEM = [F.contractNo, F.termType, F.startDate, F.endDate, F.originalSignDate, F.unitSignDate, F.workerSignDate];
const TABLE: BatchTable = { top: [F.uscc], list: RENEWAL_LIST, item: ITEM, unique: F.contractNo };

export interface SdRenewal {
  readonly contractNo: string;
  readonly termType: string;
  readonly startDate: string;
  readonly endDate?: string;
  readonly originalSignDate: string;
  readonly unitSignDate: string;
  readonly workerSignDate: string;
}

export interface SdRenewals {
  readonly uscc?: string;
  readonly renewals: readonly SdRenewal[];
}

/**
 * Validates a 续签合同信息 body. Beyond each field's own rules: a fixed-term renewal names its end,
 * not before its start; the original contract was signed no later than the renewal's start and
 * either party's renewal signature. The renewal's signatures may fall before or after its start
 * (第10条 allows the written contract within a month of the start), so they are not compared with it.
 */
export function validateRenewals(body: unknown, config: SdConfig = DEFAULT_SD_CONFIG): SdResult<SdRenewals> {
  return validateBatch(body, config, TABLE, {
    check(rec) {
      termHasEnd(rec, config, F);
      earlierNotAfter(rec, F.originalSignDate, F.startDate);
      earlierNotAfter(rec, F.originalSignDate, F.unitSignDate);
      earlierNotAfter(rec, F.originalSignDate, F.workerSignDate);
    },
    build: (top, items) => ({
      ...opt(top, 'uscc'),
      renewals: items.map((rec) => ({
        contractNo: req(rec, 'contractNo'),
        termType: req(rec, 'termType'),
        startDate: req(rec, 'startDate'),
        ...opt(rec, 'endDate'),
        originalSignDate: req(rec, 'originalSignDate'),
        unitSignDate: req(rec, 'unitSignDate'),
        workerSignDate: req(rec, 'workerSignDate'),
      })),
    }),
  });
}
