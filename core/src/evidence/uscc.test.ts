import { describe, expect, it } from 'vitest';
import { GB32100_EXAMPLE, EMPLOYER, syntheticUscc } from './fixtures.test-support.js';
import { USCC_ALPHABET, isValidUscc, usccCheckCharacter } from './uscc.js';

describe('USCC (GB 32100-2015)', () => {
  it('accepts the worked example of the standard', () => {
    expect(isValidUscc(GB32100_EXAMPLE)).toBe(true);
    expect(usccCheckCharacter(GB32100_EXAMPLE.slice(0, 17))).toBe('3');
  });

  it('computes check characters that wrap 31 to 0', () => {
    // Search a prefix whose weighted sum is 0 mod 31: its check character must be '0', not 31.
    let found = false;
    for (let n = 0; n < 31 && !found; n++) {
      const prefix = `9111000000000000${USCC_ALPHABET.charAt(n)}`;
      if (usccCheckCharacter(prefix) === '0') {
        found = true;
        expect(isValidUscc(`${prefix}0`)).toBe(true);
      }
    }
    expect(found).toBe(true);
  });

  it('detects every single-character substitution', () => {
    for (let pos = 0; pos < 18; pos++) {
      for (const c of USCC_ALPHABET) {
        if (c === EMPLOYER.charAt(pos)) continue;
        const changed = EMPLOYER.slice(0, pos) + c + EMPLOYER.slice(pos + 1);
        expect(isValidUscc(changed), changed).toBe(false);
      }
    }
  });

  it('refuses characters outside the alphabet, lower case and wrong lengths', () => {
    for (const bad of ['I', 'O', 'Z', 'S', 'V', 'a', ' ']) {
      expect(isValidUscc(GB32100_EXAMPLE.slice(0, 10) + bad + GB32100_EXAMPLE.slice(11))).toBe(false);
    }
    expect(isValidUscc(GB32100_EXAMPLE.toLowerCase())).toBe(false);
    expect(isValidUscc(GB32100_EXAMPLE.slice(0, 17))).toBe(false);
    expect(isValidUscc(`${GB32100_EXAMPLE}0`)).toBe(false);
    expect(usccCheckCharacter('short')).toBeUndefined();
    expect(usccCheckCharacter('9135010OM000100Y4')).toBeUndefined();
    expect(() => syntheticUscc('bad')).toThrow();
  });
});
