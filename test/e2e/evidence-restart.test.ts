// "Restarting the gateway mid-anchoring loses no anchor and never anchors twice" , and
// "a TSA failure must not lose or block anchoring": a real gateway (in process, real HTTP, the
// embedded ledger) is closed right after ingest, before its anchorer caught up, and reopened on
// the same data dir, several times; then the anchors on the ledger are checked one by one, and
// every anchored checkpoint's token. A run with an unreachable TSA anchors anyway and leaves the
// tokens pending; the next start with a working TSA supplies them.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, pemToDer, utf8, verifyTimestampToken } from '@elc/core';
import { createGateway, type Gateway } from '../../gateway/src/app.js';
import { openEmbeddedLedger } from '../../gateway/src/ledger/index.js';
import { ensureDevIssuer, issueToken } from '../../gateway/src/auth/dev-issuer.js';
import { configFrom } from '../../gateway/src/config.js';
import { makeEvents } from '../../gateway/test/support/events.js';
import { checkConsistency, openNoteCheckpoint, type ConsistencyJson } from '../../gateway/test/support/verify.js';

const ORIGIN = 'elc.test/log/restart';
const ROUNDS = 4;
const BATCHES_PER_ROUND = 5;
const BATCH = 20;

interface AnchorJson {
  size: number;
  rootHash: string;
  txId: string;
  blockNumber: number;
  note: string;
}

