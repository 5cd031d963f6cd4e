// @elc/core/node — Node-only entry point (native hashing over node:crypto). Never bundled for browsers.
export { nativeHashProvider } from './native-hash.js';
