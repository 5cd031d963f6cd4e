// C2SP tlog-tiles paths: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, where N is
// written as 3-digit groups, all but the last prefixed with `x` (1234067 -> x001/x234/067).
// Parsing is strict: only the canonical spelling of an address is accepted.
// https://c2sp.org/tlog-tiles
import { ElcError } from '../errors.js';
import { TILE_MAX_LEVEL, TILE_WIDTH } from './geometry.js';

/** A tile or entry bundle; `width` undefined is a full one, 1..255 a partial one. */
export type TileAddress =
  | { readonly kind: 'hashes'; readonly level: number; readonly index: number; readonly width: number | undefined }
  | { readonly kind: 'entries'; readonly index: number; readonly width: number | undefined };

/** The path elements of tile index N. */
export function encodeTileIndex(n: number): string {
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/**
 * The path of an address after `tile/` (`<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`), the inverse
 * of parseTilePath. TILES_ADDRESS_INVALID for a level, index or width outside the spec's ranges.
 */
export function formatTilePath(address: TileAddress): string {
  const { index, width } = address;
  if (!Number.isSafeInteger(index) || index < 0) throw invalidAddress(`tile index ${index}`);
  if (width !== undefined && (!Number.isInteger(width) || width < 1 || width >= TILE_WIDTH)) throw invalidAddress(`partial width ${width}`);
  let head = 'entries';
  if (address.kind === 'hashes') {
    if (!Number.isInteger(address.level) || address.level < 0 || address.level > TILE_MAX_LEVEL) throw invalidAddress(`tile level ${address.level}`);
    head = String(address.level);
  }
  return `${head}/${encodeTileIndex(index)}${width === undefined ? '' : `.p/${width}`}`;
}

function parseIndex(elements: readonly string[]): number | undefined {
  if (elements.length === 0 || elements.length > 6) return undefined;
  let n = 0;
  for (const [i, el] of elements.entries()) {
    const last = i === elements.length - 1;
    const m = (last ? /^(\d{3})$/ : /^x(\d{3})$/).exec(el);
    if (m?.[1] === undefined) return undefined;
    n = n * 1000 + Number(m[1]);
  }
  // Canonical only: no leading zero groups (x000/005 is 005).
  if (elements.length > 1 && elements[0] === 'x000') return undefined;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Parses the part after `/tile/`; undefined when it is not a canonical tile address. */
export function parseTilePath(path: string): TileAddress | undefined {
  const parts = path.split('/');
  const head = parts.shift();
  if (head === undefined) return undefined;
  let width: number | undefined;
  const lastPart = parts[parts.length - 1];
  const secondLast = parts[parts.length - 2];
  if (parts.length >= 2 && secondLast !== undefined && secondLast.endsWith('.p') && lastPart !== undefined) {
    if (!/^[1-9]\d{0,2}$/.test(lastPart)) return undefined;
    width = Number(lastPart);
    if (width >= TILE_WIDTH) return undefined;
    parts.pop();
    parts[parts.length - 1] = secondLast.slice(0, -2);
  }
  const index = parseIndex(parts);
  if (index === undefined) return undefined;
  if (head === 'entries') return { kind: 'entries', index, width };
  if (!/^(0|[1-9]\d?)$/.test(head)) return undefined;
  const level = Number(head);
  if (level > TILE_MAX_LEVEL) return undefined;
  return { kind: 'hashes', level, index, width };
}

function invalidAddress(message: string): ElcError {
  return new ElcError('TILES_ADDRESS_INVALID', message);
}
