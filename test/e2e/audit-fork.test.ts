// "A forged checkpoint (a second log with the same origin and key, diverging) is refused at
// anchoring and reported by `elc audit`."
//
// Log A is the real log: the log engine in a temp dir, anchored on the embedded ledger (the real
// chaincode). Log B is a second log engine holding A's very key (log.skey copied) whose entries
// diverge from index 3. The chaincode refuses B's checkpoints. Then `elc audit` runs against a
// small HTTP server on 127.0.0.1 that serves the gateway's read routes (checkpoint, tiles,
// consistency proofs, anchors) over a real log engine and the real ledger: first over A (audit
// passes), then over B with the ledger's real anchors (what a gateway serving a swapped log would
// show) — audit reports the fork. This server is a stand-in for the gateway's routes only, so the
// test does not depend on the gateway wiring; the same audit runs against the real gateway in
// test/e2e/verify-gateway.test.ts.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '@elc/core';
import { parseTilePath } from '@elc/core/tiles';
import { openEmbeddedLedger, isLedgerRefusal, type EmbeddedLedger } from '../../gateway/src/ledger/index.js';
import { openLogService, type LogService } from '../../gateway/src/log/index.js';
import { repoRoot } from '../support/paths.js';

const run = promisify(execFile);
const cliMain = join(repoRoot, 'gateway', 'dist', 'cli', 'main.js');
const ORIGIN = 'audit.example/log/370000';
const REGION = '370000';
const FAST = { batchMaxAgeMs: 2, checkpointIntervalMs: 5 };
const leaf = (i: number, fork = '') => new TextEncoder().encode(`{"v":1,"n":${i}${fork}}`);
const entries = (from: number, to: number, fork = '') => Array.from({ length: to - from }, (_, k) => ({ id: `e-${from + k}`, leaf: leaf(from + k, fork) }));

/** Appends exactly up to `size` and returns the checkpoint of that size. */
async function grow(log: LogService, from: number, to: number, fork = '') {
  await log.append(entries(from, to, fork));
  const cp = await log.waitForCheckpoint(to);
  expect(cp.size).toBe(to);
  return cp;
}

/** The gateway's read routes over a log engine and a ledger (no auth: a test stand-in). */
function serve(log: LogService, ledger: EmbeddedLedger): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (status: number, type: string, body: string | Uint8Array) => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      try {
        if (url.pathname === '/v1/log/checkpoint') return send(200, 'text/plain', (await log.latestCheckpoint()).note);
        if (url.pathname.startsWith('/tile/')) {
          const addr = parseTilePath(url.pathname.slice('/tile/'.length));
          if (addr?.kind !== 'hashes') return send(404, 'application/json', '{"error":{"code":"TILE_NOT_FOUND"}}');
          return send(200, 'application/octet-stream', await log.readTile(addr.level, addr.index, addr.width));
        }
        if (url.pathname === '/v1/log/proof/consistency') {
          const p = await log.consistencyProof(Number(url.searchParams.get('from')), Number(url.searchParams.get('to')));
          return send(200, 'application/json', JSON.stringify({ from: p.from, to: p.to, proof: p.proof.map(toBase64), fromRoot: toBase64(p.fromRoot), toRoot: toBase64(p.toRoot) }));
        }
        if (url.pathname === '/v1/anchors') {
          const page = await ledger.listAnchors(ORIGIN, { pageSize: Number(url.searchParams.get('pageSize') ?? '100'), bookmark: url.searchParams.get('bookmark') ?? '' });
          return send(200, 'application/json', JSON.stringify(page));
        }
        return send(404, 'application/json', '{"error":{"code":"NOT_FOUND"}}');
      } catch (e) {
        const code = (e as { code?: string }).code ?? 'INTERNAL';
        return send(code.startsWith('LOG_') ? 400 : 500, 'application/json', JSON.stringify({ error: { code, message: 'refused' } }));
      }
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

async function audit(url: string, keyFile: string, extra: string[] = []): Promise<{ code: number; stdout: string; json: { ok: boolean; codes: string[]; checks: { id: string; ok: boolean; code?: string }[] } }> {
  const r = await run(process.execPath, [cliMain, 'audit', '--url', url, '--log-key', keyFile, '--json', ...extra], { env: { ...process.env, ELC_TOKEN: 'unused-by-the-stand-in' } }).then(
    (x) => ({ code: 0, stdout: x.stdout }),
    (e: { code?: number; stdout?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '' }),
  );
  return { ...r, json: JSON.parse(r.stdout) as { ok: boolean; codes: string[]; checks: { id: string; ok: boolean; code?: string }[] } };
}

