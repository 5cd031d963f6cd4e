// @elc/core/tiles — C2SP tlog-tiles: geometry, paths and entry bundles, for the log that serves
// tiles and for whoever reads them (the auditor, a witness).
export { TILE_HEIGHT, TILE_MAX_LEVEL, TILE_WIDTH, hashesAtTileLevel } from './geometry.js';
export { encodeTileIndex, formatTilePath, parseTilePath, type TileAddress } from './path.js';
export { MAX_ENTRY_BYTES, decodeEntryBundle, encodeEntryBundle } from './entry-bundle.js';
export type TilesErrorCode = 'TILES_ADDRESS_INVALID' | 'TILES_ENTRY_TOO_LARGE' | 'TILES_BUNDLE_MALFORMED';
