// The two-stage write path (sequencer.ts; batcher.ts with concurrency 2): the sequencer lookup
// overlapping the previous commit, `recent`, failure and close. Interleavings are forced with
// deferreds around the memory store's methods (and LevelDB's for the restart case).
import { createLogHasher, fromBase64, isElcError, rootOfLeafHashes } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { verifyReceipt } from '@elc/core/receipt';
import { afterAll, describe, expect, it } from 'vitest';
import { BATCH_MAX_AGE_MS, createBatcher } from './batcher.js';
import { openLevelStore } from './level-store.js';
import { createMemoryStore } from './memory-store.js';
import { createSequencer, prepareEntry, type PreparedEntry } from './sequencer.js';
import type { LogStore, LogWrite } from './store.js';
import type { AppendEntry, Receipt } from './types.js';
import { expectCode, leaf, manualTimers, openService, ORIGIN, removeAll, settle, SIGNER, tempDir, verifier } from './log-service.test-support.js';

const hasher = createLogHasher(nativeHashProvider('sha256'));
const dirs: string[] = [];
afterAll(() => removeAll(dirs));

interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}
function deferred<T = void>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

async function until(cond: () => boolean, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > 3000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

const e = (id: string, n: number, variant = ''): AppendEntry => ({ id, leaf: leaf(n, variant) });
/** Batches of exactly 2 entries: each 2-entry call is a full batch and flushes at once, alone. */
const TWO = { batchMaxSize: 2, batchMaxAgeMs: 1, checkpointIntervalMs: 5 } as const;

/**
 * Wraps a store: every getReceipts reads the store at call time (as a LevelDB snapshot would) but
 * resolves only when its gate (if one is set for that call number) opens; likewise append.
 */
function instrument(store: LogStore) {
  const realAppend = store.append.bind(store);
  const realLookup = store.getReceipts.bind(store);
  const lookupGates = new Map<number, Deferred>();
  const appendGates = new Map<number, Deferred>();
  const lookupFail = new Map<number, Error>();
  const lookups: string[][] = [];
  const writes: LogWrite[] = [];
  let lookupsStarted = 0;
  let lookupsDone = 0;
  let appendsStarted = 0;
  store.getReceipts = async (ids) => {
    const n = ++lookupsStarted;
    lookups.push([...ids]);
    const found = await realLookup(ids); // read now
    const gate = lookupGates.get(n);
    if (gate) await gate.promise;
    lookupsDone++;
    const fail = lookupFail.get(n);
    if (fail) throw fail;
    return found;
  };
  store.append = async (w) => {
    const n = ++appendsStarted;
    writes.push(w);
    const gate = appendGates.get(n);
    if (gate) await gate.promise;
    return realAppend(w);
  };
  return {
    lookups,
    writes,
    holdLookup(n: number): Deferred {
      const d = deferred();
      lookupGates.set(n, d);
      return d;
    },
    failLookup(n: number, err: Error): void {
      lookupFail.set(n, err);
    },
    holdAppend(n: number): Deferred {
      const d = deferred();
      appendGates.set(n, d);
      return d;
    },
    get lookupsStarted() {
      return lookupsStarted;
    },
    get lookupsDone() {
      return lookupsDone;
    },
    get appendsStarted() {
      return appendsStarted;
    },
  };
}

/** A sequencer straight on `store`, for an empty log. */
function emptySequencer(store: LogStore) {
  return createSequencer({ store, hasher, signer: SIGNER, origin: ORIGIN, clock: () => 1_763_800_000_000, initial: { size: 0, hashes: [] }, initialEdge: [], onCommit: () => undefined });
}

/** A service over `store` (memory by default) with batches of two, whose first write ([X, A]) is held open. */
async function firstWriteHeld(store: LogStore = createMemoryStore()) {
  const log = await openService(store, { limits: TWO });
  const s = instrument(store);
  const w1 = s.holdAppend(1);
  const a = log.append([e('X', 1), e('A', 2)]);
  await until(() => s.appendsStarted === 1, 'first write');
  return { log, s, w1, a };
}

describe('write pipeline: idempotency across batches in flight', () => {
  it('the same id with the same leaf in three consecutive batches gets one index and one receipt', async () => {
    const { log, s, w1, a } = await firstWriteHeld();
    const l2 = s.holdLookup(2); // batch 2's lookup (read before batch 1's write) resolves late
    const b = log.append([e('X', 1), e('Y', 3)]); // lookup 2 starts now, misses X
    await until(() => s.lookupsStarted === 2, 'second lookup');
    const c = log.append([e('X', 1), e('Y', 3)]); // both slots busy: queued
    await settle();
    expect(s.lookupsStarted).toBe(2);
    w1.resolve(); // commit 1 ends -> batch 3 starts; its lookup sees X but not Y (commit 2 waits on l2)
    await until(() => s.lookupsStarted === 3, 'third lookup');
    expect(s.appendsStarted).toBe(1); // commit 2 still waits for its lookup
    l2.resolve();
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(rb[0]).toEqual(ra[0]);
    expect(rc[0]).toEqual(ra[0]);
    expect(rc[1]).toEqual(rb[1]);
    expect([ra[0]?.index, ra[1]?.index, rb[1]?.index]).toEqual([0, 1, 2]);
    expect(log.stats()).toMatchObject({ size: 3, batchesTotal: 2, duplicateTotal: 3 });
    expect(s.writes.map((w) => [w.fromSize, w.leaves.length])).toEqual([[0, 2], [2, 1]]);
    await log.close();
  });

  it('the same id with another leaf in the next batch (in flight) is LOG_ID_CONFLICT and nothing of that call is appended', async () => {
    const { log, s, w1, a } = await firstWriteHeld();
    // batch 2: a fresh id first, then X with another leaf; batch 3 (queued) also conflicts
    const b = log.append([e('F', 10), e('X', 1, 'other')]);
    await until(() => s.lookupsStarted === 2, 'second lookup');
    const c = log.append([e('G', 11), e('X', 1, 'third')]);
    w1.resolve();
    await a;
    await expectCode(b, 'LOG_ID_CONFLICT');
    expect(await b.catch((err: unknown) => (err as { field?: string }).field)).toBe('entries.1.id');
    await expectCode(c, 'LOG_ID_CONFLICT');
    expect(log.stats().size).toBe(2);
    expect(s.writes).toHaveLength(1);
    // F and G were never appended: they are fresh now and get the next indices
    const [f, g] = await log.append([e('F', 10), e('G', 11)]);
    expect([f?.index, g?.index]).toEqual([2, 3]);
    await log.close();
  });

  it('an id repeated inside one batch (two calls) and again in the next batch in flight: one index', async () => {
    const store = createMemoryStore();
    const log = await openService(store, { limits: { batchMaxSize: 4, batchMaxAgeMs: 1, checkpointIntervalMs: 5 } });
    const s = instrument(store);
    const w1 = s.holdAppend(1);
    // one batch of 4: two calls, X in both (same leaf)
    const a1 = log.append([e('X', 1), e('A', 2)]);
    const a2 = log.append([e('B', 3), e('X', 1)]);
    await until(() => s.appendsStarted === 1, 'first write');
    expect(s.writes[0]?.leaves).toHaveLength(3);
    // next batch of 4: X again (same leaf), X with another leaf in its own call
    const b1 = log.append([e('X', 1), e('C', 4), e('D', 5)]);
    const b2 = log.append([e('X', 1, 'x')]);
    await until(() => s.lookupsStarted === 2, 'second lookup');
    w1.resolve();
    const [r1, r2, r3] = await Promise.all([a1, a2, b1]);
    await expectCode(b2, 'LOG_ID_CONFLICT');
    expect(r2[1]).toEqual(r1[0]);
    expect(r3[0]).toEqual(r1[0]);
    expect(r3.slice(1).map((r) => r.index)).toEqual([3, 4]);
    expect(log.stats().size).toBe(5);
    await log.close();
  });

  it('three flushes at once straight on the sequencer (deeper than the batcher allows) still give one index per id', async () => {
    const store = createMemoryStore();
    const s = instrument(store);
    const seq = emptySequencer(store);
    const p = (id: string, n: number, v = ''): PreparedEntry => prepareEntry(hasher, id, leaf(n, v));
    const w1 = s.holdAppend(1);
    const w2 = s.holdAppend(2);
    const f1 = seq.flush([[p('X', 1), p('A', 2)]]);
    const f2 = seq.flush([[p('X', 1), p('Y', 3)]]);
    const f3 = seq.flush([[p('Y', 3), p('X', 1)], [p('Y', 3, 'bad')]]);
    const f4 = seq.flush([]); // nothing at all
    expect(s.lookupsStarted).toBe(4); // every lookup started at once (the empty flush's too), all miss
    await until(() => s.appendsStarted === 1, 'first write');
    w1.resolve();
    await until(() => s.appendsStarted === 2, 'second write');
    w2.resolve();
    const [r1, r2, r3, r4] = await Promise.all([f1, f2, f3, f4]);
    const ok = (r: Receipt[] | Error | undefined): Receipt[] => {
      if (!Array.isArray(r)) throw new Error(`expected receipts, got ${String(r)}`);
      return r;
    };
    const x = ok(r1[0])[0];
    expect(ok(r2[0])[0]).toEqual(x);
    expect(ok(r3[0])).toEqual([ok(r2[0])[1], x]);
    expect(isElcError(r3[1], 'LOG_ID_CONFLICT')).toBe(true);
    expect(r4).toEqual([]);
    expect(seq.committed().size).toBe(3);
    expect(s.writes.map((w) => w.fromSize)).toEqual([0, 2]);
  });
});

describe('write pipeline: ordering', () => {
  it("batch N+1's lookup resolving after batch N committed (and after N+2 started) keeps commits in order", async () => {
    const store = createMemoryStore();
    const log = await openService(store, { limits: TWO });
    const s = instrument(store);
    const l2 = s.holdLookup(2);
    const a = log.append([e('X', 1), e('A', 2)]);
    const b = log.append([e('X', 1), e('B', 3)]); // its lookup read the store before commit 1
    await a; // commit 1 is over; batch 2 still waits for its lookup
    const c = log.append([e('B', 3), e('C', 4)]); // batch 3 starts beside it, its lookup misses B
    await until(() => s.lookupsStarted === 3, 'third lookup');
    await settle();
    expect(s.appendsStarted).toBe(1); // commit 3 waits for commit 2
    l2.resolve();
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(rb[0]).toEqual(ra[0]);
    expect(rb[1]?.index).toBe(2);
    expect(rc[0]).toEqual(rb[1]);
    expect(rc[1]?.index).toBe(3);
    expect(s.writes.map((w) => [w.fromSize, w.leaves.length])).toEqual([[0, 2], [2, 1], [3, 1]]);
    await log.close();
  });

  it("batch N's lookup resolving after N+1's does not let N+1 commit first, and the tree stays right", async () => {
    const store = createMemoryStore();
    const log = await openService(store, { limits: TWO });
    const s = instrument(store);
    const l1 = s.holdLookup(1);
    const a = log.append([e('P', 1), e('Q', 2)]);
    const b = log.append([e('R', 3), e('P', 1)]);
    await until(() => s.lookupsDone === 1, 'second lookup done'); // lookup 2 finished first
    await settle();
    expect(s.appendsStarted).toBe(0);
    l1.resolve();
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.map((r) => r.index)).toEqual([0, 1]);
    expect(rb[0]?.index).toBe(2);
    expect(rb[1]).toEqual(ra[0]);
    const cp = await log.waitForCheckpoint(3);
    expect(cp.rootHash).toEqual(rootOfLeafHashes(hasher, [...ra, rb[0] as Receipt].map((r) => fromBase64(r.leafHash))));
    for (const r of [...ra, ...rb]) verifyReceipt(r, ORIGIN, verifier, hasher);
    await log.close();
  });

  it("a rejected lookup fails only its own batch; the earlier and later batches commit in order and the log keeps writing", async () => {
    const { log, s, w1, a } = await firstWriteHeld();
    s.failLookup(2, new Error('read failed'));
    const b = log.append([e('X', 1), e('B', 3)]);
    await until(() => s.lookupsStarted === 2, 'second lookup');
    const c = log.append([e('X', 1), e('C', 4)]);
    w1.resolve();
    await expect(b).rejects.toThrow('read failed');
    const [ra, rc] = await Promise.all([a, c]);
    expect(rc[0]).toEqual(ra[0]);
    expect(rc[1]?.index).toBe(2);
    expect(log.stats().size).toBe(3);
    expect(s.writes.map((w) => w.fromSize)).toEqual([0, 2]);
    // B was never appended
    expect((await log.append([e('B', 3), e('X', 1)]))[0]?.index).toBe(3);
    await log.close();
  });
});

