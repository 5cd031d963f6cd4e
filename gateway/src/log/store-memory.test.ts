import { createMemoryStore } from './memory-store.js';
import { storeContract } from './store.contract.test-support.js';

storeContract('memory', () => {
  const store = createMemoryStore();
  return Promise.resolve({ store, reopen: () => Promise.resolve(store.reopen()) });
});
