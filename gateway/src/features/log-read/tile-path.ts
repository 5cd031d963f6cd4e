// C2SP tlog-tiles paths: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, where N is
// written as 3-digit groups, all but the last prefixed with `x` (1234067 -> x001/x234/067).
// Parsing is strict: only the canonical spelling of an address is accepted.
// https://c2sp.org/tlog-tiles

/** c2sp.org/tlog-tiles: full tiles are 256 hashes (or entries) wide. */
export const TILE_WIDTH = 256;
/** c2sp.org/tlog-tiles: levels 0..63. */
export const TILE_MAX_LEVEL = 63;

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
