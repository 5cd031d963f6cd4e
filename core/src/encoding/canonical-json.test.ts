import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { canonicalBytes, canonicalJson } from './index.js';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, drops whitespace and writes numbers as ECMAScript does', () => {
    expect(canonicalJson({ b: [1, 2.5, 1e21, -0], a: { d: null, c: true }, '\u20ac': 'x', '\r': 'y' })).toBe(
      '{"\\r":"y","a":{"c":true,"d":null},"b":[1,2.5,1e+21,0],"€":"x"}',
    );
    expect(canonicalBytes({ 合同: 'HT-1' })).toEqual(new TextEncoder().encode('{"合同":"HT-1"}'));
  });

  it('refuses values without a JSON form with ENCODING_INVALID_JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const value of [undefined, () => 1, Symbol('s'), Number.NaN, Number.POSITIVE_INFINITY, 'lone \uD800', cyclic]) {
      let code: string | undefined;
      try {
        canonicalJson(value);
      } catch (e) {
        code = isElcError(e) ? e.code : 'other';
      }
      expect(code, String(typeof value)).toBe('ENCODING_INVALID_JSON');
    }
  });
});
