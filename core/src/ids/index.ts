// Identifier checks: pure and browser-safe (no node: imports, no Buffer).
// core/src/evidence re-exports isValidUscc and isValidRegionCode from here (same bindings, so the
// star exports of core/src/index.ts are not ambiguous).
export * from './compact-date.js';
export * from './region.js';
export * from './uscc.js';
export * from './resident-id.js';
export * from './phone.js';