describe('write pipeline: failure, close, pushback', () => {
  it('a failed write refuses the next batch whose lookup already finished, and writes nothing more', async () => {
    const { log, s, w1, a } = await firstWriteHeld();
    const b = log.append([e('B', 3), e('C', 4)]);
    await until(() => s.lookupsDone === 2, 'second lookup done');
    const c = log.append([e('D', 5), e('E', 6)]); // queued behind both
    w1.reject(new Error('disk full'));
    await expectCode(a, 'LOG_STORE_FAILED');
    await expectCode(b, 'LOG_STORE_FAILED');
    await expectCode(c, 'LOG_STORE_FAILED');
    await expectCode(log.append([e('F', 7), e('G', 8)]), 'LOG_STORE_FAILED');
    expect(s.appendsStarted).toBe(1);
    expect(log.stats()).toMatchObject({ size: 0, pending: 0 });
    await log.close();
  });

  it('a failed write refuses the next batch whose lookup is still running, also once that lookup resolves', async () => {
    const { log, s, w1, a } = await firstWriteHeld();
    const l2 = s.holdLookup(2);
    const b = log.append([e('B', 3), e('C', 4)]);
    await until(() => s.lookupsStarted === 2, 'second lookup');
    w1.reject(new Error('disk full'));
    await expectCode(a, 'LOG_STORE_FAILED');
    await expectCode(b, 'LOG_STORE_FAILED'); // refused before its lookup is even back
    l2.resolve();
    await settle();
    expect(s.appendsStarted).toBe(1);
    await log.close();
  });

  it('close() while two flushes run waits for both, checkpoints both, then refuses appends', async () => {
    const store = createMemoryStore();
    const { log, s, w1, a } = await firstWriteHeld(store);
    const b = log.append([e('X', 1), e('B', 3)]);
    const c = log.append([e('C', 4)]); // a partial batch, queued (both slots busy)
    await until(() => s.lookupsStarted === 2, 'second lookup');
    let closed = false;
    const closing = log.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(closed).toBe(false);
    await expectCode(log.append([e('Z', 9)]), 'LOG_CLOSED');
    w1.resolve();
    await closing;
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(rb[0]).toEqual(ra[0]);
    expect([rb[1]?.index, rc[0]?.index]).toEqual([2, 3]);
    const reopened = await openService(store.reopen(), { limits: TWO });
    expect((await reopened.latestCheckpoint()).size).toBe(4);
    await reopened.close();
  });

  it('counts both flushes in flight as pending, pushes back past maxPending, and drains to 0', async () => {
    const store = createMemoryStore();
    const log = await openService(store, { limits: { ...TWO, maxPending: 5 } });
    const s = instrument(store);
    const w1 = s.holdAppend(1);
    const w2 = s.holdAppend(2);
    const a = log.append([e('A', 1), e('B', 2)]);
    const b = log.append([e('C', 3), e('D', 4)]);
    await until(() => s.lookupsStarted === 2 && s.appendsStarted === 1, 'both flushes');
    expect(log.stats().pending).toBe(4);
    const c = log.append([e('E', 5)]);
    await expectCode(log.append([e('F', 6)]), 'LOG_PUSHBACK');
    expect(log.stats()).toMatchObject({ pending: 5, pushbackTotal: 1 });
    w1.resolve();
    await a;
    await until(() => s.appendsStarted === 2, 'second write');
    expect(log.stats().pending).toBe(3); // batch 2 in its write, E in flight or queued
    w2.resolve();
    await Promise.all([b, c]);
    expect(log.stats()).toMatchObject({ pending: 0, size: 5 });
    await log.close();
  });
});

