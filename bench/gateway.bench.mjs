#!/usr/bin/env node
// Gateway benchmark (`npm run bench:gateway`). Starts the built gateway in its own process on the
// embedded defaults in a temp data dir (rate limit off, request logs at warn), then:
//   1. ingest: 8 concurrent clients post batches of 256 events and wait for the durable 202,
//      until the log holds FILL entries (default 1,000,000);
//   2. proofs: inclusion proofs at random indices of the latest checkpoint from PROOF_CLIENTS
//      concurrent connections of wrk (bench/proofs.wrk.lua; autocannon when wrk is not installed,
//      `apt-get install wrk`) for PROOF_SECONDS, twice: (a) the stress case, while 2 unthrottled
//      clients ingest as fast as they can (saturatedProofRequestsPerSec, saturatedProofP99Ms),
//      (b) while ingest continues at PACED_INGEST_PER_SEC (proofRequestsPerSec, proofP99Ms: the
//      issue's measurement). Each reports the events acknowledged meanwhile and the gateway's CPU
//      per proof.
// Prints progress on stderr and, as the last line on stdout, one JSON object with the results.
// Knobs (env): ELC_BENCH_FILL, ELC_BENCH_PROOF_SECONDS, ELC_BENCH_PROOF_CLIENTS, ELC_BENCH_FILL_MAX_SECONDS,
// ELC_BENCH_PACED_INGEST, ELC_BENCH_NODE_ARGS (extra node flags for the gateway process),
// ELC_BENCH_PROOF_CLIENT (wrk | autocannon), ELC_BENCH_WRK_THREADS (default 1).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { importJWK, SignJWT } from 'jose';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILL = Number(process.env.ELC_BENCH_FILL ?? 1_000_000);
const FILL_MAX_SECONDS = Number(process.env.ELC_BENCH_FILL_MAX_SECONDS ?? 600);
const BATCH = 256;
const INGEST_CLIENTS = 8;
const PROOF_SECONDS = Number(process.env.ELC_BENCH_PROOF_SECONDS ?? 15);
const PROOF_CLIENTS = Number(process.env.ELC_BENCH_PROOF_CLIENTS ?? 32);
const BACKGROUND_INGEST_CLIENTS = 2;
const PACED_INGEST_PER_SEC = Number(process.env.ELC_BENCH_PACED_INGEST ?? 1024);
/**
 * The proof load generator: wrk (Debian's `wrk`, C, its own process and thread) when it is
 * installed, else autocannon inside this process. wrk costs the 2 shared cores far less per
 * request, so more of them go to the gateway being measured; the result names the one used.
 */
const WRK_AVAILABLE = !spawnSync('wrk', ['-v']).error;
const PROOF_CLIENT = process.env.ELC_BENCH_PROOF_CLIENT ?? (WRK_AVAILABLE ? 'wrk' : 'autocannon');
const WRK_THREADS = Number(process.env.ELC_BENCH_WRK_THREADS ?? 1);
/** As in package.json "start": a 64 MB young generation (ingest allocates per request; measured +25% events/s). */
const GATEWAY_NODE_FLAGS = ['--max-semi-space-size=64'];

