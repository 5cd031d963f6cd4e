// `elc demo` (`npm run demo`): against a running gateway, submits a realistic set of SYNTHETIC
// contracts with their evidence (identity checks, intent, both signatures, a timestamp, the
// worker's notification; some renewed, one rescinded), fetches one contract's evidence bundle as
// an arbitration body, writes it to a file and verifies it offline like `elc verify`.
// Tokens come from the dev issuer in ELC_DATA_DIR (as `elc token`), so the gateway must use the
// same data dir. Employers' USCCs and workers' ID numbers are generated with valid check
// characters from random digits (core/ids): they name no real company or person, and ID numbers
// never leave this process (only their HMAC commitment is sent).
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { verifyCommand, type CommandResult } from '@elc/cli';
import { formatDocHash, makeResidentId, makeUscc, workerCommitment } from '@elc/core';
import { loadConfig } from '../config.js';
import { tokenCommand } from './token.js';

export interface DemoOptions {
  readonly url: string;
  readonly out: string;
  readonly contracts: string;
}

const REGION = '370102'; // 济南市历下区
const VENDOR_ORG = 'demo-sign-platform';
const ARBITRATION_ORG = 'demo-arbitration-370102';
const BUNDLE_WAIT_MS = 30_000;

class DemoError extends Error {}

