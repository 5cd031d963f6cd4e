// Section 2 新订合同信息 — POST /v1/sd/contracts: new contracts of one employer.
import { type BatchTable, validateBatch } from './batch.js';
import { type SdConfig, DEFAULT_SD_CONFIG } from './config.js';
import { DATE, PHONE, TEXT, USCC, codeOf, field, idNumberOf, usccField } from './fields.js';
import type { SdResult } from './issues.js';
import { messages } from './messages.js';
import { because, laterNotBefore, opt, req, requireWhen, termHasEnd } from './rules.js';

export const CONTRACT_FIELDS = {
  uscc: usccField(true),
  // 100 here but 50 in sections 3–5: the spec's own inconsistency, kept as printed (see the docs).
  contractNo: field('contractNo', '合同编号', 100, true, TEXT),
  contractName: field('contractName', '合同名称', 20, true, TEXT),
  workerIdType: field('workerIdType', '劳动者证件类型', 2, true, codeOf('A')),
  workerName: field('workerName', '劳动者姓名', 20, true, TEXT),
  workerIdNumber: field('workerIdNumber', '劳动者证件号码', 20, true, idNumberOf('workerIdType')),
  workerPhone: field('workerPhone', '劳动者联系电话', 20, true, PHONE),
  // Length 2 here but 1 in section 4: kept as printed.
  termType: field('termType', '合同期限类别', 2, true, codeOf('B')),
  startDate: field('startDate', '合同期限起始日期', 8, true, DATE),
  endDate: field('endDate', '合同期限终止日期', 8, false, DATE),
  workerCategory: field('workerCategory', '职工类别', 2, true, codeOf('C')),
  contractCategory: field('contractCategory', '合同类别', 2, true, codeOf('D')),
  hostUnitName: field('hostUnitName', '用工单位名称', 20, false, TEXT),
  hostUnitLegalRep: field('hostUnitLegalRep', '用工单位法人', 20, false, TEXT),
  dispatchStart: field('dispatchStart', '派遣起始日期', 8, false, DATE),
  dispatchEnd: field('dispatchEnd', '派遣终止日期', 8, false, DATE),
  hostUscc: field('hostUscc', '用工单位社会信用代码', 18, false, USCC),
} as const;

export const CONTRACT_LIST = { key: 'contracts', zh: '合同新订列表' } as const;

const F = CONTRACT_FIELDS;
const ITEM = Object.values(F).filter((s) => s !== F.uscc);
/** 劳务派遣: the host unit (用工单位, 第59条 派遣协议) and the dispatch start are required. */
const DISPATCH = [F.hostUnitName, F.hostUnitLegalRep, F.dispatchStart, F.hostUscc];
const TABLE: BatchTable = { top: [F.uscc], list: CONTRACT_LIST, item: ITEM, unique: F.contractNo };

export interface SdNewContract {
  readonly contractNo: string;
  readonly contractName: string;
  readonly workerIdType: string;
  readonly workerName: string;
  readonly workerIdNumber: string;
  readonly workerPhone: string;
  readonly termType: string;
  readonly startDate: string;
  readonly endDate?: string;
  readonly workerCategory: string;
  readonly contractCategory: string;
  readonly hostUnitName?: string;
  readonly hostUnitLegalRep?: string;
  readonly dispatchStart?: string;
  readonly dispatchEnd?: string;
  readonly hostUscc?: string;
}

export interface SdNewContracts {
  readonly uscc: string;
  readonly contracts: readonly SdNewContract[];
}

/**
 * Validates a 新订合同信息 body. Beyond each field's own rules: a fixed-term contract names its end;
 * the end is not before the start; a dispatch contract names its host unit and dispatch start, and
 * the dispatch end is not before the dispatch start; the host unit is not the employer itself
 * (劳动合同法 第67条); a 合同编号 appears once per request.
 *
 * Deliberately not checked (lawfulness, not data): that a dispatch contract is fixed-term for two
 * years or more (第58条), that 职工类别 matches 合同类别, that the dispatch period lies within the
 * contract term (an assignment may continue across a renewal), that an open-ended contract has no
 * end date (some platforms send a sentinel such as 99991231).
 */
export function validateContracts(body: unknown, config: SdConfig = DEFAULT_SD_CONFIG): SdResult<SdNewContracts> {
  return validateBatch(body, config, TABLE, {
    check(rec, top) {
      termHasEnd(rec, config, F);
      const category = rec.get(F.contractCategory.key);
      if (category !== undefined && config.dispatchCategories.has(category)) {
        requireWhen(rec, DISPATCH, because(F.contractCategory, category, config.codeTables.D[category] ?? ''));
      }
      laterNotBefore(rec, F.dispatchStart, F.dispatchEnd);
      const host = rec.get(F.hostUscc.key);
      if (host !== undefined && host === top.get(F.uscc.key)) {
        rec.report(F.hostUscc, 'SD_DISPATCH_TO_SELF', messages.dispatchToSelf({ zh: F.hostUscc.zh, key: F.hostUscc.key }));
      }
    },
    build: (top, items) => ({
      uscc: req(top, 'uscc'),
      contracts: items.map((rec) => ({
        contractNo: req(rec, 'contractNo'),
        contractName: req(rec, 'contractName'),
        workerIdType: req(rec, 'workerIdType'),
        workerName: req(rec, 'workerName'),
        workerIdNumber: req(rec, 'workerIdNumber'),
        workerPhone: req(rec, 'workerPhone'),
        termType: req(rec, 'termType'),
        startDate: req(rec, 'startDate'),
        ...opt(rec, 'endDate'),
        workerCategory: req(rec, 'workerCategory'),
        contractCategory: req(rec, 'contractCategory'),
        ...opt(rec, 'hostUnitName'),
        ...opt(rec, 'hostUnitLegalRep'),
        ...opt(rec, 'dispatchStart'),
        ...opt(rec, 'dispatchEnd'),
        ...opt(rec, 'hostUscc'),
      })),
    }),
  });
}
