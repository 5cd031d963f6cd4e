// Verification end to end: a real gateway (in process, real HTTP on 127.0.0.1, a temp
// data dir, the embedded ledger and the local TSA) takes signing evidence and lifecycle records,
// serves a contract's bundle, and the BUILT `elc verify` (a child process, core only) passes it
// with the pinned log key and the local TSA root. Then each single change to the bundle — a byte
// of a leaf, a proof hash, the checkpoint size or root, its signature, the anchor's root, the TSA
// token — fails with its own codes. `elc audit` against the same gateway passes.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64, type EvidenceBundleV1, type Role } from '@elc/core';
import { FAST_ANCHORING, startTestGateway, type TestGateway } from '../../gateway/test/support/gateway.js';
import { EMPLOYER } from '../../gateway/test/support/events.js';
import { repoRoot } from '../support/paths.js';

const run = promisify(execFile);
const cliMain = join(repoRoot, 'gateway', 'dist', 'cli', 'main.js');
const ORIGIN = 'elc.test/log/verify';
const CONTRACT = 'HT-VERIFY-0001';
const REGION = '370102';
const WORKER = `hmac-sha256:${'cd'.repeat(32)}`;
const DOC = `sha256:${'3c'.repeat(32)}`;
const RENEWED_DOC = `sha256:${'4d'.repeat(32)}`;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}
interface JsonReport {
  ok: boolean;
  codes: string[];
  unchecked: string[];
  timestamp?: { local: boolean; tsaName: string; genTime: string };
  events: { type: string }[];
}

