// The single-file build as a clerk runs it: cli/dist/elc.mjs (from `npm run build`) copied alone
// into an empty directory outside the repository, run with plain `node`, no node_modules
// anywhere above it. It verifies core's golden bundle vectors and receipts of a log key.
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogHasher, generateEd25519Key, newSigner, pureHashProvider, toBase64, utf8 } from '@elc/core';
import { issueReceipts } from '@elc/core/receipt';
import { repoRoot } from '../../test/support/paths.js';
import { readBundleVectors, runNode, type BundleVectors, type Outcome } from '../../test/support/run-node.js';

const built = join(repoRoot, 'cli', 'dist', 'elc.mjs');

describe('cli/dist/elc.mjs, alone with Node', () => {
  let dir: string;
  let vectors: BundleVectors;

  // Only PATH from the environment: no NODE_PATH, no NODE_OPTIONS.
  const elc = (args: string[]): Promise<Outcome> => runNode('elc.mjs', args, { cwd: dir, env: { PATH: process.env['PATH'] ?? '' } });

  beforeAll(async () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build`);
    dir = await mkdtemp(join(tmpdir(), 'elc-single-file-'));
    await copyFile(built, join(dir, 'elc.mjs'));
    vectors = await readBundleVectors();
    for (const v of vectors.vectors) await writeFile(join(dir, `${v.name}.json`), JSON.stringify(v.bundle));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs from a directory that has no node_modules, nor any directory above it', async () => {
    expect(dir.startsWith(repoRoot)).toBe(false);
    for (let d = dir; ; d = dirname(d)) {
      expect(existsSync(join(d, 'node_modules')), d).toBe(false);
      if (d === parse(d).root) break;
    }
    expect((await readdir(dir)).filter((f) => !f.endsWith('.json'))).toEqual(['elc.mjs']);
  });

  it('verify: exit 0 and PASSED on the valid bundle with the pinned log key', async () => {
    const r = await elc(['verify', 'valid.json', '--log-key', vectors.trust.logKeys[0] ?? '']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('结果 Result: ✓ 全部通过 PASSED');
    expect(r.stdout).not.toContain('✗');
    expect(r.stderr).toBe('');
  });

  it('verify: exit 1 with exactly its codes on each tampered bundle', async () => {
    for (const v of vectors.vectors.filter((x) => x.codes.length > 0)) {
      const r = await elc(['verify', `${v.name}.json`, '--log-key', vectors.trust.logKeys[0] ?? '', '--json']);
      expect(r.code, v.name).toBe(1);
      expect([...(JSON.parse(r.stdout) as { codes: string[] }).codes].sort(), v.name).toEqual(v.codes);
    }
  }, 120_000);

  it('verify: exit 2 without --log-key', async () => {
    expect((await elc(['verify', 'valid.json'])).code).toBe(2);
  });

  it('verify-receipts: exit 0 on receipts of the log key, 1 on a changed one', async () => {
    const origin = 'ledger.example.org/elc/370000';
    const key = generateEd25519Key(origin);
    const hasher = createLogHasher(pureHashProvider('sm3'));
    const fresh = [0, 1, 2].map((i) => ({ id: `e-${i}`, leafHash: toBase64(hasher.leafHash(utf8(`leaf ${i}`))) }));
    const receipts = issueReceipts({ origin, hasher, signer: newSigner(key.skey) }, 40, 1_763_800_000_000, fresh);
    await writeFile(join(dir, 'receipts.json'), JSON.stringify({ receipts }));
    await writeFile(join(dir, 'changed.json'), JSON.stringify({ receipts: receipts.map((r, i) => (i === 1 ? { ...r, time: r.time + 1 } : r)) }));
    const ok = await elc(['verify-receipts', 'receipts.json', '--log-key', key.vkey, '--hash', 'sm3']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('✓ receipt 2 e-2 (index 42)');
    const changed = await elc(['verify-receipts', 'changed.json', '--log-key', key.vkey, '--hash', 'sm3']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('LOG_RECEIPT_INVALID');
  });
});
