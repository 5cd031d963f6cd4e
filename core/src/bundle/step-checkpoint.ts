// Steps 3-5: the trusted keys, the checkpoint's signature by one of them, and its origin.
// Trust comes only from the caller's pinned keys: a bundle that brings its own key (keys.log)
// could bring a whole forged log with it, so keys.log is never used to verify anything.
import { fromBase64 } from '../encoding/index.js';
import { isElcError } from '../errors.js';
import { NoteErrorCode, newVerifier, openNote, parseCheckpoint } from '../note/index.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1 } from '../note/key-text.js';
import type { Checkpoint, NoteVerifier } from '../note/index.js';
import { describeError } from './report.js';
import type { CheckList } from './report.js';

/**
 * The signature type byte of a vkey `<name>+<hex key ID>+<base64(type || key)>` that newVerifier
 * accepted. The name holds no '+', but the base64 may: split at the first two only.
 */
function vkeyType(vkey: string): number | undefined {
  const second = vkey.indexOf('+', vkey.indexOf('+') + 1);
  return fromBase64(vkey.slice(second + 1))[0];
}

/** The verifiers of the pinned log keys, or undefined (check `trust` failed). */
export function checkTrust(logKeys: unknown, list: CheckList): NoteVerifier[] | undefined {
  if (!Array.isArray(logKeys) || logKeys.length === 0) {
    list.fail('trust', 'BUNDLE_TRUST_INVALID', 'no trusted log keys were given');
    return undefined;
  }
  const verifiers: NoteVerifier[] = [];
  for (const [i, vkey] of (logKeys as unknown[]).entries()) {
    try {
      if (typeof vkey !== 'string') throw new Error('not a vkey string');
      // A witness cosignature key vouches that a witness saw a checkpoint, not that the log signed it.
      const verifier = newVerifier(vkey);
      if (vkeyType(vkey) === SIGNATURE_TYPE_COSIGNATURE_V1) {
        throw new Error('a cosignature/v1 witness key is not a log key');
      }
      verifiers.push(verifier);
    } catch (e) {
      list.fail('trust', 'BUNDLE_TRUST_INVALID', `trusted key ${i} is unusable: ${describeError(e)}`);
      return undefined;
    }
  }
  list.pass('trust', `${verifiers.length} pinned log key(s): ${verifiers.map((v) => v.name).join(', ')}`);
  return verifiers;
}

/**
 * The checkpoint, once a pinned key's signature on it verifies and its origin is the bundle's.
 * Any change to its text (size, root, origin) breaks that signature: BUNDLE_CHECKPOINT_SIGNATURE.
 */
export function checkCheckpoint(
  note: string,
  origin: string,
  bundleLogKey: string,
  logKeys: readonly string[],
  verifiers: readonly NoteVerifier[],
  list: CheckList,
): Checkpoint | undefined {
  let text: string;
  let signedBy: string;
  try {
    const opened = openNote(note, verifiers);
    text = opened.text;
    signedBy = opened.verified.map((s) => s.name).join(', ');
  } catch (e) {
    if (isElcError(e, NoteErrorCode.NOTE_NO_VERIFIED_SIGNATURE)) {
      const own = logKeys.includes(bundleLogKey) ? '' : ' (the bundle names an unpinned key, which is not trusted)';
      list.fail('checkpoint', 'BUNDLE_CHECKPOINT_UNTRUSTED_KEY', `no pinned key signed the checkpoint${own}`);
    } else if (isElcError(e, NoteErrorCode.NOTE_BAD_SIGNATURE)) {
      list.fail('checkpoint', 'BUNDLE_CHECKPOINT_SIGNATURE', `a pinned key's signature does not verify: the checkpoint or its signature was altered (${describeError(e)})`);
    } else {
      list.fail('checkpoint', 'BUNDLE_CHECKPOINT_MALFORMED', `not a signed note: ${describeError(e)}`);
    }
    return undefined;
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (e) {
    list.fail('checkpoint', 'BUNDLE_CHECKPOINT_MALFORMED', `signed, but not a checkpoint: ${describeError(e)}`);
    return undefined;
  }
  list.pass('checkpoint', `size ${checkpoint.size}, signed by pinned key ${signedBy}`);
  if (checkpoint.origin !== origin) {
    list.fail('origin', 'BUNDLE_ORIGIN_MISMATCH', `checkpoint origin "${checkpoint.origin}" is not the bundle origin "${origin}"`);
    return undefined;
  }
  list.pass('origin', origin);
  return checkpoint;
}
