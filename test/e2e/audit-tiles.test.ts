// `elc audit`'s rootFromTiles (cli) against the real log engine (gateway): for sizes around tile
// boundaries the root recomputed from the served C2SP tiles equals the signed checkpoint's root;
// a missing or short tile is a gap.
import { createLogHasher, parseCheckpoint, openNote, pureHashProvider } from '@elc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TileGapError, rootFromTiles } from '../../cli/src/audit-tiles.js';
import { createMemoryStore } from '../../gateway/src/log/index.js';
import type { LogService } from '../../gateway/src/log/index.js';
import { entries, openService, verifier } from '../../gateway/src/log/log-service.test-support.js';

const hasher = createLogHasher(pureHashProvider('sha256'));

/** Serves the log's tiles by their C2SP path, as the gateway's /tile route does. */
function fetcher(log: LogService) {
  return async (path: string): Promise<Uint8Array | undefined> => {
    const m = /^tile\/(\d+)\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d+))?$/.exec(path);
    if (m === null) throw new Error(`bad path ${path}`);
    const index = Number((m[2] ?? '').replace(/x|\//g, ''));
    try {
      return await log.readTile(Number(m[1]), index, m[3] === undefined ? undefined : Number(m[3]));
    } catch {
      return undefined;
    }
  };
}

describe('rootFromTiles (c2sp.org/tlog-tiles)', () => {
  let log: LogService;
  beforeAll(async () => {
    log = await openService(createMemoryStore());
  });
  afterAll(async () => {
    await log.close();
  });

  it('recomputes the checkpoint root at sizes around tile boundaries', async () => {
    let size = 0;
    for (const target of [1, 2, 3, 255, 256, 257, 511, 512, 513, 1000, 65_536, 65_537, 66_000]) {
      while (size < target) {
        const n = Math.min(10_000, target - size); // below the engine's queue bound
        await log.append(entries(size, n));
        size += n;
      }
      const cp = parseCheckpoint(openNote((await log.waitForCheckpoint(size)).note, [verifier]).text);
      const checkpointSize = cp.size;
      const { root } = await rootFromTiles(hasher, checkpointSize, fetcher(log));
      expect(Buffer.from(root).toString('base64'), `size ${checkpointSize}`).toBe(Buffer.from(cp.rootHash).toString('base64'));
    }
  }, 60_000);

  it('is not fooled: another size gives another root; a missing or short tile is a TileGapError', async () => {
    const cp = parseCheckpoint(openNote((await log.latestCheckpoint()).note, [verifier]).text);
    const { root } = await rootFromTiles(hasher, cp.size - 1, fetcher(log));
    expect(Buffer.from(root).equals(Buffer.from(cp.rootHash))).toBe(false);
    await expect(rootFromTiles(hasher, cp.size, () => Promise.resolve(undefined))).rejects.toBeInstanceOf(TileGapError);
    await expect(rootFromTiles(hasher, cp.size, async (p) => (await fetcher(log)(p))?.subarray(32))).rejects.toBeInstanceOf(TileGapError);
  });

  it('works for an SM3 log with the SM3 hasher', async () => {
    const sm3 = await openService(createMemoryStore(), { hashAlg: 'sm3' });
    try {
      await sm3.append(entries(0, 300));
      const cp = parseCheckpoint(openNote((await sm3.waitForCheckpoint(300)).note, [verifier]).text);
      const { root } = await rootFromTiles(createLogHasher(pureHashProvider('sm3')), cp.size, fetcher(sm3));
      expect(Buffer.from(root).equals(Buffer.from(cp.rootHash))).toBe(true);
      const { root: wrong } = await rootFromTiles(hasher, cp.size, fetcher(sm3));
      expect(Buffer.from(wrong).equals(Buffer.from(cp.rootHash))).toBe(false);
    } finally {
      await sm3.close();
    }
  });
});
