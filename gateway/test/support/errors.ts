// For tests that assert error codes: what a promise rejects with, as a string to compare.
import { isElcError } from '@elc/core';

/** The code of the ElcError `p` rejects with, 'OK' when it resolves; anything else thrown is rethrown. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isElcError(e)) return e.code;
    throw e;
  }
  return 'OK';
}
