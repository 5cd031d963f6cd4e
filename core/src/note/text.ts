// Text rules of c2sp.org/signed-note that apply to whole notes and to key names.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Key names: "non-empty and MUST NOT contain any Unicode spaces or plus (U+002B)".
const NAME_SPACE_OR_PLUS = /[\p{White_Space}+]/u;
const SPACE = 0x20;
const NEWLINE = 0x0a;

/** A JS string is valid UTF-8 when encoded iff it has no unpaired surrogate. */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** "MUST NOT contain any ASCII control characters (those below U+0020) other than newline." */
export function hasForbiddenControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < SPACE && c !== NEWLINE) return true;
  }
  return false;
}

/** Control characters are refused in names too: a name holding one could never be in a valid note. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && isWellFormedText(name) && !NAME_SPACE_OR_PLUS.test(name) && !hasForbiddenControl(name);
}
