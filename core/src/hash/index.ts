// Hashing: the algorithm names and the injected HashProvider (pure JS here; node:crypto in @elc/core/node).
export {
  HASH_ALGS,
  isHashAlg,
  type HashAlg,
  type HashErrorCode,
  type HashProvider,
} from './provider.js';
export { pureHashProvider } from './pure.js';