describe('elc audit: a forged log with the same origin and key', () => {
  const dirs: string[] = [];
  let a: LogService;
  let b: LogService;
  let ledger: EmbeddedLedger;
  let keyFile: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    const dirA = await mkdtemp(join(tmpdir(), 'elc-audit-a-'));
    const dirB = await mkdtemp(join(tmpdir(), 'elc-audit-b-'));
    dirs.push(dirA, dirB);
    a = await openLogService({ dataDir: dirA, origin: ORIGIN, hashAlg: 'sha256', limits: FAST });
    await mkdir(dirB, { recursive: true });
    await copyFile(join(dirA, 'log.skey'), join(dirB, 'log.skey'));
    b = await openLogService({ dataDir: dirB, origin: ORIGIN, hashAlg: 'sha256', limits: FAST });
    expect(b.verifierKey).toBe(a.verifierKey);
    keyFile = join(dirA, 'pinned.vkey');
    await writeFile(keyFile, `${a.verifierKey ?? ''}\n`);
    ledger = await openEmbeddedLedger({ dataDir: dirA, region: REGION });
    await ledger.registerLog({ origin: ORIGIN, vkey: a.verifierKey ?? '', hashAlg: 'sha256', region: REGION });
    // A: anchored at 5, 10 and 20.
    let prev = 0;
    for (const size of [5, 10, 20]) {
      const cp = await grow(a, prev, size);
      const proof = prev === 0 ? [] : (await a.consistencyProof(prev, size)).proof;
      await ledger.anchorCheckpoint(ORIGIN, cp.note, proof);
      prev = size;
    }
    // B: the same first 3 entries, then others; checkpoints at 20 and 24, signed with A's key.
    await b.append(entries(0, 3));
    await grow(b, 3, 20, ',"forged":true');
  }, 60_000);

  afterAll(async () => {
    for (const s of servers) s.close();
    await a.close();
    await b.close();
    await ledger.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('the chaincode refuses the forged checkpoints: same size (fork) and larger (inconsistent)', async () => {
    const same = await b.latestCheckpoint();
    const refusal = await ledger.anchorCheckpoint(ORIGIN, same.note, []).catch((e: unknown) => e);
    expect(isLedgerRefusal(refusal) && refusal.code).toBe('ANCHOR_FORK_SAME_SIZE');
    const bigger = await grow(b, 20, 24, ',"forged":true');
    const proof = (await b.consistencyProof(20, 24)).proof;
    const refusal2 = await ledger.anchorCheckpoint(ORIGIN, bigger.note, proof).catch((e: unknown) => e);
    expect(isLedgerRefusal(refusal2) && refusal2.code).toBe('ANCHOR_INCONSISTENT');
    expect((await ledger.getLatestAnchor(ORIGIN))?.size).toBe(20);
  });

  it('audits the real log clean (exit 0): tiles give the root, every anchor consistent with the next', async () => {
    await grow(a, 20, 23); // an unanchored tail: a warning, not a failure
    const { url, server } = await serve(a, ledger);
    servers.push(server);
    const r = await audit(url, keyFile);
    expect(r.code).toBe(0);
    expect(r.json.ok).toBe(true);
    expect(r.json.checks.map((c) => c.id)).toEqual(['checkpoint', 'tiles', 'anchors', 'consistency.5-10', 'consistency.10-20', 'latest']);
  });

  it('reports the forged log served against the real anchors as a fork (exit 1)', async () => {
    const { url, server } = await serve(b, ledger);
    servers.push(server);
    const r = await audit(url, keyFile);
    expect(r.code).toBe(1);
    expect(r.json.ok).toBe(false);
    // B's own tiles match its own checkpoint (it is a consistent log on its own) ...
    expect(r.json.checks.find((c) => c.id === 'tiles')?.ok).toBe(true);
    // ... but its proofs cannot join the anchored checkpoints, nor its latest the last anchored one.
    expect(r.json.checks.find((c) => c.id === 'consistency.5-10')?.code).toBe('AUDIT_INCONSISTENT');
    expect(r.json.checks.find((c) => c.id === 'latest')?.code).toBe('AUDIT_INCONSISTENT');
    expect(r.json.codes).toEqual(['AUDIT_INCONSISTENT']);
  });

  it('reports a forged checkpoint of an anchored size as AUDIT_FORK', async () => {
    // A third log with A's key and a different tree of exactly the last anchored size.
    const dirC = await mkdtemp(join(tmpdir(), 'elc-audit-c-'));
    dirs.push(dirC);
    await copyFile(join(dirs[0] ?? '', 'log.skey'), join(dirC, 'log.skey'));
    const c = await openLogService({ dataDir: dirC, origin: ORIGIN, hashAlg: 'sha256', limits: FAST });
    try {
      await grow(c, 0, 20, ',"c":1');
      const { url, server } = await serve(c, ledger);
      servers.push(server);
      const r = await audit(url, keyFile);
      expect(r.code).toBe(1);
      expect(r.json.checks.find((x) => x.id === 'latest')?.code).toBe('AUDIT_FORK');
    } finally {
      await c.close();
    }
  });

  it('a forger with his own ledger passes an audit of his gateway alone; anchors read from a trusted node expose him', async () => {
    // B anchors its own checkpoints on a ledger of its own (same origin, same key): self-consistent.
    const dirB = dirs[1] ?? '';
    const ledgerB = await openEmbeddedLedger({ dataDir: dirB, region: REGION });
    try {
      await ledgerB.registerLog({ origin: ORIGIN, vkey: b.verifierKey ?? '', hashAlg: 'sha256', region: REGION });
      await ledgerB.anchorCheckpoint(ORIGIN, (await b.latestCheckpoint()).note, []);
      const forged = await serve(b, ledgerB);
      const honest = await serve(a, ledger);
      servers.push(forged.server, honest.server);
      const alone = await audit(forged.url, keyFile);
      expect(alone.code).toBe(0); // what one gateway's own answers can show: nothing wrong
      const crossed = await audit(forged.url, keyFile, ['--anchors-url', honest.url]);
      expect(crossed.code).toBe(1);
      expect(crossed.json.codes).toContain('AUDIT_INCONSISTENT');
    } finally {
      await ledgerB.close();
    }
  });

  it('exits 2 for usage errors (no log key, bad URL)', async () => {
    const bad = await run(process.execPath, [cliMain, 'audit', '--url', 'ftp://x', '--log-key', keyFile]).catch((e: { code?: number; stderr?: string }) => e);
    expect((bad as { code?: number }).code).toBe(2);
    const noKey = await run(process.execPath, [cliMain, 'audit', '--url', 'http://127.0.0.1:1', '--log-key', 'not-a-key']).catch((e: { code?: number }) => e);
    expect((noKey as { code?: number }).code).toBe(2);
  });
});
