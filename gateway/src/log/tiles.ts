/**
 * Which tiles this log has: a requested C2SP tile address checked against a tree of `size`
 * leaves. The tlog-tiles geometry, paths and entry bundles themselves are @elc/core/tiles.
 */
import { TILE_MAX_LEVEL, TILE_WIDTH, hashesAtTileLevel } from '@elc/core/tiles';
import { logError } from './errors.js';

/**
 * Checks a tile address against a tree of `size` leaves and returns its width: 256 for a full
 * tile, W for `.p/W`. Throws LOG_TILE_NOT_FOUND for a malformed address or a tile not (yet) there.
 */
export function tileWidth(level: number, index: number, width: number | undefined, size: number): number {
  if (!Number.isInteger(level) || level < 0 || level > TILE_MAX_LEVEL) throw notFound(`tile level ${level}`);
  if (!Number.isSafeInteger(index) || index < 0) throw notFound(`tile index ${index}`);
  if (width !== undefined && (!Number.isInteger(width) || width < 1 || width >= TILE_WIDTH)) {
    throw notFound(`partial tile width ${width}`);
  }
  const w = width ?? TILE_WIDTH;
  const available = hashesAtTileLevel(level, size) - index * TILE_WIDTH;
  if (available < w) throw notFound(`tile ${level}/${index}${width === undefined ? '' : `.p/${width}`} is beyond size ${size}`);
  return w;
}

function notFound(message: string): Error {
  return logError('LOG_TILE_NOT_FOUND', message);
}
