// The evidence index: which log entries belong to a contract or name a document hash, kept up
// with the log by the indexer.
export { createEvidenceIndexer, entryOf, CATCH_UP_BATCH, MAX_INDEX_LAG, type EvidenceIndexer } from './indexer.js';
export { EVIDENCE_INDEX_DIR, type ContractIndex, type EvidenceIndexStore, type IndexedEntry } from './store.js';
export { openEvidenceIndexStore } from './level-store.js';
export { createMemoryEvidenceIndexStore, type MemoryEvidenceIndexStore } from './memory-store.js';
