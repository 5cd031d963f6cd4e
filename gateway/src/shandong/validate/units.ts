// Section 1 单位信息 — POST /v1/sd/units: one employer and, optionally, a new authorised agent.
import { finish, notAnObject } from './batch.js';
import { type SdConfig, DEFAULT_SD_CONFIG } from './config.js';
import { PHONE, TEXT, USCC, codeOf, field, idNumberOf } from './fields.js';
import type { SdResult } from './issues.js';
import { type SdScope, detectLang, isJsonObject, openRecord } from './reader.js';
import { because, req, requireWhen } from './rules.js';

export const UNIT_FIELDS = {
  uscc: field('uscc', '单位统一信用代码', 18, true, USCC),
  unitName: field('unitName', '单位名称', 100, true, TEXT),
  legalRepIdType: field('legalRepIdType', '法人证件类型', 2, true, codeOf('A')),
  legalRepIdNumber: field('legalRepIdNumber', '法人证件号码', 20, true, idNumberOf('legalRepIdType')),
  legalRepName: field('legalRepName', '法人姓名', 20, true, TEXT),
  addAgent: field('addAgent', '新增授权人标志', 1, true, {
    kind: 'fixed',
    values: ['0', '1'],
    meaning: '0 不新增授权人 / no new agent, 1 新增授权人 / a new agent',
  }),
  agentIdType: field('agentIdType', '授权人证件类型', 2, false, codeOf('A')),
  agentName: field('agentName', '授权人姓名', 20, false, TEXT),
  agentIdNumber: field('agentIdNumber', '授权人证件号码', 20, false, idNumberOf('agentIdType')),
  agentPhone: field('agentPhone', '授权人联系电话', 20, false, PHONE),
} as const;

const F = UNIT_FIELDS;
const BASE = [F.uscc, F.unitName, F.legalRepIdType, F.legalRepIdNumber, F.legalRepName, F.addAgent];
const AGENT = [F.agentIdType, F.agentName, F.agentIdNumber, F.agentPhone];
const ALL = [...BASE, ...AGENT];

export interface SdUnit {
  readonly uscc: string;
  readonly unitName: string;
  readonly legalRepIdType: string;
  readonly legalRepIdNumber: string;
  readonly legalRepName: string;
  readonly addAgent: '0' | '1';
  /** The four agent fields are present exactly when addAgent is "1". */
  readonly agentIdType?: string;
  readonly agentName?: string;
  readonly agentIdNumber?: string;
  readonly agentPhone?: string;
}

/**
 * Validates a 单位信息 body. 新增授权人标志 "1" makes the four agent fields required and checked;
 * "0" means "不新增授权人 … 填写也无效": agent fields sent anyway are ignored — not validated and
 * not kept (their keys must still be spec keys in the request's language). With a missing or bad
 * flag the agent fields that were sent are checked, so that one response lists every problem.
 */
export function validateUnit(body: unknown, config: SdConfig = DEFAULT_SD_CONFIG): SdResult<SdUnit> {
  if (!isJsonObject(body)) return notAnObject();
  const scope: SdScope = { config, lang: detectLang([{ obj: body, known: ALL }]), issues: [] };
  const rec = openRecord(body, null, ALL, scope);
  rec.read(BASE);
  const flag = rec.get(F.addAgent.key);
  if (flag === '1') {
    rec.read(AGENT);
    requireWhen(rec, AGENT, because(F.addAgent, '1', '新增授权人 / a new agent'));
  } else if (flag === undefined) {
    rec.read(AGENT);
  }
  return finish(scope, () => ({
    uscc: req(rec, 'uscc'),
    unitName: req(rec, 'unitName'),
    legalRepIdType: req(rec, 'legalRepIdType'),
    legalRepIdNumber: req(rec, 'legalRepIdNumber'),
    legalRepName: req(rec, 'legalRepName'),
    addAgent: flag === '1' ? '1' : '0',
    ...(flag === '1'
      ? {
          agentIdType: req(rec, 'agentIdType'),
          agentName: req(rec, 'agentName'),
          agentIdNumber: req(rec, 'agentIdNumber'),
          agentPhone: req(rec, 'agentPhone'),
        }
      : {}),
  }));
}
