// Invariants 1 and 2 under kill -9: a child gateway under continuous ingest is SIGKILLed several
// times. After each restart every acknowledged event is in the log at its receipt's index (same
// leaf hash), no index holds two acknowledged ids, retries get their original receipts, and the
// new checkpoint is consistent with the last one seen before the kill.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogHasher, fromBase64, newVerifier, openCheckpoint, verifyConsistency, type Checkpoint } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { verifyReceipt, type Receipt } from '@elc/core/receipt';
import { makeEvent } from '../../gateway/test/support/events.js';
import { devToken, startChildGateway, type ChildGateway } from './support/child-gateway.js';

const KILLS = 3;
const CLIENTS = 2;
const BATCH = 25;
/** Each round ingests at least this long and until MIN_BATCHES were acknowledged (at most MAX_ROUND_MS). */
const INGEST_MS = 1200;
const MIN_BATCHES = 6;
const MAX_ROUND_MS = 20_000;
const ORIGIN = 'elc.test/log/crash';

const hasher = createLogHasher(nativeHashProvider('sha256'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash safety (kill -9 under load)', () => {
  let dataDir: string;
  let gw: ChildGateway | undefined;
  let vkey = '';
  let token = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'elc-crash-'));
  });
  afterAll(async () => {
    if (gw !== undefined && gw.child.exitCode === null) {
      gw.child.kill('SIGKILL');
      await gw.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  const env = { ELC_ORIGIN: ORIGIN, ELC_BATCH_MAX_AGE_MS: '20' };

  async function checkpointOf(url: string): Promise<Checkpoint> {
    const note = await (await fetch(`${url}/v1/log/checkpoint`)).text();
    return openCheckpoint(note, [newVerifier(vkey)], { origin: ORIGIN }).checkpoint;
  }

  async function post(url: string, events: unknown[]): Promise<Receipt[] | undefined> {
    try {
      const r = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      if (r.status !== 202) return undefined;
      return ((await r.json()) as { receipts: Receipt[] }).receipts;
    } catch {
      return undefined; // the connection died with the gateway: not acknowledged
    }
  }

  it(`keeps every acknowledged event at its index across ${KILLS} SIGKILLs`, async () => {
    gw = await startChildGateway(dataDir, env);
    vkey = (await (await fetch(`${gw.url}/v1/log/key`)).text()).trim();
    token = await devToken(dataDir, { org: 'crash-vendor', role: 'vendor', region: '370102' });

    const acked = new Map<string, Receipt>();
    const batches: { events: unknown[]; receipts: Receipt[] }[] = [];
    /** Batches without an answer (in flight at the kill). */
    const failed: unknown[][] = [];
    let next = 0;
    let lastSeen: Checkpoint = await checkpointOf(gw.url);

    for (let round = 0; round < KILLS; round++) {
      const url = gw.url;
      let stop = false;
      let roundBatches = 0;
      const clients = Array.from({ length: CLIENTS }, async () => {
        while (!stop) {
          const events = Array.from({ length: BATCH }, () => makeEvent(next++));
          const receipts = await post(url, events);
          if (receipts === undefined) {
            failed.push(events);
            continue;
          }
          expect(receipts).toHaveLength(BATCH);
          for (const r of receipts) acked.set(r.id, r);
          batches.push({ events, receipts });
          roundBatches++;
        }
      });
      const watcher = (async () => {
        while (!stop) {
          try {
            lastSeen = await checkpointOf(url);
          } catch {
            // the gateway is gone
          }
          await sleep(100);
        }
      })();
      const roundStart = Date.now();
      while (Date.now() - roundStart < MAX_ROUND_MS && (Date.now() - roundStart < INGEST_MS || roundBatches < MIN_BATCHES)) await sleep(50);
      // Kill with requests in flight, then let the clients notice.
      gw.child.kill('SIGKILL');
      const exit = await gw.exited;
      expect(exit.signal).toBe('SIGKILL');
      stop = true;
      await Promise.all([...clients, watcher]);
      expect(roundBatches, `round ${round}: too few acknowledged batches before the kill`).toBeGreaterThanOrEqual(MIN_BATCHES);

      gw = await startChildGateway(dataDir, env);
      const after = gw.url;
      expect((await (await fetch(`${after}/v1/log/key`)).text()).trim()).toBe(vkey);

      // Indices of acknowledged events are unique.
      const byIndex = new Map<number, string>();
      for (const r of acked.values()) {
        expect(byIndex.get(r.index), `index ${r.index} acknowledged twice`).toBeUndefined();
        byIndex.set(r.index, r.id);
      }
      // A batch in flight at the kill, retried, gets one index per event: the one its lost 202
      // would have carried (it was durable) or a new one, never a second copy; retrying again
      // changes nothing.
      for (const events of failed.splice(0)) {
        const receipts = await post(after, events);
        if (receipts === undefined) throw new Error('a retry after the restart was not acknowledged');
        for (const r of receipts) {
          expect(byIndex.get(r.index) ?? r.id, `index ${r.index} given to two events`).toBe(r.id);
          byIndex.set(r.index, r.id);
          acked.set(r.id, r);
        }
        expect(await post(after, events)).toEqual(receipts);
        for (const r of receipts) verifyReceipt(r, ORIGIN, newVerifier(vkey), hasher);
      }
      const maxIndex = Math.max(...[...acked.values()].map((r) => r.index));

      // Every acknowledged event is there, at its index, with its leaf hash.
      const all = [...acked.values()];
      for (let i = 0; i < all.length; i += 32) {
        await Promise.all(
          all.slice(i, i + 32).map(async (r) => {
            const e = await fetch(`${after}/v1/log/entries/${r.index}`, { headers: { authorization: `Bearer ${token}` } });
            expect(e.status).toBe(200);
            const body = (await e.json()) as { leafHash: string; entry: string };
            expect(body.leafHash).toBe(r.leafHash);
            expect(body.leafHash).toBe(Buffer.from(hasher.leafHash(fromBase64(body.entry))).toString('base64'));
          }),
        );
      }

      // The checkpoint after the restart covers the acknowledged entries and extends the old one.
      let now = await checkpointOf(after);
      for (let i = 0; i < 100 && now.size <= maxIndex; i++) {
        await sleep(100);
        now = await checkpointOf(after);
      }
      expect(now.size).toBeGreaterThan(maxIndex);
      expect(now.size).toBeGreaterThanOrEqual(lastSeen.size);
      if (lastSeen.size > 0) {
        const c = await fetch(`${after}/v1/log/proof/consistency?from=${lastSeen.size}&to=${now.size}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(c.status).toBe(200);
        const proof = ((await c.json()) as { proof: string[] }).proof.map((h) => fromBase64(h));
        verifyConsistency(hasher, lastSeen.size, now.size, proof, lastSeen.rootHash, now.rootHash);
      }
      lastSeen = now;

      // A retry of an acknowledged batch gets its original receipts and appends nothing.
      const sample = batches[Math.floor(batches.length / 2)];
      if (sample !== undefined) {
        const again = await post(after, sample.events);
        expect(again).toEqual(sample.receipts);
        // stored receipts (batch proofs and signatures) still verify after the kill
        for (const r of sample.receipts) verifyReceipt(r, ORIGIN, newVerifier(vkey), hasher);
      }
    }
    expect(acked.size).toBeGreaterThanOrEqual(KILLS * MIN_BATCHES * BATCH);

    // A graceful stop after all that exits cleanly.
    gw.child.kill('SIGTERM');
    expect((await gw.exited).code).toBe(0);
  });
});
