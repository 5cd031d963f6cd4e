// Identifier checks: pure and browser-safe (no node: imports, no Buffer). The tables behind them
// (weights, charsets, province codes) stay inside.
export { compareCompactDates, isValidCompactDate, parseCompactDate, type CompactDate } from './compact-date.js';
export { REGION_PATTERN, isValidRegionCode } from './region.js';
export { checkUscc, isValidUscc, makeUscc, usccCheckChar, type UsccCheck, type UsccProblem } from './uscc.js';
export {
  checkResidentId,
  isValidResidentId,
  makeResidentId,
  type ResidentIdCheck,
  type ResidentIdInfo,
  type ResidentIdOptions,
  type ResidentIdProblem,
} from './resident-id.js';
export { isValidMainlandMobile, isValidPhone } from './phone.js';
