// Signed notes (c2sp.org/signed-note): text ending in newline, a blank line, then one or more
// lines "— <key name> base64(key ID || signature)\n". Behaviour follows golang.org/x/mod/sumdb/note.
import { concatBytes, fromBase64, fromUtf8, toBase64, utf8 } from '../encoding/index.js';
import { isElcError } from '../errors.js';
import { NoteErrorCode, noteError } from './errors.js';
import { keyIdBytes, readUint32 } from './key-text.js';
import { hasForbiddenControl, isValidKeyName, isWellFormedText } from './text.js';
import type { NoteSignature, NoteSigner, NoteVerifier, OpenedNote } from './types.js';

/** Largest note accepted, in UTF-8 bytes. The spec leaves the bound to verifiers; this admits
 *  the required 16 signatures even at post-quantum sizes (~5 kB each) with room to spare. */
export const MAX_NOTE_BYTES = 1 << 20;
/** Most signature lines accepted; the spec requires at least 16, Go's note.Open stops at 100. */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space
const KEY_ID_LENGTH = 4;

/**
 * Signs `text` (valid, newline-terminated) with each signer, in order. `existing` signatures
 * (e.g. those openNote returned, when a witness adds its cosignature) are written first, except
 * any from a key that signs again here, as Go's note.Sign does.
 */
export function signNote(text: string, signers: readonly NoteSigner[], existing: readonly NoteSignature[] = []): string {
  checkNoteText(text);
  if (signers.length > MAX_NOTE_SIGNATURES) throw tooManySignatures();
  const msg = utf8(text);
  const fresh = new Set<string>();
  const lines: string[] = [];
  for (const signer of signers) {
    checkSignerId(signer.name, signer.keyId, 'signers');
    const id = verifierKey(signer.name, signer.keyId);
    if (fresh.has(id)) throw noteError(NoteErrorCode.NOTE_MALFORMED, 'two signers share a name and key ID', { field: 'signers' });
    fresh.add(id);
    const sig = signer.sign(msg);
    if (sig.length === 0) throw noteError(NoteErrorCode.NOTE_MALFORMED, `signer ${signer.name} returned no signature`, { field: 'signers' });
    lines.push(`${SIGNATURE_PREFIX}${signer.name} ${toBase64(concatBytes(keyIdBytes(signer.keyId), sig))}\n`);
  }
  const kept: string[] = [];
  for (const sig of existing) {
    checkSignerId(sig.name, sig.keyId, 'existing');
    if (fresh.has(verifierKey(sig.name, sig.keyId))) continue;
    // The line is rewritten from `base64`, so check that it still names the same key ID.
    const parsed = parseSignatureLine(`${SIGNATURE_PREFIX}${sig.name} ${sig.base64}`);
    if (parsed.keyId !== sig.keyId) throw malformed('existing signature does not hold its key ID', 'existing');
    kept.push(`${SIGNATURE_PREFIX}${sig.name} ${sig.base64}\n`);
  }
  const count = kept.length + lines.length;
  if (count === 0) throw noteError(NoteErrorCode.NOTE_MALFORMED, 'a note needs at least one signature', { field: 'signers' });
  if (count > MAX_NOTE_SIGNATURES) throw tooManySignatures();
  const out = `${text}\n${kept.join('')}${lines.join('')}`;
  if (utf8(out).length > MAX_NOTE_BYTES) {
    throw noteError(NoteErrorCode.NOTE_TOO_LARGE, `signed note exceeds ${MAX_NOTE_BYTES} bytes`);
  }
  return out;
}

