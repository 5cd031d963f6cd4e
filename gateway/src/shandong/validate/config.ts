// Configuration of the Shandong validators, resolved once (at start) into a frozen object.
import { ElcError, parseCompactDate } from '@elc/core';
import { type CodeTableName, type SdCodeTables, DEFAULT_CODE_TABLES } from './code-tables.js';
import {
  DEFAULT_DISPATCH_CATEGORIES,
  DEFAULT_FIXED_TERM_TYPES,
  DEFAULT_NOTICE_MAY_FOLLOW_RESCISSION,
  DEFAULT_RESCISSION_INITIATORS,
  INITIATOR_UNIT,
  INITIATOR_WORKER,
  type Initiator,
} from './labor-law.js';

export type SdListName = 'contracts' | 'rescissions' | 'renewals' | 'terminations';

/**
 * Most items per request. The spec prints "最大数组数量为50" for sections 3–5 and nothing for
 * 合同新订列表; ELC Ledger caps that at 500 so one request stays bounded.
 */
export const DEFAULT_MAX_ITEMS: Readonly<Record<SdListName, number>> = {
  contracts: 500,
  rescissions: 50,
  renewals: 50,
  terminations: 50,
};

/** Dates before this are refused as implausible for a labour contract or a sign date. */
export const SD_MIN_DATE = '19000101';

export interface SdConfig {
  readonly codeTables: SdCodeTables;
  readonly maxItems: Readonly<Record<SdListName, number>>;
  readonly rescissionInitiators: Readonly<Record<string, Initiator>>;
  readonly noticeMayFollowRescission: ReadonlySet<string>;
  readonly fixedTermTypes: ReadonlySet<string>;
  readonly dispatchCategories: ReadonlySet<string>;
  /** ID types (table A) whose number is checked as a GB 11643 citizen ID number. */
  readonly residentIdTypes: ReadonlySet<string>;
  /** yyyyMMdd; when set, birth dates in ID numbers after it are refused. Injected, never read from a clock. */
  readonly today: string | undefined;
}

export interface SdConfigInput {
  /** Replaces whole tables; tables not named keep their defaults. */
  readonly codeTables?: Partial<Record<CodeTableName, Readonly<Record<string, string>>>>;
  readonly maxItems?: Partial<Record<SdListName, number>>;
  readonly rescissionInitiators?: Readonly<Record<string, string>>;
  readonly noticeMayFollowRescission?: readonly string[];
  readonly fixedTermTypes?: readonly string[];
  readonly dispatchCategories?: readonly string[];
  readonly residentIdTypes?: readonly string[];
  readonly today?: string;
}

function invalid(field: string, message: string): never {
  throw new ElcError('SD_CONFIG_INVALID', message, { field });
}

/** Merges `input` over the defaults and checks it; throws ElcError SD_CONFIG_INVALID naming the setting. */
export function resolveSdConfig(input: SdConfigInput = {}): SdConfig {
  const codeTables = { ...DEFAULT_CODE_TABLES, ...input.codeTables };
  for (const [name, table] of Object.entries(codeTables)) {
    if (Object.keys(table).length === 0) invalid(`codeTables.${name}`, `code table ${name} is empty`);
  }
  const maxItems = { ...DEFAULT_MAX_ITEMS, ...input.maxItems };
  for (const [name, max] of Object.entries(maxItems)) {
    if (!Number.isSafeInteger(max) || max < 1) invalid(`maxItems.${name}`, `maxItems.${name} must be a positive integer`);
  }
  const initiators = input.rescissionInitiators ?? DEFAULT_RESCISSION_INITIATORS;
  for (const [reason, who] of Object.entries(initiators)) {
    if (who !== INITIATOR_WORKER && who !== INITIATOR_UNIT) {
      invalid(`rescissionInitiators.${reason}`, 'an initiator is "1" (worker) or "2" (unit)');
    }
  }
  if (input.today !== undefined && parseCompactDate(input.today) === undefined) invalid('today', 'today must be yyyyMMdd');
  return Object.freeze({
    codeTables: Object.freeze(codeTables),
    maxItems: Object.freeze(maxItems),
    rescissionInitiators: Object.freeze({ ...initiators }) as Readonly<Record<string, Initiator>>,
    noticeMayFollowRescission: new Set(input.noticeMayFollowRescission ?? DEFAULT_NOTICE_MAY_FOLLOW_RESCISSION),
    fixedTermTypes: new Set(input.fixedTermTypes ?? DEFAULT_FIXED_TERM_TYPES),
    dispatchCategories: new Set(input.dispatchCategories ?? DEFAULT_DISPATCH_CATEGORIES),
    residentIdTypes: new Set(input.residentIdTypes ?? ['01']),
    today: input.today,
  });
}

export const DEFAULT_SD_CONFIG: SdConfig = resolveSdConfig();
