// Personal data (names, ID numbers, phones) at rest: sealed with an AEAD, never in a leaf or on chain.
export { createPiiCipher, PII_ALGS, type PiiAlg, type PiiCipher, type SealedRecord } from './cipher.js';
export { loadOrCreateSecret, SECRET_BYTES } from './secret-file.js';