describe('write pipeline: memory (`recent`)', () => {
  // White-box: a store whose lookups never find X makes `recent` the only place X can be found,
  // so whether a later duplicate of X is recognised shows whether `recent` still holds it.
  function hideX(store: LogStore): void {
    const real = store.getReceipts.bind(store);
    store.getReceipts = async (ids) => (await real(ids)).map((r, i) => (ids[i] === 'X' ? undefined : r));
  }

  it('drops a commit from `recent` once no lookup can have missed it (a later flush with fresh entries)', async () => {
    const store = createMemoryStore();
    const log = await openService(store, { limits: TWO });
    hideX(store);
    await log.append([e('X', 1), e('A', 2)]);
    await log.append([e('B', 3), e('C', 4)]); // its lookup started after commit 1 ended: prunes it
    const again = await log.append([e('X', 1), e('D', 5)]);
    expect(again[0]?.index).toBe(4); // X no longer in memory (the hiding store made it look fresh)
    await log.close();
  });

  it('drops it too when the later flushes have no fresh entries (duplicates only)', async () => {
    const store = createMemoryStore();
    const log = await openService(store, { limits: TWO });
    hideX(store);
    await log.append([e('X', 1), e('A', 2)]);
    for (let i = 0; i < 3; i++) await log.append([e('A', 2), e('A', 2)]); // no fresh entries
    expect(log.stats().size).toBe(2);
    const again = await log.append([e('X', 1), e('D', 5)]);
    expect(again[0]?.index).toBe(2);
    await log.close();
  });
});

