// C2SP tlog-tiles entry bundles: each entry as a big-endian uint16 length, then its bytes.
import { ElcError } from '../errors.js';

/** Entries are uint16 length-prefixed, so none is longer than this. */
export const MAX_ENTRY_BYTES = 0xffff;

/** The entry bundle of `entries`; TILES_ENTRY_TOO_LARGE for an entry over MAX_ENTRY_BYTES. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_BYTES) throw new ElcError('TILES_ENTRY_TOO_LARGE', `an entry of ${e.length} bytes does not fit a uint16 length`);
    total += 2 + e.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >>> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/** Splits an entry bundle back into entries; TILES_BUNDLE_MALFORMED when a length runs past the end. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw new ElcError('TILES_BUNDLE_MALFORMED', 'truncated entry length');
    const len = ((bundle[at] ?? 0) << 8) | (bundle[at + 1] ?? 0);
    if (at + 2 + len > bundle.length) throw new ElcError('TILES_BUNDLE_MALFORMED', 'truncated entry');
    out.push(bundle.slice(at + 2, at + 2 + len));
    at += 2 + len;
  }
  return out;
}
