// Published vectors: FIPS 180-2 (SHA-256) and GB/T 32905-2016 Appendix A (SM3).
import { describe, expect, it } from 'vitest';
import { concatBytes, toHex, utf8 } from '../encoding/index.js';
import { HASH_ALGS, isHashAlg, type HashAlg } from './provider.js';
import { pureHashProvider } from './pure.js';
import { thrownCode } from '../errors.test-support.js';

const VECTORS: Record<HashAlg, [string, string][]> = {
  sha256: [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ],
  sm3: [
    ['', '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b'],
    ['abc', '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'],
    ['abcd'.repeat(16), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732'],
  ],
};

const codeOf = (f: () => unknown): string => thrownCode(f, { withField: true }) ?? 'OK';

describe.each(HASH_ALGS)('pureHashProvider(%s)', (alg) => {
  const provider = pureHashProvider(alg);

  it('names its algorithm and output length', () => {
    expect(provider.alg).toBe(alg);
    expect(provider.outputLength).toBe(32);
  });

  it.each(VECTORS[alg])('matches the published vector for %#', (input, digest) => {
    expect(toHex(provider.hash(utf8(input)))).toBe(digest);
  });

  it('hashes parts as their concatenation, with fresh outputs', () => {
    const parts = [Uint8Array.of(1), utf8('left'), new Uint8Array(0), utf8('right'.repeat(40))];
    const whole = provider.hash(concatBytes(...parts));
    const first = provider.hash(...parts);
    const firstHex = toHex(first);
    provider.hash(utf8('something else entirely, longer than the scratch buffer'.repeat(5)), Uint8Array.of(9));
    expect(toHex(first)).toBe(firstHex);
    expect(firstHex).toBe(toHex(whole));
    expect(toHex(provider.hash())).toBe(VECTORS[alg][0]?.[1]);
  });

  it('refuses non-byte input with HASH_INVALID_INPUT', () => {
    expect(codeOf(() => provider.hash('abc' as unknown as Uint8Array))).toBe('HASH_INVALID_INPUT:parts');
  });
});

describe('hash algorithms', () => {
  it('are sha256 and sm3, checked by isHashAlg', () => {
    expect(HASH_ALGS).toEqual(['sha256', 'sm3']);
    expect(Object.isFrozen(HASH_ALGS)).toBe(true);
    expect(HASH_ALGS.every(isHashAlg)).toBe(true);
    for (const x of ['SHA256', 'sha-256', 'md5', '', null, undefined, 256]) expect(isHashAlg(x)).toBe(false);
  });

  it('refuses an unknown algorithm with HASH_UNSUPPORTED_ALG', () => {
    expect(codeOf(() => pureHashProvider('md5' as HashAlg))).toBe('HASH_UNSUPPORTED_ALG:alg');
  });
});