interface Running {
  gw: Gateway;
  url: string;
  vendor: string;
  regulator: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('restarts mid-anchoring and TSA outages', () => {
  let dataDir: string;

  async function start(env: Record<string, string> = {}): Promise<Running> {
    const config = configFrom({
      ELC_PORT: '0',
      ELC_HOST: '127.0.0.1',
      ELC_DATA_DIR: dataDir,
      ELC_ORIGIN: ORIGIN,
      ELC_LOG_LEVEL: 'silent',
      ELC_BATCH_MAX_AGE_MS: '5',
      ELC_CHECKPOINT_INTERVAL_MS: '20',
      ELC_INGEST_WORKERS: '0',
      ...env,
    });
    const gw = await createGateway(config);
    const url = `http://127.0.0.1:${await gw.start()}`;
    const key = await ensureDevIssuer(config.dataDir, config.jwksPath);
    const opts = { issuer: config.jwtIssuer, audience: config.jwtAudience, ttlSeconds: 600 };
    return {
      gw,
      url,
      vendor: await issueToken(key, { role: 'vendor', org: 'vendor-r', region: '370102' }, opts),
      regulator: await issueToken(key, { role: 'regulator', org: 'reg-sd', region: '370000' }, opts),
    };
  }

  async function post(r: Running, events: unknown[], query = ''): Promise<Response> {
    return fetch(`${r.url}/v1/events${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${r.vendor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
  }

  async function allAnchors(r: Running): Promise<AnchorJson[]> {
    const out: AnchorJson[] = [];
    let bookmark = '';
    for (;;) {
      const res = await fetch(`${r.url}/v1/anchors?pageSize=7&bookmark=${encodeURIComponent(bookmark)}`, { headers: { authorization: `Bearer ${r.regulator}` } });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { anchors: AnchorJson[]; bookmark: string };
      out.push(...page.anchors);
      if (page.bookmark === '') return out;
      bookmark = page.bookmark;
    }
  }

  async function tokenOf(r: Running, size: number): Promise<{ token: string; local: boolean } | null> {
    const res = await fetch(`${r.url}/v1/anchors?size=${size}`, { headers: { authorization: `Bearer ${r.regulator}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { timestamp: { token: string; local: boolean } | null }).timestamp;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'elc-restart-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no anchor and never anchors twice across restarts between checkpoints and anchors', async () => {
    let next = 0;
    let acked = 0;
    let interrupted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const r = await start();
      for (let b = 0; b < BATCHES_PER_ROUND; b++) {
        const res = await post(r, makeEvents(next, BATCH));
        expect(res.status).toBe(202);
        const { receipts } = (await res.json()) as { receipts: { index: number }[] };
        acked = Math.max(acked, ...receipts.map((x) => x.index + 1));
        next += BATCH;
      }
      // Close at once: the last checkpoints are signed but (mostly) not yet anchored.
      const metrics = await (await fetch(`${r.url}/metrics`)).text();
      if (Number(/^elc_anchor_anchored_size (\d+)/m.exec(metrics)?.[1] ?? '0') < acked) interrupted++;
      await r.gw.close();
    }

    // The point of the test: at least one start found anchoring behind the log.
    expect(interrupted).toBeGreaterThan(0);
    const r = await start();
    let anchorCount: number | undefined;
    try {
      const last = await post(r, makeEvents(next, 1), '?wait=anchored');
      expect(last.status).toBe(200);
      acked += 1;
      const vkey = await (await fetch(`${r.url}/v1/log/key`)).text();
      const anchors = await allAnchors(r);
      expect(anchors.length).toBeGreaterThanOrEqual(2);
      // Nothing acknowledged is outside the anchored log.
      expect(anchors.at(-1)?.size).toBe(acked);
      const txIds = new Set<string>();
      let prev: AnchorJson | undefined;
      for (const a of anchors) {
        const cp = openNoteCheckpoint(a.note, vkey, ORIGIN);
        expect(cp.size).toBe(a.size);
        expect(Buffer.from(cp.rootHash).toString('base64')).toBe(a.rootHash);
        expect(txIds.has(a.txId)).toBe(false);
        txIds.add(a.txId);
        if (prev !== undefined) {
          expect(a.size).toBeGreaterThan(prev.size);
          expect(a.blockNumber).toBeGreaterThan(prev.blockNumber);
          const res = await fetch(`${r.url}/v1/log/proof/consistency?from=${prev.size}&to=${a.size}`, { headers: { authorization: `Bearer ${r.regulator}` } });
          checkConsistency((await res.json()) as ConsistencyJson, fromBase64(prev.rootHash), fromBase64(a.rootHash));
        }
        prev = a;
      }
      anchorCount = anchors.length;

      // Every anchored checkpoint gets its token, restarts notwithstanding.
      const root = pemToDer(await readFile(join(dataDir, 'tsa', 'root.pem'), 'utf8'));
      for (const a of anchors) {
        let t = await tokenOf(r, a.size);
        for (let i = 0; t === null && i < 100; i++) {
          await sleep(50);
          t = await tokenOf(r, a.size);
        }
        expect(t, `token of size ${a.size}`).not.toBeNull();
        await verifyTimestampToken(fromBase64(t?.token ?? ''), { data: utf8(a.note), trustedRoots: [root] });
      }
    } finally {
      await r.gw.close();
    }

    // On the chain itself: one AnchorCheckpoint transaction per anchor, never a second one.
    const ledger = await openEmbeddedLedger({ dataDir, region: '370000' });
    try {
      let anchorTxs = 0;
      for (let n = 0; n < ledger.height(); n++) {
        for (const tx of (await ledger.getBlock(n))?.txs ?? []) if (tx.fn === 'AnchorCheckpoint') anchorTxs++;
      }
      expect(anchorTxs).toBe(anchorCount);
      expect((await ledger.verifyChain()).problems).toEqual([]);
    } finally {
      await ledger.close();
    }
  });

  it('anchors while the TSA is unreachable, shows the backlog, and timestamps the backlog after a restart with a working TSA', async () => {
    const rootsPath = join(dataDir, 'remote-roots.pem');
    await writeFile(rootsPath, await readFile(join(dataDir, 'tsa', 'root.pem'), 'utf8'));
    // Port 9 (discard) on loopback: nothing listens, the connection is refused.
    const down = await start({ ELC_TSA_URL: 'http://127.0.0.1:9/tsa', ELC_TSA_ROOTS: rootsPath });
    const sizes: number[] = [];
    try {
      // Two anchors while the TSA is down: the earlier one is not the latest after the restart,
      // so only the durable pending record can bring it its token.
      for (const from of [100_000, 100_100]) {
        const res = await post(down, makeEvents(from, 3), '?wait=anchored');
        expect(res.status).toBe(200);
        sizes.push(((await res.json()) as { anchor: { size: number } }).anchor.size);
      }
      for (const size of sizes) expect(await tokenOf(down, size)).toBeNull();
      const metrics = await (await fetch(`${down.url}/metrics`)).text();
      expect(Number(/^elc_tsa_pending_checkpoints (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
      expect(Number(/^elc_tsa_consecutive_failures (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
      expect(Number(/^elc_anchor_anchored_size (\d+)/m.exec(metrics)?.[1])).toBe(sizes[1]);
    } finally {
      await down.gw.close();
    }

    const up = await start();
    try {
      for (const size of sizes) {
        let t = await tokenOf(up, size);
        for (let i = 0; t === null && i < 100; i++) {
          await sleep(50);
          t = await tokenOf(up, size);
        }
        expect(t?.local, `token of size ${size}`).toBe(true);
      }
    } finally {
      await up.gw.close();
    }
  });
});
