// The anchorer against a real log engine (memory store) and the embedded ledger on LevelDB.
// Timings are tiny so retries happen fast; no assertion is about time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElcError, generateEd25519Key, isElcError, newSigner } from '@elc/core';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedLedger } from '../ledger/index.js';
import type { Anchor, EmbeddedLedger, LedgerPort } from '../ledger/index.js';
import { createLogService, createMemoryStore } from '../log/index.js';
import type { LogService } from '../log/index.js';
import { createAnchorer } from './anchorer.js';
import type { Anchorer, AnchorerOptions } from './anchorer.js';
import { registerAnchorerMetrics } from './metrics.js';

const ORIGIN = 'elc.example/log/anchorer-test';
const KEY = generateEd25519Key(ORIGIN);
const FAST = { pollIntervalMs: 5, retryInitialMs: 1, retryMaxMs: 4 };

let dir: string;
let log: LogService;
let ledger: EmbeddedLedger;
const anchorers: Anchorer[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'elc-anchor-'));
  log = await createLogService({ store: createMemoryStore(), hashAlg: 'sha256', origin: ORIGIN, signer: newSigner(KEY.skey), verifierKey: KEY.vkey, limits: { batchMaxAgeMs: 2, checkpointIntervalMs: 5 } });
  ledger = await openEmbeddedLedger({ dataDir: dir, region: '370000' });
});

afterEach(async () => {
  await Promise.all(anchorers.splice(0).map((a) => a.close()));
  await log.close();
  await ledger.close();
  await rm(dir, { recursive: true, force: true });
});

let appended = 0;
/** Appends n entries and waits for a checkpoint covering them; returns its size. */
async function grow(n: number): Promise<number> {
  const entries = Array.from({ length: n }, () => {
    const i = appended++;
    return { id: `e-${i}`, leaf: new TextEncoder().encode(`{"v":1,"n":${i}}`) };
  });
  await log.append(entries);
  return (await log.waitForCheckpoint(log.stats().size)).size;
}

function anchorer(over: Partial<AnchorerOptions> = {}): Anchorer {
  const a = createAnchorer({ source: log, ledger, region: '370000', ...FAST, ...over });
  anchorers.push(a);
  return a;
}

async function anchoredSizes(port: LedgerPort = ledger): Promise<number[]> {
  return (await port.listAnchors(ORIGIN, { pageSize: 100 })).anchors.map((a) => a.size);
}

