// The chaincode's domain: pure functions over a small read port, usable without Fabric.
export * from './errors.js';
export * from './canonical-json.js';
export * from './access.js';
export * from './records.js';
export * from './keys.js';
export { isIsoDate, isOrigin, parseSize } from './values.js';
export { registerLog, rotateLogKey, getLog, parseVerifierKey } from './log-registry.js';
export type { RegisterLogInput } from './log-registry.js';
export { anchorCheckpoint, getAnchor, getLatestAnchor, parseProof, MAX_CONSISTENCY_PROOF_HASHES, MAX_NOTE_LENGTH } from './anchoring.js';
export type { AnchorCheckpointInput } from './anchoring.js';
export { MAX_BATCH, parseBatch, transitionSchema } from './transition-schema.js';
export type { Transition } from './transition-schema.js';
export { applyTransition, checkTerm } from './contract-lifecycle.js';
export { recordTransitions } from './transitions.js';
export type { TransitionResult, TransitionsResult } from './transitions.js';
export { getContract, checkContractKey, checkListAnchors, MAX_PAGE_SIZE } from './queries.js';
export type { AnchorPage, HistoryEntry } from './queries.js';
