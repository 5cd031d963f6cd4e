// @elc/core — pure, browser-safe. Each module's own index.ts says what it exports.
export * from './errors.js';
export * from './encoding/index.js';
export * from './hash/index.js';
export * from './merkle/index.js';
export * from './note/index.js';
export * from './evidence/index.js';
export * from './bundle/index.js';
export * from './ids/index.js';
export * from './access/index.js';
export * from './timestamp/index.js';
