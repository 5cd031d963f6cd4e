import { createLogHasher, openCheckpoint, rootOfLeafHashes } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_INTERVAL_MS, createCheckpointer } from './checkpointer.js';
import { createMemoryStore } from './memory-store.js';
import { nativeLogSigner } from './native-signer.js';
import type { Committed } from './sequencer.js';
import { expectCode, KEY, manualTimers, ORIGIN, verifier } from './log-service.test-support.js';

const hasher = createLogHasher(nativeHashProvider('sha256'));
const treeOf = (size: number): Committed => ({
  size,
  root: rootOfLeafHashes(hasher, Array.from({ length: size }, (_, i) => hasher.leafHash(Uint8Array.of(i)))),
});

function harness() {
  const timers = manualTimers();
  const store = createMemoryStore();
  const errors: unknown[] = [];
  let tree = treeOf(0);
  const cp = createCheckpointer({
    store,
    origin: ORIGIN,
    signer: nativeLogSigner(KEY.skey),
    clock: () => 1_763_800_000_000 + timers.now(),
    timers,
    committed: () => tree,
    initial: undefined,
    onError: (e) => errors.push(e),
  });
  return { timers, store, errors, cp, grow: (n: number) => (tree = treeOf(n)) };
}

describe('checkpointer', () => {
  it('signs C2SP checkpoints of the committed tree and stores them before telling anyone', async () => {
    const h = harness();
    const c0 = await h.cp.publish();
    expect(c0.size).toBe(0);
    h.grow(5);
    const c5 = await h.cp.publish();
    const opened = openCheckpoint(c5.note, [verifier], { origin: ORIGIN });
    expect(opened.checkpoint).toEqual({ origin: ORIGIN, size: 5, rootHash: treeOf(5).root, extensions: [] });
    expect(await h.store.latestCheckpoint()).toEqual(c5);
    expect(await h.cp.publish()).toBe(c5); // not grown: nothing new
    expect((await h.store.listCheckpoints(0, 10)).map((c) => c.size)).toEqual([0, 5]);
  });

  it('publishes at most once per interval, and only when the tree grew', async () => {
    expect(CHECKPOINT_INTERVAL_MS).toBe(1000);
    const h = harness();
    await h.cp.publish(); // at t = 0
    h.cp.notify(); // not grown: no timer
    await h.timers.advance(5000);
    expect((await h.store.listCheckpoints(0, 10)).length).toBe(1);
    h.grow(2);
    h.cp.notify(); // grown, and the interval since t = 0 has passed: at once
    await h.timers.advance(0);
    expect(h.cp.latest()?.size).toBe(2);
    h.grow(3);
    h.cp.notify();
    h.grow(4);
    h.cp.notify();
    await h.timers.advance(999);
    expect(h.cp.latest()?.size).toBe(2);
    await h.timers.advance(1);
    expect(h.cp.latest()?.size).toBe(4);
    expect((await h.store.listCheckpoints(0, 10)).map((c) => c.size)).toEqual([0, 2, 4]);
  });

  it('resolves waiters when a covering checkpoint is stored, and rejects them on close', async () => {
    const h = harness();
    await h.cp.publish();
    h.grow(3);
    const w = h.cp.waitFor(3);
    const w2 = h.cp.waitFor(9);
    h.cp.notify();
    await h.timers.advance(CHECKPOINT_INTERVAL_MS);
    expect((await w).size).toBe(3);
    h.cp.close();
    await expectCode(w2, 'LOG_CLOSED');
  });

  it('reports a failed store write and retries after an interval', async () => {
    const h = harness();
    await h.cp.publish();
    const put = h.store.putCheckpoint.bind(h.store);
    let fail = true;
    h.store.putCheckpoint = (c) => (fail ? Promise.reject(new Error('disk')) : put(c));
    h.grow(1);
    h.cp.notify();
    await h.timers.advance(CHECKPOINT_INTERVAL_MS);
    expect(h.errors).toHaveLength(1);
    expect(h.cp.latest()?.size).toBe(0);
    fail = false; // no new notify: the retry is already scheduled
    await h.timers.advance(CHECKPOINT_INTERVAL_MS);
    expect(h.cp.latest()?.size).toBe(1);
  });
});
