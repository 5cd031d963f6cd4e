// Pure validation of the Shandong data interface (鲁人社函〔2025〕2号 附件): request body in,
// normalized records (English keys) or every error out. No I/O; routes call these.
import { type SdConfig, type SdConfigInput, resolveSdConfig } from './config.js';
import { validateContracts } from './contracts.js';
import { validateRenewals } from './renewals.js';
import { validateRescissions } from './rescissions.js';
import { validateTerminations } from './terminations.js';
import { validateUnit } from './units.js';

export { SD_ERROR_CODES } from './issues.js';
export type { SdErrorCode, SdIssue, SdMessage, SdResult } from './issues.js';
export { CODE_TABLE_TITLES, DEFAULT_CODE_TABLES } from './code-tables.js';
export type { CodeTable, CodeTableName, SdCodeTables } from './code-tables.js';
export {
  DEFAULT_DISPATCH_CATEGORIES,
  DEFAULT_FIXED_TERM_TYPES,
  DEFAULT_NOTICE_MAY_FOLLOW_RESCISSION,
  DEFAULT_RESCISSION_INITIATORS,
  INITIATOR_UNIT,
  INITIATOR_WORKER,
} from './labor-law.js';
export type { Initiator } from './labor-law.js';
export { DEFAULT_MAX_ITEMS, DEFAULT_SD_CONFIG, SD_MIN_DATE, resolveSdConfig } from './config.js';
export type { SdConfig, SdConfigInput, SdListName } from './config.js';
export type { FieldSpec, ListSpec } from './fields.js';
export { UNIT_FIELDS, validateUnit } from './units.js';
export type { SdUnit } from './units.js';
export { CONTRACT_FIELDS, CONTRACT_LIST, validateContracts } from './contracts.js';
export type { SdNewContract, SdNewContracts } from './contracts.js';
export { RESCISSION_FIELDS, RESCISSION_LIST, validateRescissions } from './rescissions.js';
export type { SdRescission, SdRescissions } from './rescissions.js';
export { RENEWAL_FIELDS, RENEWAL_LIST, validateRenewals } from './renewals.js';
export type { SdRenewal, SdRenewals } from './renewals.js';
export { TERMINATION_FIELDS, TERMINATION_LIST, validateTerminations } from './terminations.js';
export type { SdTermination, SdTerminations } from './terminations.js';

export interface SdValidators {
  readonly config: SdConfig;
  units(body: unknown): ReturnType<typeof validateUnit>;
  contracts(body: unknown): ReturnType<typeof validateContracts>;
  rescissions(body: unknown): ReturnType<typeof validateRescissions>;
  renewals(body: unknown): ReturnType<typeof validateRenewals>;
  terminations(body: unknown): ReturnType<typeof validateTerminations>;
}

/** The five validators bound to one configuration, resolved (and checked) once. */
export function createSdValidators(input: SdConfigInput = {}): SdValidators {
  const config = resolveSdConfig(input);
  return {
    config,
    units: (body) => validateUnit(body, config),
    contracts: (body) => validateContracts(body, config),
    rescissions: (body) => validateRescissions(body, config),
    renewals: (body) => validateRenewals(body, config),
    terminations: (body) => validateTerminations(body, config),
  };
}