const log = (...a) => console.error('[bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(port, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * CPU seconds (user + system) of each thread of process `pid` so far, by thread id, from /proc
 * (Linux only; else null). The main thread's id is the pid.
 */
async function threadCpuSeconds(pid) {
  const ticks = (stat) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  };
  try {
    const out = new Map();
    for (const tid of await readdir(`/proc/${pid}/task`)) {
      try {
        out.set(Number(tid), ticks(await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8')));
      } catch {
        // the thread ended meanwhile
      }
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * CPU microseconds per event between two threadCpuSeconds snapshots: the whole process, its main
 * thread, and its three busiest other threads (the ingest worker, LevelDB's compaction, ...).
 */
function cpuPerEvent(pid, before, after, events) {
  if (before === null || after === null) return null;
  const us = (sec) => Math.round((sec * 1e6) / events);
  const deltas = [...after].map(([tid, sec]) => [tid, sec - (before.get(tid) ?? 0)]);
  const others = deltas.filter(([tid]) => tid !== pid).map(([, d]) => d).sort((a, b) => b - a);
  return {
    total: us(deltas.reduce((a, [, d]) => a + d, 0)),
    main: us(deltas.find(([tid]) => tid === pid)?.[1] ?? 0),
    busiestOthers: others.slice(0, 3).map(us),
  };
}

/** Log entries not yet in the evidence index, from /metrics (tree size - index size). */
async function evidenceIndexLag(port) {
  const text = (await request(port, 'GET', '/metrics', {})).body.toString();
  const gauge = (name) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  return gauge('elc_log_tree_size') - gauge('elc_evidence_index_size');
}

function p99(samples) {
  if (samples.length === 0) return null;
  const s = Float64Array.from(samples).sort();
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] * 100) / 100;
}

// A valid GB 32100 USCC for the employer field.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function uscc(first17) {
  let sum = 0;
  for (let i = 0, w = 1; i < 17; i++, w = (w * 3) % 31) sum += USCC_ALPHABET.indexOf(first17[i]) * w;
  return first17 + USCC_ALPHABET[(31 - (sum % 31)) % 31];
}
const EMPLOYER = uscc('91370102MA3C00001');

function batchBody(start) {
  const parts = [];
  for (let i = start; i < start + BATCH; i++) {
    const hex = i.toString(16).padStart(64, '0');
    parts.push(
      `{"v":1,"id":"b-${i}","type":"document.viewed","contractId":"HT-${i}","employer":"${EMPLOYER}","time":"2026-11-22T08:00:00.000Z","region":"370102","party":"employer","docHash":"sha256:${hex}","data":{"via":"web"}}`,
    );
  }
  return `{"events":[${parts.join(',')}]}`;
}

/** Proof load from autocannon in this process; {ok, errors, seconds, p99Ms}. */
async function autocannonProofs(port, size, headers) {
  const run = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: PROOF_CLIENTS,
    duration: PROOF_SECONDS,
    requests: [
      {
        method: 'GET',
        headers,
        setupRequest: (req) => ({ ...req, path: `/v1/log/proof/inclusion?index=${Math.floor(Math.random() * size)}&size=${size}` }),
      },
    ],
  });
  return { ok: run['2xx'], errors: run.non2xx + run.errors + run.timeouts, seconds: run.duration, p99Ms: run.latency.p99 };
}

/** Proof load from wrk in its own process (bench/proofs.wrk.lua prints one JSON line); same shape. */
function wrkProofs(port, size, token) {
  return new Promise((resolve, reject) => {
    const args = ['-t', String(WRK_THREADS), '-c', String(PROOF_CLIENTS), '-d', `${PROOF_SECONDS}s`, '--timeout', '10s'];
    args.push('-s', join(root, 'bench', 'proofs.wrk.lua'), `http://127.0.0.1:${port}`);
    const wrk = spawn('wrk', args, { env: { ...process.env, ELC_WRK_SIZE: String(size), ELC_WRK_TOKEN: token } });
    let out = '';
    wrk.stdout.on('data', (c) => (out += c));
    wrk.stderr.on('data', (c) => process.stderr.write(c));
    wrk.on('error', reject);
    wrk.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`wrk exited ${code}: ${out.slice(-500)}`));
      const r = JSON.parse(line);
      const errors = r.connectErrors + r.readErrors + r.writeErrors + r.statusErrors + r.timeouts;
      resolve({ ok: r.requests - r.statusErrors, errors, seconds: r.durationUs / 1e6, p99Ms: Math.round(r.p99Us / 10) / 100 });
    });
  });
}

/**
 * Milliseconds for a fixed single-threaded workload (JSON round trips and SHA-256 of 32 MB): the
 * same code measures slower when the host is busy (a shared VM), so runs compare only with
 * similar values. The median of 5.
 */
function calibrationMs() {
  const doc = { v: 1, id: 'calibration', items: Array.from({ length: 64 }, (_, i) => ({ i, s: `value-${i}`, h: 'ab'.repeat(32) })) };
  const chunk = Buffer.alloc(65536, 7);
  const times = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) JSON.parse(JSON.stringify(doc));
    const h = createHash('sha256');
    for (let i = 0; i < 512; i++) h.update(chunk);
    h.digest();
    times.push(performance.now() - t0);
  }
  return Math.round(times.sort((x, y) => x - y)[2]);
}

