// The evidence index on the real log engine and LevelDB: appends through the wrapped log are
// indexed by contract, document hash and submitting org; the index survives a restart, catches up
// with entries it never saw, and a deleted index is rebuilt from the log alone (orgs excepted).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeLeaf, isElcError, parseEvidenceEvent } from '@elc/core';
import { openLogService, type LogService } from '../log/index.js';
import { EMPLOYER, makeEvent } from '../../test/support/events.js';
import { EVIDENCE_INDEX_DIR, openEvidenceIndexStore, type EvidenceIndexStore } from './index.js';
import { CATCH_UP_BATCH, createEvidenceIndexer, entryOf } from './indexer.js';

const leafOf = (n: number, overrides: Record<string, unknown> = {}): Uint8Array => encodeLeaf(parseEvidenceEvent(makeEvent(n, overrides)));
const DOC = `sha256:${'ee'.repeat(32)}`;

describe('evidence index', () => {
  let dir: string;
  let log: LogService;
  let store: EvidenceIndexStore;
  const open = async (): Promise<void> => {
    log = await openLogService({ dataDir: dir, origin: 'elc.test/log/index', hashAlg: 'sha256', limits: { batchMaxAgeMs: 1, checkpointIntervalMs: 10 } });
    store = await openEvidenceIndexStore(join(dir, EVIDENCE_INDEX_DIR));
  };
  const close = async (): Promise<void> => {
    await store.close();
    await log.close();
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-index-'));
    await open();
  });
  afterEach(async () => {
    await close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('indexes acknowledged appends by contract, document hash and org, and survives a restart', async () => {
    const indexer = createEvidenceIndexer(log, store);
    await indexer.log.append([
      { id: 'vendor-a/e1', leaf: leafOf(1, { contractId: 'HT-A' }) },
      { id: 'vendor-a/e2', leaf: leafOf(2, { contractId: 'HT-B', docHash: DOC }) },
    ]);
    await indexer.log.append([{ id: 'vendor-b/e3', leaf: leafOf(3, { contractId: 'HT-A', docHash: DOC }) }]);
    await indexer.catchUp();
    expect(await store.contract(EMPLOYER, 'HT-A')).toEqual({ indices: [0, 2], orgs: ['vendor-a', 'vendor-b'], region: '370102' });
    expect(await store.contract(EMPLOYER, 'HT-B')).toMatchObject({ indices: [1], orgs: ['vendor-a'] });
    // A contract number that is a prefix of another is its own contract.
    expect((await store.contract(EMPLOYER, 'HT-')).indices).toEqual([]);
    expect(await store.docHash(DOC)).toEqual([1, 2]);
    expect(await store.indexedSize()).toBe(3);

    await close();
    await open();
    expect(await store.indexedSize()).toBe(3);
    expect((await store.contract(EMPLOYER, 'HT-A')).orgs).toEqual(['vendor-a', 'vendor-b']);
  });

  it('catches up with entries appended around it, and rebuilds from the log when deleted', async () => {
    // Appended straight to the log (as after a crash between the ack and the index write).
    await log.append([
      { id: 'x/1', leaf: leafOf(10, { contractId: 'HT-C' }) },
      { id: 'x/2', leaf: leafOf(11, { contractId: 'HT-C', docHash: DOC }) },
    ]);
    const indexer = createEvidenceIndexer(log, store);
    await indexer.log.append([{ id: 'vendor-c/3', leaf: leafOf(12, { contractId: 'HT-C' }) }]);
    await indexer.catchUp();
    expect(await store.contract(EMPLOYER, 'HT-C')).toEqual({ indices: [0, 1, 2], orgs: ['vendor-c'], region: '370102' });

    await close();
    await rm(join(dir, EVIDENCE_INDEX_DIR), { recursive: true, force: true });
    await open();
    expect(await store.indexedSize()).toBe(0);
    await createEvidenceIndexer(log, store).catchUp();
    expect(await store.indexedSize()).toBe(3);
    expect(await store.contract(EMPLOYER, 'HT-C')).toEqual({ indices: [0, 1, 2], orgs: [], region: '370102' });
    expect(await store.docHash(DOC)).toEqual([1]);
  });

  it('indexes a backlog larger than one batch, in order, and reports the indexed size', async () => {
    const total = CATCH_UP_BATCH + 300;
    for (let from = 0; from < total; from += 1000) {
      const n = Math.min(1000, total - from);
      await log.append(Array.from({ length: n }, (_, k) => ({ id: `bulk/${from + k}`, leaf: leafOf(from + k, { contractId: `HT-${(from + k) % 7}` }) })));
    }
    const indexer = createEvidenceIndexer(log, store);
    expect(indexer.indexedSize()).toBe(0);
    await indexer.catchUp();
    expect([indexer.indexedSize(), await store.indexedSize()]).toEqual([total, total]);
    const six = await store.contract(EMPLOYER, 'HT-6');
    expect(six.indices).toEqual(Array.from({ length: total }, (_, i) => i).filter((i) => i % 7 === 6));
  });

  it('pushes appends back while the index is more than maxLag entries behind, and takes them again once it catches up', async () => {
    const realAdd = store.add.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    store.add = async (from, entries) => {
      await gate;
      return realAdd(from, entries);
    };
    const indexer = createEvidenceIndexer(log, store, undefined, 3);
    const append = (n: number) => indexer.log.append([{ id: `v/${n}`, leaf: leafOf(n) }, { id: `v/${n}b`, leaf: leafOf(n + 100) }]);
    await append(1);
    await append(2); // 2 behind: still within the bound
    const refused = await append(3).catch((e: unknown) => e);
    expect(isElcError(refused, 'LOG_PUSHBACK')).toBe(true);
    expect(log.stats().size).toBe(4); // nothing of the refused call was appended
    release();
    await indexer.catchUp();
    expect(indexer.indexedSize()).toBe(4);
    expect((await append(3)).map((r) => r.index)).toEqual([4, 5]);
  });
});

describe('entryOf (the index fields of a leaf)', () => {
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('picks employer, contract, region and document hash out of an evidence leaf', () => {
    const event = makeEvent(7, { docHash: DOC });
    expect(entryOf(3, leafOf(7, { docHash: DOC }), 'org-a')).toEqual({
      index: 3,
      employer: EMPLOYER,
      contractId: event['contractId'],
      region: event['region'],
      docHash: DOC,
      org: 'org-a',
    });
  });

  it.each([
    ['not JSON', '{"v":1,'],
    ['not an object', '[1,2]'],
    ['another version', `{"v":2,"employer":"${EMPLOYER}","contractId":"HT-1","region":"370102"}`],
    ['no employer', '{"v":1,"contractId":"HT-1","region":"370102"}'],
    ['a numeric contract id', `{"v":1,"employer":"${EMPLOYER}","contractId":1,"region":"370102"}`],
    ['a non-string document hash', `{"v":1,"employer":"${EMPLOYER}","contractId":"HT-1","region":"370102","docHash":5}`],
  ])('leaves out a leaf that is %s', (_name, text) => {
    expect(entryOf(0, utf8(text), undefined)).toBeUndefined();
  });
});
