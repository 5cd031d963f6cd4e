// Pure-JS hashing for browsers and anywhere node:crypto is absent: SHA-256 from @noble/hashes,
// SM3 (GB/T 32905-2016) from sm-crypto-v2, the maintained pure-JS SM2/SM3/SM4 library.
import { sha256 } from '@noble/hashes/sha2.js';
import { sm3 } from 'sm-crypto-v2';
import { fromHex } from '../encoding/index.js';
import { checkHashAlg, checkHashParts, createJoiner, type HashAlg, type HashProvider } from './provider.js';

type OneShot = (data: Uint8Array) => Uint8Array;

// sm-crypto-v2 exposes SM3 only as bytes -> hex; decoding the hex is the price of not
// hand-writing SM3. Native SM3 (@elc/core/node) is the fast path.
const sm3Bytes: OneShot = (data) => fromHex(sm3(data));

const ONE_SHOT: Record<HashAlg, OneShot> = { sha256: (data) => sha256(data), sm3: sm3Bytes };

/** A HashProvider over pure-JS implementations (browser-safe). */
export function pureHashProvider(alg: HashAlg): HashProvider {
  const digest = ONE_SHOT[checkHashAlg(alg)];
  const join = createJoiner();
  return Object.freeze({
    alg,
    outputLength: 32 as const,
    hash(...parts: Uint8Array[]): Uint8Array {
      checkHashParts(parts);
      return digest(parts.length === 1 ? (parts[0] as Uint8Array) : join(parts));
    },
  });
}