async function main() {
  const calibrationBeforeMs = calibrationMs();
  const dataDir = await mkdtemp(join(tmpdir(), 'elc-bench-'));
  const port = await freePort();
  // The V8 flags `npm start` runs the gateway with (package.json), then any extra ones to try.
  const nodeArgs = [...GATEWAY_NODE_FLAGS, ...(process.env.ELC_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'gateway', 'dist', 'main.js')], {
    cwd: root,
    env: { ...process.env, ELC_PORT: String(port), ELC_HOST: '127.0.0.1', ELC_DATA_DIR: dataDir, ELC_RATE_LIMIT_PER_MINUTE: '0', ELC_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await request(port, 'GET', '/readyz', {})).status === 200) break;
      } catch {
        // not listening yet
      }
      if (i > 200) throw new Error('the gateway did not become ready');
      await sleep(100);
    }
    const jwk = JSON.parse(await readFile(join(dataDir, 'auth', 'dev-issuer.key.json'), 'utf8'));
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ org: 'bench-vendor', role: 'vendor', region: '370102' })
      .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid })
      .setIssuer('elc-ledger')
      .setAudience('elc-ledger-api')
      .setIssuedAt(now)
      .setExpirationTime(now + 7200)
      .sign(await importJWK(jwk, 'EdDSA'));
    const postHeaders = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const getHeaders = { authorization: `Bearer ${token}` };

    let next = 0;
    let pushbacks = 0;
    let ackedEvents = 0;
    /** Posts the next batch; false when the gateway pushed back (503). */
    const postBatch = async (latencies) => {
      const start = next;
      next += BATCH;
      const body = batchBody(start);
      const t0 = performance.now();
      const r = await request(port, 'POST', '/v1/events', { ...postHeaders, 'content-length': Buffer.byteLength(body) }, body);
      if (r.status === 503) {
        pushbacks++;
        await sleep(50);
        return false;
      }
      if (r.status !== 202) throw new Error(`ingest answered ${r.status}: ${r.body.toString().slice(0, 300)}`);
      latencies?.push(performance.now() - t0);
      ackedEvents += BATCH;
      return true;
    };
    const ingestClient = async (shouldStop, latencies) => {
      while (!shouldStop()) await postBatch(latencies);
    };

    // 1. Fill (the ingest measurement).
    log(`filling to ${FILL} entries with ${INGEST_CLIENTS} clients x ${BATCH} events`);
    const ingestLat = [];
    let acked = 0;
    const fillStart = performance.now();
    const gatewayCpu0 = await threadCpuSeconds(child.pid);
    const clientCpu0 = process.cpuUsage();
    const deadline = fillStart + FILL_MAX_SECONDS * 1000;
    const progress = setInterval(() => log(`  ${next} sent, ${((performance.now() - fillStart) / 1000).toFixed(0)} s`), 10_000);
    await Promise.all(
      Array.from({ length: INGEST_CLIENTS }, () =>
        ingestClient(() => next >= FILL || performance.now() > deadline, ingestLat),
      ),
    );
    clearInterval(progress);
    const fillSeconds = (performance.now() - fillStart) / 1000;
    acked = ingestLat.length * BATCH;
    const clientCpu = process.cpuUsage(clientCpu0);
    // CPU per acknowledged event: the gateway (all its threads, LevelDB's included) and this client.
    const ingestGatewayCpuUsPerEvent = cpuPerEvent(child.pid, gatewayCpu0, await threadCpuSeconds(child.pid), acked);
    const ingestClientCpuUsPerEvent = Math.round((clientCpu.user + clientCpu.system) / acked);
    const ingestEventsPerSec = Math.round(acked / fillSeconds);
    log(`ingest: ${acked} events in ${fillSeconds.toFixed(1)} s = ${ingestEventsPerSec}/s, p99 ${p99(ingestLat)} ms, pushbacks ${pushbacks}`);
    const indexLagAtFillEnd = await evidenceIndexLag(port);

    // 2. Proofs at random indices while ingest continues.
    let cp = await request(port, 'GET', '/v1/log/checkpoint', {});
    for (let i = 0; i < 50 && Number(cp.body.toString().split('\n')[1]) < acked; i++) {
      await sleep(100);
      cp = await request(port, 'GET', '/v1/log/checkpoint', {});
    }
    const size = Number(cp.body.toString().split('\n')[1]);
    // Each proof phase runs the proof client (PROOF_CLIENT) while `background` ingests; it returns
    // the proof results and the events ingested meanwhile.
    const proofPhase = async (label, background) => {
      log(`proofs against checkpoint size ${size}: ${PROOF_CLIENTS} clients for ${PROOF_SECONDS} s, ingest ${label}`);
      let stop = false;
      const before = ackedEvents;
      const cpu0 = await threadCpuSeconds(child.pid);
      const ingesting = background(() => stop);
      const run = PROOF_CLIENT === 'wrk' ? await wrkProofs(port, size, token) : await autocannonProofs(port, size, getHeaders);
      const cpu1 = await threadCpuSeconds(child.pid);
      stop = true;
      await ingesting;
      if (run.errors > 0) log(`${run.errors} proof requests failed`);
      return {
        perSec: Math.round(run.ok / run.seconds),
        p99: run.p99Ms,
        errors: run.errors,
        ingestPerSec: Math.round((ackedEvents - before) / run.seconds),
        // gateway CPU per answered proof (the background ingest's share included)
        gatewayCpuUs: cpuPerEvent(child.pid, cpu0, cpu1, Math.max(1, run.ok)),
      };
    };
    // (a) as many events as BACKGROUND_INGEST_CLIENTS unthrottled clients can push;
    const saturated = await proofPhase(`from ${BACKGROUND_INGEST_CLIENTS} unthrottled clients`, (stop) =>
      Promise.all(Array.from({ length: BACKGROUND_INGEST_CLIENTS }, () => ingestClient(stop))),
    );
    // (b) a steady PACED_INGEST_PER_SEC (one batch every BATCH / rate seconds).
    const paced = await proofPhase(`paced at ${PACED_INGEST_PER_SEC}/s`, async (stop) => {
      const period = (BATCH / PACED_INGEST_PER_SEC) * 1000;
      const t0 = performance.now();
      for (let k = 0; !stop(); k++) {
        await sleep(Math.max(0, t0 + k * period - performance.now()));
        if (!stop()) await postBatch();
      }
    });
    const proofErrors = saturated.errors + paced.errors;

    const ready = JSON.parse((await request(port, 'GET', '/readyz', {})).body.toString());
    // Peak resident memory of the gateway process (VmHWM, Linux only).
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
    const hwmKb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    const gatewayPeakRssMb = hwmKb === undefined ? null : Math.round(Number(hwmKb) / 1024);
    const result = {
      ingestEventsPerSec,
      ingestP99Ms: p99(ingestLat),
      ingestGatewayCpuUsPerEvent,
      ingestClientCpuUsPerEvent,
      // The measurement: proofs while ingest continues (at PACED_INGEST_PER_SEC) ...
      proofRequestsPerSec: paced.perSec,
      proofP99Ms: paced.p99,
      proofIngestEventsPerSec: paced.ingestPerSec,
      proofGatewayCpuUsPerRequest: paced.gatewayCpuUs,
      // ... and the stress case: while unthrottled clients ingest as fast as the gateway takes them.
      saturatedProofRequestsPerSec: saturated.perSec,
      saturatedProofP99Ms: saturated.p99,
      saturatedIngestEventsPerSec: saturated.ingestPerSec,
      saturatedProofGatewayCpuUsPerRequest: saturated.gatewayCpuUs,
      indexLagAtFillEnd,
      indexLagAtEnd: await evidenceIndexLag(port),
      treeSize: ready.treeSize,
      gatewayPeakRssMb,
      proofTreeSize: size,
      proofClient: PROOF_CLIENT,
      fillSeconds: Math.round(fillSeconds),
      pushbacks,
      proofErrors,
    };
    child.kill('SIGTERM');
    await exited;
    result.calibrationMs = [calibrationBeforeMs, calibrationMs()];
    console.log(JSON.stringify(result));
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    agent.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
