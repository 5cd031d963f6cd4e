// `elc verify-receipts` on receipts issued as the log's sequencer issues them (core's
// issueReceipts with the log key; the gateway's own tests verify the receipts of a running log):
// the response body shape, an array and a single receipt verify (exit 0); a changed field,
// another log's key, the wrong hash algorithm and a file that is not receipts fail (exit 1) with
// their code; a bad --hash is usage.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogHasher, generateEd25519Key, newSigner, pureHashProvider, toBase64, utf8, type HashAlg } from '@elc/core';
import { issueReceipts, type Receipt } from '@elc/core/receipt';
import { verifyReceiptsCommand } from './verify-receipts.js';

const ORIGIN = 'elc.example.cn/test-log';
const KEY = generateEd25519Key(ORIGIN);

/** The receipts of one flush of entries e-<from>.. of a log with hash algorithm `alg`. */
function issue(from: number, n: number, alg: HashAlg = 'sha256'): Receipt[] {
  const hasher = createLogHasher(pureHashProvider(alg));
  const fresh = Array.from({ length: n }, (_, k) => ({ id: `e-${from + k}`, leafHash: toBase64(hasher.leafHash(utf8(`{"v":1,"n":${from + k}}`))) }));
  return issueReceipts({ origin: ORIGIN, hasher, signer: newSigner(KEY.skey) }, from, 1_763_800_000_123, fresh);
}

describe('elc verify-receipts', () => {
  let dir: string;
  let receipts: Receipt[];
  let sm3Receipts: Receipt[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-receipts-'));
    receipts = issue(0, 5);
    sm3Receipts = issue(0, 3, 'sm3');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const file = async (name: string, value: unknown): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };

  it.each([
    ['the response body', () => ({ receipts })],
    ['an array', () => receipts],
    ['one receipt', () => receipts[2]],
  ])('verifies %s with the log key (exit 0)', async (name, value) => {
    const r = await verifyReceiptsCommand(await file(`${name}.json`, value()), { logKey: [KEY.vkey] });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✓ receipt');
    expect(r.stdout).not.toContain('✗');
  });

  it('reports each receipt in --json and checks SM3 receipts with --hash sm3', async () => {
    const r = await verifyReceiptsCommand(await file('sm3.json', { receipts: sm3Receipts }), { logKey: [KEY.vkey], hash: 'sm3', json: true });
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: { ok: boolean }[] };
    expect(r.exitCode).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks).toHaveLength(3);
  });

  it('fails SM3 receipts checked as SHA-256 (exit 1)', async () => {
    const r = await verifyReceiptsCommand(await file('sm3-as-sha.json', { receipts: sm3Receipts }), { logKey: [KEY.vkey] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('LOG_RECEIPT_INVALID');
  });

  it.each([
    ['index', (x: Receipt) => ({ ...x, index: x.index + 1 })],
    ['time', (x: Receipt) => ({ ...x, time: x.time + 1 })],
    ['leafHash', (x: Receipt) => ({ ...x, leafHash: receipts[0]?.leafHash ?? '' })],
    ['batch proof', (x: Receipt) => ({ ...x, batch: { ...x.batch, proof: [...x.batch.proof].reverse() } })],
  ])('fails a receipt whose %s was changed, and only that one (exit 1)', async (name, tamper) => {
    const list = receipts.map((x, i) => (i === 3 ? tamper(x) : x));
    const r = await verifyReceiptsCommand(await file(`tampered-${name}.json`, { receipts: list }), { logKey: [KEY.vkey], json: true });
    const report = JSON.parse(r.stdout) as { ok: boolean; codes: string[]; checks: { ok: boolean }[] };
    expect(r.exitCode).toBe(1);
    expect(report.codes).toEqual(['LOG_RECEIPT_INVALID']);
    expect(report.checks.map((c) => c.ok)).toEqual([true, true, true, false, true]);
  });

  it("fails every receipt under another log's key (exit 1)", async () => {
    const other = generateEd25519Key('elc.example.cn/test-log');
    const r = await verifyReceiptsCommand(await file('other-key.json', { receipts }), { logKey: [other.vkey], json: true });
    const report = JSON.parse(r.stdout) as { checks: { ok: boolean }[] };
    expect(r.exitCode).toBe(1);
    expect(report.checks.every((c) => !c.ok)).toBe(true);
  });

  it.each([
    ['not JSON', '{"receipts": ['],
    ['an object without receipts', { events: [] }],
    ['an empty list', { receipts: [] }],
  ])('fails a file that is %s with RECEIPTS_MALFORMED (exit 1)', async (name, value) => {
    const r = await verifyReceiptsCommand(await file(`bad-${name}.json`, value), { logKey: [KEY.vkey] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('RECEIPTS_MALFORMED');
  });

  it('refuses an unknown --hash as usage', async () => {
    await expect(verifyReceiptsCommand(await file('usage.json', { receipts }), { logKey: [KEY.vkey], hash: 'md5' })).rejects.toThrow(/--hash/);
  });
});
