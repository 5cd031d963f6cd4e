import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { formatDocHash, isDocHash, parseDocHash } from './doc-hash.js';

const digest = Uint8Array.from({ length: 32 }, (_, i) => i * 7);

describe('document hashes', () => {
  it('formats and parses both algorithms', () => {
    for (const alg of ['sha256', 'sm3'] as const) {
      const text = formatDocHash(alg, digest);
      expect(text).toBe(`${alg}:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`);
      expect(isDocHash(text)).toBe(true);
      const parsed = parseDocHash(text);
      expect(parsed.alg).toBe(alg);
      expect(Array.from(parsed.digest)).toEqual(Array.from(digest));
    }
  });

  it('refuses upper case, wrong lengths, unknown algorithms and bad digests', () => {
    const good = formatDocHash('sha256', digest);
    for (const bad of [good.toUpperCase(), `sha256:${good.slice(7).toUpperCase()}`, good.slice(0, -2), `${good}00`, good.replace('sha256', 'md5'), good.replace('sha256:', 'sha256 '), '']) {
      expect(isDocHash(bad)).toBe(false);
      expect(() => parseDocHash(bad)).toThrow(expect.objectContaining({ code: 'EVIDENCE_DOC_HASH_INVALID' }) as Error);
    }
    expect(() => formatDocHash('sha256', digest.subarray(1))).toThrow(expect.objectContaining({ code: 'EVIDENCE_DOC_HASH_INVALID', field: 'digest' }) as Error);
    try {
      formatDocHash('md5' as 'sha256', digest);
      expect.unreachable();
    } catch (e) {
      expect(isElcError(e, 'EVIDENCE_DOC_HASH_INVALID')).toBe(true);
    }
  });
});
