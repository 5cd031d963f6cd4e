import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { USCC_CHARSET, USCC_WEIGHTS, checkUscc, isValidUscc, makeUscc, usccCheckChar } from './uscc.js';

// Check characters below were computed independently (a separate Python transcription of
// GB 32100-2015 §5), not by the code under test. None of these codes names a real employer
// except the standard's own printed example.
const VALID = [
  '91350100M000100Y43', // GB 32100-2015's printed example
  '91370102MA3C00000B', // synthetic: 工商/企业, 济南
  '12100000400000000W', // synthetic: 机构编制/事业单位, national region 100000
  '52370100MJD0000012', // synthetic: 民政/民办非企业单位
  '93370000MA0000000H', // synthetic: 工商/农民专业合作社
  'Y13700000000000012', // synthetic: 其他
  'N2370100MA0000001F', // synthetic: 农业/村级集体经济组织
  '54370102000000001L', // synthetic: 民政, category 4 (accepted as a precaution, see USCC_CATEGORIES)
];

describe('GB 32100-2015 unified social credit code', () => {
  it('uses the standard weights 3^(i-1) mod 31 and the 31-character set', () => {
    expect(USCC_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 3 ** i % 31));
    expect(USCC_CHARSET).toHaveLength(31);
    expect(USCC_CHARSET).not.toMatch(/[IOSVZ]/);
  });

  it.each(VALID)('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(checkUscc(code)).toEqual({ ok: true });
    expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('writes a check value of 31 as 0', () => {
    // Find a prefix whose weighted sum is 0 mod 31: all zeros.
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });

  it('refuses every other check character', () => {
    const first17 = '91350100M000100Y4';
    for (const ch of USCC_CHARSET) {
      if (ch === '3') continue;
      expect(checkUscc(first17 + ch)).toEqual({ ok: false, problem: 'check' });
    }
  });

  it.each([
    ['', 'length'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100m000100Y43', 'charset'], // lower case is not in the code set
    ['91350100M000100I43', 'charset'], // I is excluded
    ['91350100M000100O43', 'charset'],
    ['91350100M000100Ｙ43', 'charset'], // full-width letter
    [makeUscc('B1350100M000100Y4'), 'authority'],
    [makeUscc('99350100M000100Y4'), 'category'], // 工商 has no category 9
    [makeUscc('Y2350100M000100Y4'), 'category'], // 其他 has only 1
    [makeUscc('91990100M000100Y4'), 'region'], // 99 is no province
    [makeUscc('913A0100M000100Y4'), 'region'], // region must be digits
    [makeUscc('91200000M000100Y4'), 'region'], // 20 is no province and not 100000
  ] as const)('refuses %j (%s)', (code, problem) => {
    expect(checkUscc(code)).toEqual({ ok: false, problem });
    expect(isValidUscc(code)).toBe(false);
  });

  it('catches every single-character substitution', () => {
    const code = '91370102MA3C00000B';
    for (let i = 0; i < 18; i++) {
      for (const ch of USCC_CHARSET) {
        if (ch === code.charAt(i)) continue;
        const bad = code.slice(0, i) + ch + code.slice(i + 1);
        expect(isValidUscc(bad), bad).toBe(false);
      }
    }
  });

  it('refuses non-strings without throwing', () => {
    expect(isValidUscc(12345 as unknown as string)).toBe(false);
    expect(usccCheckChar(null as unknown as string)).toBeUndefined();
  });

  it('makeUscc appends the check character and refuses bad input', () => {
    expect(makeUscc('91370102MA3C00000')).toBe('91370102MA3C00000B');
    for (const bad of ['91370102MA3C0000', '91370102MA3C0000I', '91370102MA3C0000a']) {
      let err: unknown;
      try {
        makeUscc(bad);
      } catch (e) {
        err = e;
      }
      expect(isElcError(err, 'IDS_BAD_INPUT')).toBe(true);
    }
  });
});
