// Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
// alphabet (digits and upper-case letters without I, O, Z, S, V); the 18th is a check character.

/** GB 32100-2015 §4.2 code character set, in value order (the index of a character is its value). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 §5: weight of position i (1-based) is 3^(i-1) mod 31, for the first 17 characters. */
const USCC_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * The check character for the first 17 characters of a USCC, or undefined when the input
 * is not 17 characters of the GB 32100-2015 alphabet.
 */
export function usccCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  // C18 = 31 - (sum mod 31), with 31 written as 0.
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** True when `code` is 18 characters of the GB 32100-2015 alphabet with a correct check character. */
export function isValidUscc(code: string): boolean {
  if (!USCC_SHAPE.test(code)) return false;
  return usccCheckCharacter(code.slice(0, 17)) === code.charAt(17);
}
