// Identifier checks: pure and browser-safe (no node: imports, no Buffer).
// isValidUscc and isValidRegionCode (./uscc.js, ./region.js) are not re-exported here yet: the
// evidence module exports functions of the same names, and two `export *` of one name break the
// core build (TS2308). Until core/src/index.ts picks one explicitly, import them from this folder's
// modules; checkUscc below is the same (stricter) check with the reason for a failure.
export * from './compact-date.js';
export { GB2260_PROVINCE_CODES, isProvinceCode } from './region.js';
export { USCC_CATEGORIES, USCC_CHARSET, USCC_WEIGHTS, checkUscc, makeUscc, usccCheckChar } from './uscc.js';
export type { UsccCheck, UsccProblem } from './uscc.js';
export * from './resident-id.js';
export * from './phone.js';