describe('anchorer', () => {
  it('registers the log once and anchors each new checkpoint with a proof from the last anchored size', async () => {
    const a = anchorer();
    await a.start();
    expect((await ledger.getLog(ORIGIN))?.keys.map((k) => k.vkey)).toEqual([KEY.vkey]);
    const s1 = await grow(3);
    const first = await a.waitForAnchor(s1);
    expect(first).toMatchObject({ origin: ORIGIN, size: s1, channel: 'elc' });
    const s2 = await grow(10);
    a.notify();
    const second = await a.waitForAnchor(s2);
    expect(second.size).toBe(s2);
    expect(second.blockNumber).toBeGreaterThan(first.blockNumber);
    expect(await ledger.getLatestAnchor(ORIGIN)).toEqual(second);
    expect(second.note).toBe((await log.latestCheckpoint()).note);
    expect(a.backlog()).toMatchObject({ checkpointSize: s2, anchoredSize: s2, entries: 0, pendingSince: undefined, pendingMs: 0, consecutiveFailures: 0 });
    expect(await anchoredSizes()).toEqual([s1, s2]);
  });

  it('on restart reads the latest anchor from the ledger: nothing new means no transaction; new entries are anchored from there', async () => {
    const before = anchorer();
    await before.start();
    const s1 = await grow(5);
    await before.waitForAnchor(s1);
    await before.close();
    // restart the gateway's ledger and anchorer (the log is durable)
    await ledger.close();
    ledger = await openEmbeddedLedger({ dataDir: dir, region: '370000' });
    const height = ledger.height();

    const after = anchorer();
    await after.start();
    expect(after.latestAnchor()?.size).toBe(s1);
    await after.waitForAnchor(s1);
    const s2 = await grow(7);
    const anchor = await after.waitForAnchor(s2);
    expect(anchor.size).toBe(s2);
    expect(await anchoredSizes()).toEqual([s1, s2]);
    expect(ledger.height()).toBe(height + 1); // one block: the new anchor; no re-registration, no replay
  });

  it('an anchor whose answer was lost is found on the ledger, not submitted again', async () => {
    let calls = 0;
    const lossy: AnchorerOptions['ledger'] = {
      ensureLogRegistered: (i) => ledger.ensureLogRegistered(i),
      getLatestAnchor: (o) => ledger.getLatestAnchor(o),
      async anchorCheckpoint(o, note, proof) {
        calls++;
        await ledger.anchorCheckpoint(o, note, proof);
        throw new ElcError('LEDGER_UNAVAILABLE', 'the answer was lost on the way back');
      },
    };
    const errors: unknown[] = [];
    const a = anchorer({ ledger: lossy, onError: (e) => errors.push(e) });
    await a.start();
    const s = await grow(4);
    const got = await a.waitForAnchor(s);
    expect(got.size).toBe(s);
    expect(calls).toBe(1);
    expect(errors.map((e) => (isElcError(e) ? e.code : e))).toEqual(['LEDGER_UNAVAILABLE']);
    expect(await anchoredSizes()).toEqual([s]);
  });

  it('retries with backoff and shows the failures in its backlog until the ledger answers', async () => {
    let failuresLeft = 3;
    const backlogs: ReturnType<Anchorer['backlog']>[] = [];
    const flaky: AnchorerOptions['ledger'] = {
      ensureLogRegistered: (i) => ledger.ensureLogRegistered(i),
      getLatestAnchor: (o) => ledger.getLatestAnchor(o),
      anchorCheckpoint(o, note, proof) {
        if (failuresLeft-- > 0) return Promise.reject(new ElcError('LEDGER_UNAVAILABLE', 'peer down'));
        return ledger.anchorCheckpoint(o, note, proof);
      },
    };
    const a: Anchorer = anchorer({ ledger: flaky, onError: () => backlogs.push(a.backlog()) });
    await a.start();
    const s = await grow(6);
    await a.waitForAnchor(s);
    expect(backlogs.map((b) => [b.consecutiveFailures, b.lastErrorCode, b.entries])).toEqual([
      [1, 'LEDGER_UNAVAILABLE', s],
      [2, 'LEDGER_UNAVAILABLE', s],
      [3, 'LEDGER_UNAVAILABLE', s],
    ]);
    expect(backlogs.every((b) => b.pendingSince !== undefined)).toBe(true);
    expect(a.backlog()).toMatchObject({ consecutiveFailures: 0, lastErrorCode: undefined, entries: 0, pendingSince: undefined });
  });

  it('when another gateway anchored further, the refused proof is rebuilt from the new latest anchor', async () => {
    const errors: string[] = [];
    const a = anchorer({ onError: (e) => errors.push(isElcError(e) ? e.code : String(e)) });
    await a.start();
    const s1 = await grow(3);
    await a.waitForAnchor(s1);
    // another anchorer of the same log puts a later checkpoint on the ledger
    const s2 = await grow(5);
    const cp2 = await log.latestCheckpoint();
    await ledger.anchorCheckpoint(ORIGIN, cp2.note, (await log.consistencyProof(s1, s2)).proof);
    const s3 = await grow(9);
    const got = await a.waitForAnchor(s3);
    expect(got.size).toBe(s3);
    expect(await anchoredSizes()).toEqual([s1, s2, s3]);
    // our first try (a proof from s1) was refused, unless the poll saw s2's anchor first
    expect(errors.every((c) => c === 'ANCHOR_INCONSISTENT')).toBe(true);
  });

  it('waitForAnchor anchors as soon as the log checkpoints the size, without waiting for a poll', async () => {
    const a = anchorer({ pollIntervalMs: 3_600_000 });
    await a.start();
    const entries = Array.from({ length: 6 }, (_, k) => ({ id: `w-${k}`, leaf: new TextEncoder().encode(`{"v":1,"w":${k}}`) }));
    const receipts = await log.append(entries);
    const size = (receipts.at(-1)?.index ?? 0) + 1;
    const anchor = await a.waitForAnchor(size);
    expect(anchor.size).toBeGreaterThanOrEqual(size);
    expect(await ledger.getLatestAnchor(ORIGIN)).toEqual(anchor);
  });

  it('waitForAnchor: aborted by its signal, rejected on close', async () => {
    const a = anchorer({ pollIntervalMs: 60_000 });
    await a.start();
    const stop = new AbortController();
    const aborted = a.waitForAnchor(1_000, { signal: stop.signal });
    stop.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ANCHOR_WAIT_ABORTED' });
    const pending = a.waitForAnchor(1_000);
    await a.close();
    await expect(pending).rejects.toMatchObject({ code: 'ANCHORER_CLOSED' });
  });

  it('exposes its backlog as Prometheus gauges', async () => {
    const registry = new Registry();
    const a = anchorer();
    registerAnchorerMetrics(registry, () => a);
    await a.start();
    const s = await grow(8);
    const anchor: Anchor = await a.waitForAnchor(s);
    const text = await registry.metrics();
    expect(text).toContain(`elc_anchor_anchored_size ${anchor.size}`);
    expect(text).toContain('elc_anchor_backlog_entries 0');
    expect(text).toContain('elc_anchor_consecutive_failures 0');
  });
});
