import { isElcError } from '@elc/core';
import { describe, expect, it } from 'vitest';
import { BATCH_MAX_AGE_MS, BATCH_MAX_SIZE, createBatcher } from './batcher.js';
import { Pushback } from './errors.js';
import { manualTimers, settle } from './log-service.test-support.js';

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A batcher over strings whose flush records batches; `gate` holds a flush open until released. */
function harness(opts: { maxSize?: number; maxPending?: number; concurrency?: number; weight?: (s: string) => number } = {}) {
  const timers = manualTimers();
  const batches: string[][] = [];
  let running = 0;
  let maxRunning = 0;
  let gate: { promise: Promise<void>; resolve(): void } | undefined;
  const batcher = createBatcher<string, string>({
    ...opts,
    timers,
    async flush(items) {
      running++;
      maxRunning = Math.max(maxRunning, running);
      batches.push([...items]);
      if (gate) await gate.promise;
      running--;
      return items.map((s) => (s.startsWith('bad') ? new Error(`refused ${s}`) : `ok:${s}`));
    },
  });
  return {
    timers,
    batches,
    batcher,
    maxRunning: () => maxRunning,
    hold: () => (gate = deferred()),
    release: () => {
      gate?.resolve();
      gate = undefined;
    },
  };
}

describe('batcher', () => {
  it("has the named defaults (tessera's size, a 10 ms age)", () => {
    expect(BATCH_MAX_SIZE).toBe(256);
    expect(BATCH_MAX_AGE_MS).toBe(10);
  });

  it('flushes as soon as a batch is full, without waiting for the age', async () => {
    const h = harness({ maxSize: 4 });
    const results = Promise.all(['a', 'b', 'c', 'd'].map((s) => h.batcher.add(s)));
    await settle();
    expect(h.batches).toEqual([['a', 'b', 'c', 'd']]);
    expect(await results).toEqual(['ok:a', 'ok:b', 'ok:c', 'ok:d']);
  });

  it('flushes a partial batch when its oldest item reaches the max age', async () => {
    const h = harness({ maxSize: 4 });
    const half = Math.floor(BATCH_MAX_AGE_MS / 2);
    const a = h.batcher.add('a');
    await h.timers.advance(half);
    const b = h.batcher.add('b');
    await h.timers.advance(BATCH_MAX_AGE_MS - half - 1);
    expect(h.batches).toEqual([]);
    expect(h.batcher.pending).toBe(2);
    await h.timers.advance(1);
    expect(h.batches).toEqual([['a', 'b']]);
    expect([await a, await b]).toEqual(['ok:a', 'ok:b']);
    expect(h.batcher.pending).toBe(0);
  });

  it('never splits an item and never overfills a batch', async () => {
    const h = harness({ maxSize: 4, weight: (s) => s.length });
    const p = [h.batcher.add('xxx'), h.batcher.add('yy'), h.batcher.add('z')];
    await settle();
    expect(h.batches).toEqual([['xxx']]);
    await h.timers.advance(BATCH_MAX_AGE_MS);
    expect(h.batches).toEqual([['xxx'], ['yy', 'z']]);
    expect(await Promise.all(p)).toEqual(['ok:xxx', 'ok:yy', 'ok:z']);
  });

  it('runs one flush at a time and groups what arrives meanwhile into the next', async () => {
    const h = harness({ maxSize: 2 });
    h.hold();
    const first = [h.batcher.add('a'), h.batcher.add('b')];
    const later = [h.batcher.add('c'), h.batcher.add('d'), h.batcher.add('e')];
    await settle();
    expect(h.batches).toEqual([['a', 'b']]);
    h.release();
    await settle();
    expect(h.batches).toEqual([['a', 'b'], ['c', 'd']]);
    await h.timers.advance(BATCH_MAX_AGE_MS);
    expect(h.batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(await Promise.all([...first, ...later])).toEqual(['ok:a', 'ok:b', 'ok:c', 'ok:d', 'ok:e']);
    expect(h.maxRunning()).toBe(1);
  });

  it('with concurrency 2 starts the next batch beside a running flush, never a third, and counts both as pending', async () => {
    const h = harness({ maxSize: 2, maxPending: 6, concurrency: 2 });
    h.hold();
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => h.batcher.add(s));
    await settle();
    expect(h.batches).toEqual([['a', 'b'], ['c', 'd']]);
    expect(h.batcher.pending).toBe(6);
    expect(await h.batcher.add('g').catch((e: unknown) => e)).toBeInstanceOf(Pushback);
    const closing = h.batcher.close();
    let closed = false;
    void closing.then(() => (closed = true));
    await settle();
    expect(closed).toBe(false); // close waits for both running flushes
    h.release();
    await closing;
    expect(h.batches).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    expect(await Promise.all(all)).toEqual(['ok:a', 'ok:b', 'ok:c', 'ok:d', 'ok:e', 'ok:f']);
    expect(h.maxRunning()).toBe(2);
    expect(h.batcher.pending).toBe(0);
  });

  it('refuses a concurrency that is not a positive integer', () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      let e: unknown;
      try {
        createBatcher<string, string>({ concurrency, flush: (items) => Promise.resolve([...items]) });
      } catch (err) {
        e = err;
      }
      expect(isElcError(e, 'LOG_LIMIT_INVALID')).toBe(true);
    }
  });

  it('pushes back when queued plus in-flight weight would pass the bound, and recovers', async () => {
    const h = harness({ maxSize: 2, maxPending: 3 });
    h.hold();
    const accepted = [h.batcher.add('a'), h.batcher.add('b'), h.batcher.add('c')];
    await settle();
    expect(h.batcher.pending).toBe(3);
    const refused = await h.batcher.add('d').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Pushback);
    expect(isElcError(refused, 'LOG_PUSHBACK')).toBe(true);
    expect((refused as Pushback).retryAfterSeconds).toBeGreaterThan(0);
    h.release();
    await settle();
    expect(h.batcher.pending).toBe(1);
    const d = h.batcher.add('d');
    await h.timers.advance(BATCH_MAX_AGE_MS);
    expect(await Promise.all([...accepted, d])).toEqual(['ok:a', 'ok:b', 'ok:c', 'ok:d']);
    expect(h.batches.flat()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses an item heavier than the whole queue bound', async () => {
    const h = harness({ maxPending: 3, weight: (s) => s.length });
    const e = await h.batcher.add('xxxx').catch((err: unknown) => err);
    expect(isElcError(e, 'LOG_APPEND_TOO_LARGE')).toBe(true);
  });

  it('fails only the items the flush refused, and all items when the flush throws', async () => {
    const h = harness({ maxSize: 2 });
    const [good, bad] = [h.batcher.add('a'), h.batcher.add('bad1')];
    expect(await good).toBe('ok:a');
    await expect(bad).rejects.toThrow('refused bad1');

    const failing = createBatcher<string, string>({ maxSize: 2, flush: () => Promise.reject(new Error('disk gone')) });
    const all = [failing.add('x'), failing.add('y')];
    for (const p of all) await expect(p).rejects.toThrow('disk gone');
  });

  it('close flushes everything accepted at once, then refuses new items', async () => {
    const h = harness({ maxSize: 10 });
    const p = [h.batcher.add('a'), h.batcher.add('b')];
    await h.batcher.close();
    expect(h.batches).toEqual([['a', 'b']]);
    expect(await Promise.all(p)).toEqual(['ok:a', 'ok:b']);
    const e = await h.batcher.add('c').catch((err: unknown) => err);
    expect(isElcError(e, 'LOG_CLOSED')).toBe(true);
  });
});