describe('write pipeline: batcher with concurrency 2', () => {
  function harness(maxSize: number) {
    const timers = manualTimers();
    const batches: string[][] = [];
    const gates: Deferred[] = [];
    let running = 0;
    let maxRunning = 0;
    const batcher = createBatcher<string, string>({
      maxSize,
      concurrency: 2,
      timers,
      async flush(items) {
        running++;
        maxRunning = Math.max(maxRunning, running);
        batches.push([...items]);
        const g = deferred();
        gates.push(g);
        await g.promise;
        running--;
        return items.map((x) => `ok:${x}`);
      },
    });
    return { timers, batches, gates, batcher, maxRunning: () => maxRunning };
  }

  it('starts a partial batch beside a running flush only when its age comes, re-arms the age after a flush ends, never a third', async () => {
    const h = harness(4);
    const all = ['a', 'b', 'c', 'd'].map((x) => h.batcher.add(x));
    await settle();
    expect(h.batches).toEqual([['a', 'b', 'c', 'd']]);
    all.push(h.batcher.add('e'));
    await h.timers.advance(BATCH_MAX_AGE_MS - 1);
    expect(h.batches).toHaveLength(1);
    await h.timers.advance(1);
    expect(h.batches).toEqual([['a', 'b', 'c', 'd'], ['e']]);
    all.push(h.batcher.add('f'), h.batcher.add('g'));
    await h.timers.advance(BATCH_MAX_AGE_MS * 5); // both slots busy: nothing starts, however old
    expect(h.batches).toHaveLength(2);
    h.gates[0]?.resolve();
    await settle();
    expect(h.batches[2]).toEqual(['f', 'g']); // old enough: starts as soon as a slot frees
    h.gates[1]?.resolve(); // 'e' ends: one slot free
    await settle();
    expect(h.batches).toHaveLength(3);
    // a fresh item while one slot is free gets an age timer, re-armed (not lost) when a flush ends meanwhile
    all.push(h.batcher.add('h'));
    await h.timers.advance(BATCH_MAX_AGE_MS - 5);
    h.gates[2]?.resolve(); // ['f', 'g'] ends: schedule() runs again, clears and re-arms the timer
    await settle();
    expect(h.batches).toHaveLength(3);
    await h.timers.advance(4);
    expect(h.batches).toHaveLength(3);
    await h.timers.advance(1);
    expect(h.batches[3]).toEqual(['h']);
    h.gates[3]?.resolve();
    expect(await Promise.all(all)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((x) => `ok:${x}`));
    expect(h.maxRunning()).toBe(2);
    expect(h.batches.every((b) => b.length > 0)).toBe(true);
    expect(h.batcher.pending).toBe(0);
  });

  it('close() with both slots busy and a partial batch queued flushes everything, never an empty batch, and resolves', async () => {
    const h = harness(2);
    const all = ['a', 'b', 'c', 'd', 'e'].map((x) => h.batcher.add(x));
    await settle();
    expect(h.batches).toEqual([['a', 'b'], ['c', 'd']]);
    let closed = false;
    const closing = h.batcher.close().then(() => (closed = true));
    await settle();
    expect(h.batches).toHaveLength(2);
    h.gates[1]?.resolve(); // the second ends first: a slot frees, 'e' starts
    await settle();
    expect(h.batches[2]).toEqual(['e']);
    h.gates[2]?.resolve();
    await settle();
    expect(closed).toBe(false);
    h.gates[0]?.resolve();
    await closing;
    expect(h.batches).toHaveLength(3);
    expect(await Promise.all(all)).toEqual(['a', 'b', 'c', 'd', 'e'].map((x) => `ok:${x}`));
    await h.timers.advance(BATCH_MAX_AGE_MS * 2);
    expect(h.batches).toHaveLength(3);
  });

  it('close() with one flush running and an age timer pending starts the partial batch at once; the timer fires nothing later', async () => {
    const h = harness(2);
    const all = ['a', 'b', 'c'].map((x) => h.batcher.add(x));
    await settle();
    expect(h.batches).toEqual([['a', 'b']]); // 'c' waits for its age (one slot free)
    const closing = h.batcher.close();
    await settle();
    expect(h.batches).toEqual([['a', 'b'], ['c']]);
    h.gates[0]?.resolve();
    h.gates[1]?.resolve();
    await closing;
    await h.timers.advance(BATCH_MAX_AGE_MS * 2);
    expect(h.batches).toHaveLength(2);
    expect(await Promise.all(all)).toEqual(['ok:a', 'ok:b', 'ok:c']);
  });
});

