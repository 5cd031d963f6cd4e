import { onMemoryAndLevel } from '../../test/support/store-contract.js';
import { createMemoryTokenStore } from './memory-token-store.js';
import { tokenStoreContract } from './token-store.contract.test-support.js';
import { openTokenStore } from './token-store.js';

onMemoryAndLevel(tokenStoreContract, createMemoryTokenStore, openTokenStore);