/**
 * Parses a signed note and verifies the signatures of known keys (same name and key ID).
 * A known key whose signature fails rejects the whole note; unknown keys are returned as
 * unverified; no verified signature at all is an error (the text must then be ignored).
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const text = decodeNote(note);
  if (hasForbiddenControl(text)) throw malformed('note holds a control character other than newline');
  // "the text is separated from the signatures by the last empty line in the note"
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw malformed('note has no blank line before its signatures');
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw malformed('signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw tooManySignatures();

  const known = indexVerifiers(verifiers);
  const msg = utf8(body);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenKnown = new Set<string>();
  const seenUnknown = new Set<string>();
  for (const line of lines) {
    const sig = parseSignatureLine(line);
    const id = verifierKey(sig.name, sig.keyId);
    const candidates = known.get(id);
    if (candidates === undefined) {
      // Drop repeated identical unverified lines.
      if (!seenUnknown.has(line)) unverified.push(sig);
      seenUnknown.add(line);
      continue;
    }
    const [verifier, ...others] = candidates;
    if (verifier === undefined || others.length > 0) {
      throw noteError(NoteErrorCode.NOTE_VERIFIER_AMBIGUOUS, `two trusted keys are named ${sig.name} with the same key ID`);
    }
    // One signature per known key is checked; repeats are dropped, as Go's note.Open does.
    if (seenKnown.has(id)) continue;
    seenKnown.add(id);
    if (!verifier.verify(msg, sig.signature)) {
      throw noteError(NoteErrorCode.NOTE_BAD_SIGNATURE, `invalid signature from known key ${sig.name}`);
    }
    verified.push(sig);
  }
  if (verified.length === 0) {
    throw noteError(NoteErrorCode.NOTE_NO_VERIFIED_SIGNATURE, 'note has no signature from a trusted key');
  }
  return { text: body, verified, unverified };
}

function checkSignerId(name: string, keyId: number, field: string): void {
  if (!isValidKeyName(name)) throw noteError(NoteErrorCode.NOTE_KEY_NAME_INVALID, `invalid key name in ${field}`, { field });
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > 0xffffffff) {
    throw noteError(NoteErrorCode.NOTE_KEY_MALFORMED, `key ID in ${field} must be a uint32`, { field });
  }
}

function checkNoteText(text: string): void {
  if (!text.endsWith('\n')) throw malformed('note text must end with a newline', 'text');
  if (!isWellFormedText(text)) throw malformed('note text is not valid UTF-8', 'text');
  if (hasForbiddenControl(text)) throw malformed('note text holds a control character other than newline', 'text');
}

function decodeNote(note: string | Uint8Array): string {
  if (typeof note !== 'string') {
    if (note.length > MAX_NOTE_BYTES) throw tooLarge();
    try {
      return fromUtf8(note);
    } catch (cause) {
      throw malformed('note is not valid UTF-8', undefined, cause);
    }
  }
  // A UTF-16 code unit is at least one UTF-8 byte, so this bounds the work before encoding.
  if (note.length > MAX_NOTE_BYTES) throw tooLarge();
  if (!isWellFormedText(note)) throw malformed('note is not valid UTF-8');
  if (utf8(note).length > MAX_NOTE_BYTES) throw tooLarge();
  return note;
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed('signature line must start with an em dash and a space');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const base64 = space < 0 ? '' : rest.slice(space + 1);
  if (!isValidKeyName(name)) throw malformed('signature line has an invalid key name');
  let raw: Uint8Array;
  try {
    raw = fromBase64(base64);
  } catch (cause) {
    if (!isElcError(cause)) throw cause;
    throw malformed('signature is not base64', undefined, cause);
  }
  if (raw.length <= KEY_ID_LENGTH) throw malformed('signature is shorter than a key ID and one byte');
  return { name, keyId: readUint32(raw, 0), signature: raw.slice(KEY_ID_LENGTH), base64 };
}

function indexVerifiers(verifiers: readonly NoteVerifier[]): Map<string, NoteVerifier[]> {
  const map = new Map<string, NoteVerifier[]>();
  for (const v of verifiers) {
    const id = verifierKey(v.name, v.keyId);
    const list = map.get(id);
    if (list === undefined) map.set(id, [v]);
    else list.push(v);
  }
  return map;
}

// The key ID has no ':', so "<id>:<name>" is unambiguous.
function verifierKey(name: string, keyId: number): string {
  return `${keyId}:${name}`;
}

function malformed(message: string, field?: string, cause?: unknown): Error {
  return noteError(NoteErrorCode.NOTE_MALFORMED, message, { field, cause });
}

function tooManySignatures(): Error {
  return noteError(NoteErrorCode.NOTE_TOO_MANY_SIGNATURES, `a note takes at most ${MAX_NOTE_SIGNATURES} signatures`);
}

function tooLarge(): Error {
  return noteError(NoteErrorCode.NOTE_TOO_LARGE, `note exceeds ${MAX_NOTE_BYTES} bytes`);
}
