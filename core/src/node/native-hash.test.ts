// The node:crypto provider must agree byte for byte with the pure one (browsers verify what Node wrote).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../encoding/index.js';
import { isElcError } from '../errors.js';
import { HASH_ALGS, type HashAlg } from '../hash/provider.js';
import { pureHashProvider } from '../hash/pure.js';
import { nativeHashProvider } from './native-hash.js';

describe.each(HASH_ALGS)('nativeHashProvider(%s)', (alg) => {
  const native = nativeHashProvider(alg);
  const pure = pureHashProvider(alg);

  it('agrees with the pure provider on random multi-part inputs', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 4 }), (parts) => {
        expect(toHex(native.hash(...parts))).toBe(toHex(pure.hash(...parts)));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the pure provider on views at any offset of a larger buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.nat(), (buf, a, b) => {
        const start = a % buf.length;
        const view = buf.subarray(start, start + (b % (buf.length - start + 1)));
        expect(toHex(native.hash(view))).toBe(toHex(pure.hash(view.slice())));
        expect(toHex(pure.hash(view))).toBe(toHex(pure.hash(view.slice())));
      }),
      { numRuns: 200 },
    );
  });

  it('returns plain, fresh 32-byte Uint8Arrays (not Buffers)', () => {
    const a = native.hash(Uint8Array.of(1), utf8('x'));
    const aHex = toHex(a);
    native.hash(Uint8Array.of(2), utf8('y'));
    expect(Object.getPrototypeOf(a)).toBe(Uint8Array.prototype);
    expect(a.length).toBe(32);
    expect(native.alg).toBe(alg);
    expect(toHex(a)).toBe(aHex);
  });
});

describe('nativeHashProvider', () => {
  it('computes the published SM3 and SHA-256 digests of "abc"', () => {
    expect(toHex(nativeHashProvider('sm3').hash(utf8('abc')))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(toHex(nativeHashProvider('sha256').hash(utf8('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('refuses unknown algorithms and non-byte input', () => {
    const code = (f: () => unknown): string => {
      try {
        f();
        return 'OK';
      } catch (e) {
        return isElcError(e) ? e.code : 'other';
      }
    };
    expect(code(() => nativeHashProvider('sha1' as HashAlg))).toBe('HASH_UNSUPPORTED_ALG');
    expect(code(() => nativeHashProvider('sha256').hash(utf8('a'), 'b' as unknown as Uint8Array))).toBe('HASH_INVALID_INPUT');
  });
});