describe('write pipeline: restart (LevelDB)', () => {
  it('duplicates answered from memory during the pipeline are the receipts LevelDB returns after a restart', async () => {
    const dir = await tempDir(dirs);
    const { log, s, w1, a } = await firstWriteHeld(await openLevelStore(dir));
    const b = log.append([e('X', 1), e('B', 3)]);
    await until(() => s.lookupsDone === 2, 'second lookup done');
    w1.resolve();
    const [ra, rb] = await Promise.all([a, b]);
    expect(rb[0]).toEqual(ra[0]);
    await log.close();

    const again = await openService(await openLevelStore(dir), { limits: TWO });
    expect(await again.append([e('X', 1), e('B', 3)])).toEqual([ra[0], rb[1]]);
    await expectCode(again.append([e('X', 1, 'changed'), e('N', 9)]), 'LOG_ID_CONFLICT');
    expect(again.stats().size).toBe(3);
    for (const r of [...ra, ...rb]) verifyReceipt(r, ORIGIN, verifier, hasher);
    await again.close();
  });
});

describe('write pipeline: a store that throws at once', () => {
  // flush is not `async` (it starts the lookup at once), so it catches a synchronous throw itself.
  // The batcher would catch one too (next test), but a direct caller expects a promise.
  it('sequencer.flush reports a store lookup that throws synchronously as a rejection', async () => {
    const store = createMemoryStore();
    store.getReceipts = () => {
      throw new Error('sync lookup failure');
    };
    const seq = emptySequencer(store);
    let outcome: string;
    try {
      const p = seq.flush([[prepareEntry(hasher, 'X', leaf(1))]]);
      outcome = await p.then(
        () => 'resolved',
        () => 'rejected',
      );
    } catch {
      outcome = 'threw synchronously';
    }
    expect(outcome).toBe('rejected');
  });

  it('through the service a synchronously throwing lookup only fails that batch (the batcher catches it)', async () => {
    const store = createMemoryStore();
    const log = await openService(store, { limits: TWO });
    const real = store.getReceipts.bind(store);
    let fail = true;
    store.getReceipts = (ids) => {
      if (fail) throw new Error('sync lookup failure');
      return real(ids);
    };
    await expect(log.append([e('X', 1), e('A', 2)])).rejects.toThrow('sync lookup failure');
    fail = false;
    expect((await log.append([e('X', 1), e('A', 2)])).map((r) => r.index)).toEqual([0, 1]);
    await log.close();
  });
});
