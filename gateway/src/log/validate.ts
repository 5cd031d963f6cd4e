/** Input checks at the door of append: all input is hostile, and a bad item refuses the whole call. */
import { MERKLE_HASH_SIZE } from '@elc/core';
import { MAX_ENTRY_BYTES } from '@elc/core/tiles';
import { logError } from './errors.js';
import type { AppendEntry, LogLimits } from './types.js';

/** Longest id, in UTF-16 code units (ids are LevelDB keys and appear in error messages). */
export const MAX_ID_LENGTH = 256;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkAppendEntries(entries: unknown): asserts entries is readonly AppendEntry[] {
  if (!Array.isArray(entries)) throw logError('LOG_ENTRY_INVALID', 'entries must be an array', { field: 'entries' });
  entries.forEach((e: unknown, i) => {
    if (typeof e !== 'object' || e === null) throw logError('LOG_ENTRY_INVALID', 'an entry must be {id, leaf}', { field: `entries.${i}` });
    const { id, leaf, leafHash } = e as { id?: unknown; leaf?: unknown; leafHash?: unknown };
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH || LONE_SURROGATE.test(id)) {
      throw logError('LOG_ID_INVALID', `id must be a well-formed string of 1 to ${MAX_ID_LENGTH} characters`, { field: `entries.${i}.id` });
    }
    if (!(leaf instanceof Uint8Array) || leaf.length === 0 || leaf.length > MAX_ENTRY_BYTES) {
      throw logError('LOG_ENTRY_INVALID', `leaf must be 1 to ${MAX_ENTRY_BYTES} bytes`, { field: `entries.${i}.leaf` });
    }
    if (leafHash !== undefined && (!(leafHash instanceof Uint8Array) || leafHash.length !== MERKLE_HASH_SIZE)) {
      throw logError('LOG_ENTRY_INVALID', `leafHash must be ${MERKLE_HASH_SIZE} bytes`, { field: `entries.${i}.leafHash` });
    }
  });
}

/** A size or index argument: a non-negative safe integer. */
export function checkCount(n: unknown, field: string): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw logError('LOG_BAD_RANGE', `${field} must be a non-negative safe integer`, { field });
  }
  return n;
}

/** Limits are positive safe integers (the tile cache may be 0: no cache). */
export function checkLimits(limits: LogLimits): void {
  for (const [name, value] of Object.entries(limits) as [string, unknown][]) {
    if (value === undefined) continue;
    const min = name === 'tileCacheSize' ? 0 : 1;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      throw logError('LOG_LIMIT_INVALID', `limits.${name} must be an integer >= ${min}`, { field: `limits.${name}` });
    }
  }
}
