import { describe, expect, it } from 'vitest';
import { concatBytes, equalBytes, fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from './index.js';
import { isElcError } from '../errors.js';

describe('encoding', () => {
  it('round-trips base64, hex and UTF-8', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(fromHex(toHex(bytes))).toEqual(bytes);
    expect(toHex(bytes)).toBe('000102faff');
    expect(fromUtf8(utf8('劳动合同'))).toBe('劳动合同');
  });

  it('refuses malformed input with stable codes and the field', () => {
    const codeOf = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return isElcError(e) ? `${e.code}:${e.field ?? ''}` : 'other';
      }
      return undefined;
    };
    expect(codeOf(() => fromBase64('not base64!', 'root'))).toBe('ENCODING_INVALID_BASE64:root');
    expect(codeOf(() => fromHex('abc', 'doc'))).toBe('ENCODING_INVALID_HEX:doc');
    expect(codeOf(() => fromUtf8(new Uint8Array([0xff, 0xfe])))).toBe('ENCODING_INVALID_UTF8:');
  });

  it('compares bytes and concatenates', () => {
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(equalBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
    expect(concatBytes(new Uint8Array([1]), new Uint8Array([2, 3]))).toEqual(new Uint8Array([1, 2, 3]));
  });
});
