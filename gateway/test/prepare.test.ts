// Batch preparation, inline and on the worker threads the built gateway uses: same entries, same
// error codes and fields either way.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogHasher, encodeLeaf, isElcError, parseEvidenceEvent, pureHashProvider, utf8, type HashAlg } from '@elc/core';
import type { Principal } from '../src/auth/principal.js';
import { prepareBatchFromBytes } from '../src/ingest/prepare-batch.js';
import { createInlinePreparer, createWorkerPreparer, type BatchPreparer } from '../src/ingest/validation-pool.js';
import { makeEvent, makeEvents } from './support/events.js';

const vendor: Principal = { org: 'platform-a', role: 'vendor', region: '370102', kid: 'k' };
const workerScript = new URL('../dist/ingest/validation-worker.js', import.meta.url);

async function codeOf(p: Promise<unknown>): Promise<{ code: string; field: string | undefined }> {
  try {
    await p;
  } catch (e) {
    if (isElcError(e)) return { code: e.code, field: e.field };
    throw e;
  }
  return { code: 'NO_ERROR', field: undefined };
}

describe('prepareBatchFromBytes', () => {
  it('returns org-scoped ids and the canonical leaves in order', () => {
    const events = makeEvents(0, 3);
    const b = prepareBatchFromBytes(utf8(JSON.stringify({ events })), vendor, 10, 'sha256');
    expect(b.ids).toEqual(['platform-a/evt-0', 'platform-a/evt-1', 'platform-a/evt-2']);
    b.leaves.forEach((leaf, i) => expect(leaf).toEqual(encodeLeaf(parseEvidenceEvent(events[i]))));
  });

  it.each<HashAlg>(['sha256', 'sm3'])('returns each leaf hash under the log algorithm (%s), as the pure hasher computes it', (alg) => {
    const b = prepareBatchFromBytes(utf8(JSON.stringify({ events: makeEvents(0, 4) })), vendor, 10, alg);
    const pure = createLogHasher(pureHashProvider(alg));
    expect(b.leafHashes).toHaveLength(4);
    b.leaves.forEach((leaf, i) => expect(b.leafHashes[i]).toEqual(pure.leafHash(leaf)));
  });

  it('refuses invalid UTF-8 as BODY_NOT_JSON', () => {
    expect(() => prepareBatchFromBytes(new Uint8Array([0x7b, 0xff, 0x7d]), vendor, 10, 'sha256')).toThrow(expect.objectContaining({ code: 'BODY_NOT_JSON' }));
  });
});

const kinds: [string, () => BatchPreparer][] = [['inline', () => createInlinePreparer(5)]];
if (existsSync(fileURLToPath(workerScript))) kinds.push(['worker threads', () => createWorkerPreparer(2, 5, workerScript)]);
else console.warn(`prepare.test: ${fileURLToPath(workerScript)} is missing (run npm run build); worker threads not tested`);

describe.each(kinds)('%s preparer', (_kind, make) => {
  const preparer = make();
  afterAll(async () => {
    await preparer.close();
  });
  const body = (x: unknown) => utf8(JSON.stringify(x));

  it('prepares concurrent batches independently', async () => {
    const algs: HashAlg[] = ['sha256', 'sm3', 'sha256', 'sm3'];
    const results = await Promise.all([0, 10, 20, 30].map((n, k) => preparer.prepare(body({ events: makeEvents(n, 5) }), vendor, algs[k] as HashAlg)));
    results.forEach((b, k) => {
      expect(b.ids[0]).toBe(`platform-a/evt-${k * 10}`);
      const leaf = encodeLeaf(parseEvidenceEvent(makeEvent(k * 10 + 4)));
      expect(b.leaves[4]).toEqual(leaf);
      expect(b.leafHashes[4]).toEqual(createLogHasher(pureHashProvider(algs[k] as HashAlg)).leafHash(leaf));
    });
  });

  it.each([
    ['not JSON', utf8('{'), 'BODY_NOT_JSON', undefined],
    ['too many', body({ events: makeEvents(0, 6) }), 'EVENTS_TOO_MANY', 'events'],
    ['bad field', body({ events: [makeEvent(1, { docHash: 'x' })] }), 'EVIDENCE_INVALID', 'events.0.docHash'],
    ['other region', body({ events: [makeEvent(1, { region: '110101' })] }), 'FORBIDDEN_REGION', 'events.0.region'],
  ])('refuses %s with its code and field', async (_name, bytes, code, field) => {
    expect(await codeOf(preparer.prepare(bytes, vendor, 'sha256'))).toEqual({ code, field });
  });
});
