import { onMemoryAndLevel } from '../../test/support/store-contract.js';
import { openEvidenceIndexStore } from './level-store.js';
import { createMemoryEvidenceIndexStore } from './memory-store.js';
import { indexStoreContract } from './store.contract.test-support.js';

onMemoryAndLevel(indexStoreContract, createMemoryEvidenceIndexStore, openEvidenceIndexStore);
