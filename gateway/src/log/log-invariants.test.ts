// Invariants 1 and 7 at the engine's level: an ack waits for the durable write; reads never
// block writes; the write path never waits on a reader or a waiting client.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';
import { entries, openService } from './log-service.test-support.js';
import type { LogStore } from './store.js';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

describe('log invariants', () => {
  it('acknowledges an append only after the store has written its batch', async () => {
    const store = createMemoryStore();
    const write = store.append.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written = false;
    const gated: LogStore = {
      ...store,
      append: async (w) => {
        await gate;
        await write(w);
        written = true;
      },
    };
    const log = await openService(gated);
    let acked = false;
    const pending = log.append(entries(0, 3)).then((r) => ((acked = true), r));
    await new Promise((r) => setTimeout(r, 30)); // several batch ages: the batch is flushing, held at the gate
    expect(acked).toBe(false);
    expect(log.stats()).toMatchObject({ size: 0, pending: 3 });
    release();
    const receipts = await pending;
    expect(written).toBe(true);
    expect(receipts.map((r) => r.index)).toEqual([0, 1, 2]);
    await log.close();
  });

  it('keeps appending and checkpointing while reads hang in the store and clients wait', async () => {
    const store = createMemoryStore();
    const log = await openService(store);
    await log.append(entries(0, 300));
    // from now on every store read hangs (a stuck disk, a slow range scan)
    store.getEntry = () => never();
    store.getEntries = () => never();
    store.getTiles = () => never();
    const hanging = [log.entry(5), log.readEntryBundle(0), log.waitForCheckpoint(300, { signal: AbortSignal.abort() }).catch(() => 'aborted')];
    const waiting = log.waitForCheckpoint(300);
    const more = await log.append(entries(300, 2));
    expect(more.map((r) => r.index)).toEqual([300, 301]);
    expect((await waiting).size).toBeGreaterThanOrEqual(300);
    // proofs of the latest checkpoint come from memory (cached full tiles, committed edge tiles)
    const cp = await log.waitForCheckpoint(302);
    expect((await log.inclusionProof(299, cp.size)).size).toBe(cp.size);
    expect(await Promise.race([Promise.all(hanging.slice(0, 2)).then(() => 'settled'), Promise.resolve('still hanging')])).toBe('still hanging');
    await log.close();
  });
});
