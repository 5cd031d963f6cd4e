// Type-aware lint for every workspace; `npm run lint` fails on any warning.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'express', 'level', 'classic-level', 'buffer'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'data/**', '**/*.d.ts', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Plain JS scripts (bootstrap, benchmarks) are not part of a TS project.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', performance: 'readonly', globalThis: 'readonly', Buffer: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', fetch: 'readonly', AbortController: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', gc: 'readonly' },
    },
  },
  {
    // core/ is pure and browser-safe: no Node modules and no Buffer outside its Node entry point.
    files: ['core/src/**/*.ts'],
    ignores: ['core/src/node/**', 'core/src/**/*.test.ts', 'core/src/**/*.test-support.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: nodeOnly }],
      'no-restricted-globals': ['error', { name: 'Buffer', message: 'core uses Uint8Array' }, { name: 'process', message: 'core takes configuration as arguments' }],
    },
  },
);