const sha256Doc = (text: string) => formatDocHash('sha256', new Uint8Array(createHash('sha256').update(text).digest()));
const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function http(base: URL) {
  return async (method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) => {
    let res: Response;
    try {
      res = await fetch(new URL(path, base), {
        method,
        headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (e) {
      throw new DemoError(`cannot reach the gateway at ${base.origin} (${e instanceof Error ? e.message : String(e)}); start it with npm start`);
    }
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      // plain text (the checkpoint, the key)
    }
    return { status: res.status, json, text };
  };
}

interface Contract {
  readonly employer: string;
  readonly contractId: string;
  readonly worker: string;
  readonly doc: string;
  readonly start: string;
  readonly fate: 'active' | 'renewed' | 'rescinded';
}

/** The evidence of signing one contract (MOHRSS 54号 arts. 7-10), in the order it happens. */
function signingEvents(c: Contract, run: string, time: () => string) {
  const base = { v: 1, contractId: c.contractId, employer: c.employer, region: REGION };
  const id = (s: string) => `demo-${run}-${c.contractId}-${s}`;
  return [
    { ...base, id: id('idv-e'), time: time(), type: 'identity.verified', party: 'employer', data: { method: 'digital_certificate', result: 'passed', recordHash: sha256Doc(`idv-e ${c.contractId}`) } },
    { ...base, id: id('idv-w'), time: time(), type: 'identity.verified', party: 'worker', worker: c.worker, data: { method: 'e_social_security_card', result: 'passed', recordHash: sha256Doc(`idv-w ${c.contractId}`) } },
    { ...base, id: id('int-e'), time: time(), type: 'intent.confirmed', party: 'employer', docHash: c.doc, data: { method: 'digital_certificate' } },
    { ...base, id: id('int-w'), time: time(), type: 'intent.confirmed', party: 'worker', worker: c.worker, docHash: c.doc, data: { method: 'sms_code' } },
    { ...base, id: id('sig-e'), time: time(), type: 'signature.applied', party: 'employer', docHash: c.doc, data: { signer: 'employer', certSerial: hex(8), issuerFingerprint: sha256Doc('demo CA') } },
    { ...base, id: id('sig-w'), time: time(), type: 'signature.applied', party: 'platform', worker: c.worker, docHash: c.doc, data: { signer: 'worker', certSerial: hex(8), issuerFingerprint: sha256Doc('demo CA') } },
    { ...base, id: id('tsa'), time: time(), type: 'timestamp.issued', party: 'platform', docHash: c.doc, data: { tsa: 'demo platform TSA', tokenHash: sha256Doc(`tsa ${c.contractId}`), genTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } },
    { ...base, id: id('notify'), time: time(), type: 'worker.notified', party: 'employer', worker: c.worker, data: { channel: 'sms' } },
  ];
}

function transitionsOf(c: Contract, run: string, time: () => string) {
  const id = (s: string) => `demo-${run}-${c.contractId}-${s}`;
  const year = Number(c.start.slice(0, 4));
  // A three-year fixed term ends the day before its third anniversary.
  const end = new Date(Date.UTC(year + 3, Number(c.start.slice(5, 7)) - 1, Number(c.start.slice(8, 10))) - 86_400_000).toISOString().slice(0, 10);
  const common = { employer: c.employer, contractId: c.contractId, worker: c.worker };
  const out: Record<string, unknown>[] = [
    { ...common, id: id('conclude'), type: 'conclude', effectiveDate: c.start, region: REGION, docHash: c.doc, term: { kind: 'fixed', start: c.start, end }, time: time() },
  ];
  if (c.fate === 'renewed') {
    const start = `${year + 3}-${c.start.slice(5)}`;
    out.push({ ...common, id: id('renew'), type: 'renew', effectiveDate: start, docHash: sha256Doc(`renewal of ${c.contractId}`), term: { kind: 'open_ended', start }, previousDocHash: c.doc, time: time() });
  }
  if (c.fate === 'rescinded') {
    out.push({ ...common, id: id('rescind'), type: 'rescind', effectiveDate: `${year + 1}-06-30`, reasonCode: '036', initiator: 'worker', noticeDate: `${year + 1}-05-31`, time: time() });
  }
  return out;
}

export async function demoCommand(opts: DemoOptions): Promise<CommandResult> {
  const out: string[] = [];
  const say = (s: string) => out.push(s);
  try {
    const base = new URL(opts.url.endsWith('/') ? opts.url : `${opts.url}/`);
    const n = Number(opts.contracts);
    if (!Number.isInteger(n) || n < 3 || n > 50) throw new DemoError('--contracts must be 3..50');
    const config = loadConfig(process.env);
    const call = http(base);
    const vendor = await tokenCommand(config, { role: 'vendor', org: VENDOR_ORG, region: REGION, ttl: '3600' });
    const arbitration = await tokenCommand(config, { role: 'arbitration', org: ARBITRATION_ORG, region: REGION, ttl: '3600' });

    // The key a verifier pins: from the data dir (out of band), cross-checked with what the gateway serves.
    const served = (await call('GET', 'v1/log/key', undefined)).text.trim();
    const vkeyPath = join(config.dataDir, 'log.vkey');
    const pinned = (await exists(vkeyPath)) ? (await readFile(vkeyPath, 'utf8')).trim() : served;
    if (pinned !== served) throw new DemoError(`the gateway at ${base.origin} serves another log key than ${vkeyPath}: is it using ELC_DATA_DIR=${config.dataDir}?`);
    say('ELC Ledger 演示 demo — 合成数据 synthetic data only');
    say(`网关 gateway ${base.origin}, 日志公钥 log key ${pinned}`);

    const run = hex(3);
    const secret = randomBytes(32); // demo commitment secret; a deployment has its own
    // Event times a second apart, ending before now (a platform reports what already happened).
    let clock = Date.now() - (n * 12 + 10) * 1000;
    const time = () => new Date((clock += 1000)).toISOString();
    const employers = [0, 1, 2].map(() => makeUscc(`91${REGION}MA${digits(7)}`));
    const fates: Contract['fate'][] = ['renewed', 'active', 'rescinded', 'active', 'renewed', 'active'];
    const contracts: Contract[] = Array.from({ length: n }, (_, i) => {
      const idNumber = makeResidentId(`${REGION}19${String(70 + randomInt(30))}0${1 + randomInt(9)}1${randomInt(10)}${digits(3)}`);
      const contractId = `LC-2026-${run}-${String(i + 1).padStart(2, '0')}`;
      return {
        employer: employers[i % employers.length] ?? '',
        contractId,
        worker: workerCommitment(secret, 'resident_id', idNumber),
        doc: sha256Doc(`labor contract ${contractId}, synthetic text`),
        start: `2026-${String(1 + (i % 12)).padStart(2, '0')}-01`,
        fate: fates[i % fates.length] ?? 'active',
      };
    });

    const events = contracts.flatMap((c) => signingEvents(c, run, time));
    const ingest = await call('POST', 'v1/events?wait=anchored', vendor, { events });
    if (ingest.status !== 200 && ingest.status !== 202) throw new DemoError(`POST /v1/events: HTTP ${ingest.status} ${ingest.text.slice(0, 300)}`);
    say(`提交证据 submitted ${events.length} evidence events (身份核验、签约意愿、双方签名、时间戳、通知) for ${contracts.length} contracts: HTTP ${ingest.status}`);

    const transitions = contracts.flatMap((c) => transitionsOf(c, run, time));
    const recorded = await call('POST', 'v1/contracts/transitions', vendor, { transitions });
    if (recorded.status !== 201 && recorded.status !== 200) throw new DemoError(`POST /v1/contracts/transitions: HTTP ${recorded.status} ${recorded.text.slice(0, 300)}`);
    say(`链上记录 recorded ${transitions.length} lifecycle records on the ledger: HTTP ${recorded.status}`);
    for (const c of contracts) say(`  ${c.employer} ${c.contractId}  ${{ active: '订立 concluded', renewed: '订立+续订 concluded+renewed', rescinded: '订立+解除 concluded+rescinded' }[c.fate]}`);

    const chosen = contracts.find((c) => c.fate === 'renewed') ?? contracts[0];
    if (chosen === undefined) throw new DemoError('no contract');
    const path = `v1/contracts/${chosen.employer}/${encodeURIComponent(chosen.contractId)}/evidence`;
    const headers = { 'elc-legal-basis': 'arbitration_case', 'elc-legal-reference': `demo case ${run}` };
    const deadline = Date.now() + BUNDLE_WAIT_MS;
    let bundle = await call('GET', path, arbitration, undefined, headers);
    // Transitions' evidence events may not be anchored yet: the route says so with 409; retry.
    while (bundle.status === 409 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      bundle = await call('GET', path, arbitration, undefined, headers);
    }
    if (bundle.status !== 200) throw new DemoError(`GET /${path}: HTTP ${bundle.status} ${bundle.text.slice(0, 300)}`);
    const file = resolve(opts.out);
    await writeFile(file, `${JSON.stringify(bundle.json, null, 2)}\n`);
    say(`证据包 bundle of ${chosen.employer} ${chosen.contractId} (as arbitration, legal basis arbitration_case) written to ${file}`);

    const keyFile = `${file}.vkey`;
    await writeFile(keyFile, `${pinned}\n`);
    const tsaRoots = process.env['ELC_TSA_ROOTS'] ?? join(config.dataDir, 'tsa', 'root.pem');
    const tsaCert = (await exists(tsaRoots)) ? [tsaRoots] : [];
    say(`验证 verifying: elc verify ${file} --log-key ${keyFile}${tsaCert.length > 0 ? ` --tsa-cert ${tsaRoots}` : ''}`);
    say('');
    const verified = await verifyCommand(file, { logKey: [keyFile], tsaCert });
    return { exitCode: verified.exitCode, stdout: `${out.join('\n')}\n${verified.stdout}`, stderr: verified.stderr };
  } catch (e) {
    if (e instanceof DemoError) return { exitCode: 1, stdout: out.length > 0 ? `${out.join('\n')}\n` : '', stderr: `elc demo: ${e.message}\n` };
    throw e;
  }
}
