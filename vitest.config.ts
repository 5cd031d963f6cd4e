import { defineConfig } from 'vitest/config';

// Slow suites (`*.slow.test.ts`) run only with ELC_SLOW=1 (`npm run test:slow`).
const slow = process.env['ELC_SLOW'] === '1';

export default defineConfig({
  test: {
    include: ['{core,chaincode,ledger-sim,cli,gateway}/{src,test}/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', ...(slow ? [] : ['**/*.slow.test.ts'])],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
