// `elc verify-receipts` on receipts a real log service issued: the response body shape, an array
// and a single receipt verify (exit 0); a changed field, another log's key, the wrong hash
// algorithm and a file that is not receipts fail (exit 1) with their code; a bad --hash is usage.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519Key } from '@elc/core';
import { createMemoryStore } from '../log/memory-store.js';
import { entries, KEY, openService, removeAll, tempDir } from '../log/log-service.test-support.js';
import type { Receipt } from '@elc/core/receipt';
import { verifyReceiptsCommand } from './verify-receipts.js';

describe('elc verify-receipts', () => {
  const dirs: string[] = [];
  let dir: string;
  let receipts: Receipt[];
  let sm3Receipts: Receipt[];

  beforeAll(async () => {
    dir = await tempDir(dirs);
    const log = await openService(createMemoryStore());
    receipts = await log.append(entries(0, 5));
    await log.close();
    const sm3 = await openService(createMemoryStore(), { hashAlg: 'sm3' });
    sm3Receipts = await sm3.append(entries(0, 3));
    await sm3.close();
  });
  afterAll(() => removeAll(dirs));

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