async function elc(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return run(process.execPath, [cliMain, ...args], { env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
}

/** The signing evidence of one contract (MOHRSS 54号 arts. 7-10). */
function signingEvents() {
  const base = { v: 1, contractId: CONTRACT, employer: EMPLOYER, region: REGION, time: '2026-11-22T08:00:00.000Z' };
  return [
    { ...base, id: 'v-idv-w', type: 'identity.verified', party: 'worker', worker: WORKER, data: { method: 'online_id_check', result: 'passed', recordHash: DOC } },
    { ...base, id: 'v-int-e', type: 'intent.confirmed', party: 'employer', docHash: DOC, data: { method: 'digital_certificate' } },
    { ...base, id: 'v-int-w', type: 'intent.confirmed', party: 'worker', worker: WORKER, docHash: DOC, data: { method: 'sms_code' } },
    { ...base, id: 'v-sig-e', type: 'signature.applied', party: 'employer', docHash: DOC, data: { signer: 'employer', certSerial: '0a1b2c', issuerFingerprint: DOC } },
    { ...base, id: 'v-sig-w', type: 'signature.applied', party: 'platform', worker: WORKER, docHash: DOC, data: { signer: 'worker', certSerial: '0a1b2d', issuerFingerprint: DOC } },
    { ...base, id: 'v-tsa', type: 'timestamp.issued', party: 'platform', docHash: DOC, data: { tsa: 'platform TSA', tokenHash: DOC, genTime: '2026-11-22T08:00:01Z' } },
    { ...base, id: 'v-notify', type: 'worker.notified', party: 'employer', worker: WORKER, data: { channel: 'app' } },
  ];
}

function flip(b64: string, byte: number, mask = 1): string {
  const bytes = fromBase64(b64);
  const i = byte < 0 ? bytes.length + byte : byte;
  bytes[i] = (bytes[i] ?? 0) ^ mask;
  return toBase64(bytes);
}

describe('elc verify and elc audit against a real gateway', () => {
  let t: TestGateway;
  let dataDir: string;
  let url: string;
  let vkey: string;
  let bundle: EvidenceBundleV1;
  let token: (role: Role, org: string, region: string) => Promise<string>;
  const file = (name: string) => join(dataDir, `${name}.json`);
  const tsaRoot = () => join(dataDir, 'tsa', 'root.pem');

  beforeAll(async () => {
    t = await startTestGateway({ ELC_ORIGIN: ORIGIN, ...FAST_ANCHORING });
    ({ dataDir, url } = t);
    token = (role, org, region) => t.token(role, { org, region });
    vkey = (await (await fetch(`${url}/v1/log/key`)).text()).trim();

    const vendor = await token('vendor', 'vendor-v', REGION);
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${vendor}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const concluded = await post('/v1/contracts/transitions', {
      transitions: [{ id: 'v-conclude', type: 'conclude', employer: EMPLOYER, contractId: CONTRACT, effectiveDate: '2026-12-01', region: REGION, docHash: DOC, term: { kind: 'fixed', start: '2026-12-01', end: '2029-11-30' }, worker: WORKER }],
    });
    expect(concluded.status, await concluded.clone().text()).toBe(201);
    const ingested = await post('/v1/events?wait=anchored', { events: signingEvents() });
    expect(ingested.status, await ingested.clone().text()).toBe(200);
    const renewed = await post('/v1/contracts/transitions', {
      transitions: [{ id: 'v-renew', type: 'renew', employer: EMPLOYER, contractId: CONTRACT, effectiveDate: '2029-12-01', docHash: RENEWED_DOC, term: { kind: 'open_ended', start: '2029-12-01' }, previousDocHash: DOC, worker: WORKER }],
    });
    expect(renewed.status, await renewed.clone().text()).toBe(201);

    // The renewal's event may not be anchored yet: the route answers 409 until it is.
    const arbitration = await token('arbitration', 'arb-jinan', '370100');
    const get = () => fetch(`${url}/v1/contracts/${EMPLOYER}/${CONTRACT}/evidence`, { headers: { authorization: `Bearer ${arbitration}`, 'elc-legal-basis': 'arbitration_case' } });
    let res = await get();
    for (let i = 0; i < 100 && res.status === 409; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await get();
    }
    expect(res.status, await res.clone().text()).toBe(200);
    bundle = (await res.json()) as EvidenceBundleV1;
    await writeFile(file('bundle'), JSON.stringify(bundle, null, 2));
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('passes the bundle, token included, and says the TSA is LOCAL', async () => {
    const r = await elc(['verify', file('bundle'), '--log-key', vkey, '--tsa-cert', tsaRoot(), '--json']);
    expect(r.code, r.stdout).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.ok).toBe(true);
    expect(report.timestamp?.local).toBe(true);
    expect(report.unchecked.some((u) => u.startsWith('timestamp'))).toBe(false);
    expect(report.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['contract.concluded', 'identity.verified', 'intent.confirmed', 'signature.applied', 'timestamp.issued', 'worker.notified', 'contract.renewed']),
    );
    const text = await elc(['verify', file('bundle'), '--log-key', vkey, '--tsa-cert', tsaRoot()]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('✓ timestamp');
    expect(text.stdout).toContain('LOCAL development TSA');
    expect(text.stdout).toContain('结果 Result: ✓ 全部通过 PASSED');
  });

  it('without a pinned TSA root it passes the rest and lists the token as not checked', async () => {
    const r = await elc(['verify', file('bundle'), '--log-key', vkey, '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).unchecked.some((u) => u.startsWith('timestamp.token'))).toBe(true);
  });

  it('fails each single change with its own codes', async () => {
    const [origin, size, root] = bundle.checkpoint.split('\n');
    const sigStart = bundle.checkpoint.indexOf('\n\n') + 1;
    const signatures = bundle.checkpoint.slice(sigStart);
    const sig = /— \S+ (\S+)\n/.exec(signatures)?.[1] ?? '';
    const withProof = bundle.entries.findIndex((e) => e.proof.length > 0);
    const changes: Record<string, (b: EvidenceBundleV1 & Record<string, unknown>) => unknown> = {
      'leaf byte': (b) => ({ ...b, entries: b.entries.map((e, i) => (i === 0 ? { ...e, leaf: flip(e.leaf, 0, 0x5b) } : e)) }),
      'proof hash': (b) => ({ ...b, entries: b.entries.map((e, i) => (i === withProof ? { ...e, proof: e.proof.map((h, j) => (j === 0 ? flip(h, 31, 0x80) : h)) } : e)) }),
      'checkpoint size': (b) => ({ ...b, checkpoint: `${origin}\n${Number(size) + 1}\n${root}\n${signatures}` }),
      'checkpoint root': (b) => ({ ...b, checkpoint: `${origin}\n${size}\n${flip(root ?? '', 0)}\n${signatures}` }),
      signature: (b) => ({ ...b, checkpoint: bundle.checkpoint.replace(sig, flip(sig, 10)) }),
      'anchor root': (b) => ({ ...b, anchor: { ...b.anchor, anchoredRoot: flip(b.anchor?.anchoredRoot ?? '', 5, 4) } }),
      'TSA token': (b) => ({ ...b, timestamp: { ...b.timestamp, token: flip(b.timestamp?.token ?? '', -2) } }),
      'TSA said not local': (b) => ({ ...b, timestamp: { ...b.timestamp, local: false } }),
    };
    const expected: Record<string, string[]> = {
      'leaf byte': ['BUNDLE_INCLUSION_FAILED', 'BUNDLE_LEAF_INVALID'],
      'proof hash': ['BUNDLE_INCLUSION_FAILED'],
      'checkpoint size': ['BUNDLE_ANCHOR_MISMATCH', 'BUNDLE_CHECKPOINT_SIGNATURE', 'BUNDLE_TSA_IMPRINT_MISMATCH'],
      'checkpoint root': ['BUNDLE_ANCHOR_MISMATCH', 'BUNDLE_CHECKPOINT_SIGNATURE', 'BUNDLE_TSA_IMPRINT_MISMATCH'],
      signature: ['BUNDLE_CHECKPOINT_SIGNATURE', 'BUNDLE_TSA_IMPRINT_MISMATCH'],
      'anchor root': ['BUNDLE_ANCHOR_MISMATCH'],
      'TSA token': ['BUNDLE_TSA_BAD_SIGNATURE'],
      'TSA said not local': ['BUNDLE_TSA_LOCAL_MISMATCH'],
    };
    expect(withProof).toBeGreaterThanOrEqual(0);
    const got: Record<string, string[]> = {};
    await Promise.all(
      Object.entries(changes).map(async ([name, change]) => {
        const changed = change(structuredClone(bundle) as EvidenceBundleV1 & Record<string, unknown>);
        expect(JSON.stringify(changed), name).not.toBe(JSON.stringify(bundle));
        const path = file(name.replace(/ /g, '-'));
        await writeFile(path, JSON.stringify(changed));
        const r = await elc(['verify', path, '--log-key', vkey, '--tsa-cert', tsaRoot(), '--json']);
        expect(r.code, name).toBe(1);
        got[name] = [...(JSON.parse(r.stdout) as JsonReport).codes].sort();
      }),
    );
    expect(got).toEqual(expected);
    // Every kind of change the issue names is told apart from the others (size and root are one kind).
    const kinds = ['leaf byte', 'proof hash', 'checkpoint size', 'signature', 'anchor root', 'TSA token'].map((k) => (got[k] ?? []).join());
    expect(new Set(kinds).size).toBe(kinds.length);
  }, 120_000);

  it('elc demo submits synthetic contracts to the gateway, writes a bundle and verifies it (exit 0)', async () => {
    const out = join(dataDir, 'demo-bundle.json');
    const r = await elc(['demo', '--url', url, '--out', out, '--contracts', '4'], { ELC_DATA_DIR: dataDir });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('合成数据 synthetic data only');
    expect(r.stdout).toMatch(/concluded\+renewed/);
    expect(r.stdout).toMatch(/concluded\+rescinded/);
    expect(r.stdout).toContain('结果 Result: ✓ 全部通过 PASSED');
    const again = await elc(['verify', out, '--log-key', vkey, '--tsa-cert', tsaRoot(), '--json']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as JsonReport).events.map((e) => e.type)).toEqual(expect.arrayContaining(['contract.renewed', 'signature.applied']));
  }, 120_000);

  it('elc audit of the same gateway passes (exit 0)', async () => {
    const regulator = await token('regulator', 'reg-37', '370000');
    const r = await elc(['audit', '--url', url, '--log-key', vkey, '--json'], { ELC_TOKEN: regulator });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; anchors: unknown[]; checks: { id: string; ok: boolean }[] };
    expect(report.ok).toBe(true);
    expect(report.anchors.length).toBeGreaterThan(0);
    expect(report.checks.find((c) => c.id === 'tiles')?.ok).toBe(true);
  });
});
