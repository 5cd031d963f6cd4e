// For tests that assert error codes: what a call throws, as a string to compare.
import { isElcError } from './errors.js';

/**
 * The code of the ElcError that `f` throws (`code:field` with `withField`, the field empty when
 * unset), `other: …` for anything else thrown, and undefined when `f` returns.
 */
export function thrownCode(f: () => unknown, opts: { withField?: boolean } = {}): string | undefined {
  try {
    f();
  } catch (e) {
    if (!isElcError(e)) return `other: ${String(e)}`;
    return opts.withField === true ? `${e.code}:${e.field ?? ''}` : e.code;
  }
  return undefined;
}
