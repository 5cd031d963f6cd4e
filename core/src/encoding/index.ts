// Byte encodings and canonical JSON, used across core and by every package that hashes or signs.
export { concatBytes, equalBytes, fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from './bytes.js';
export { canonicalBytes, canonicalJson } from './canonical-json.js';
