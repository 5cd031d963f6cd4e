// The golden bundle vectors (core/src/bundle/testdata/bundle-vectors.json) replayed through the
// built CLI as a user runs it: the valid bundle exits 0 with a readable bilingual report, each
// tampered one exits 1 with exactly its recorded codes, usage errors exit 2.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519Key } from '@elc/core';
import { repoRoot } from '../support/paths.js';
import { readBundleVectors, runNode, type BundleVectors as Vectors, type Outcome } from '../support/run-node.js';

const cliMain = join(repoRoot, 'gateway', 'dist', 'cli', 'main.js');

const elc = (args: string[]): Promise<Outcome> => runNode(cliMain, args);

describe('elc verify replays the golden bundle vectors', () => {
  let dir: string;
  let vectors: Vectors;
  let keyFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-verify-vectors-'));
    vectors = await readBundleVectors();
    keyFile = join(dir, 'log.vkey');
    await writeFile(keyFile, `${vectors.trust.logKeys.join('\n')}\n`);
    for (const v of vectors.vectors) await writeFile(join(dir, `${v.name}.json`), JSON.stringify(v.bundle, null, 2));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has tampered vectors to replay', () => {
    expect(vectors.vectors.filter((v) => v.codes.length > 0).length).toBeGreaterThan(10);
  });

  it('exits 0 on the valid bundle with a report in Chinese and English', async () => {
    const r = await elc(['verify', join(dir, 'valid.json'), '--log-key', keyFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('结果 Result: ✓ 全部通过 PASSED');
    expect(r.stdout).toMatch(/✓ checkpoint\n {4}检查点.*\n {4}The checkpoint/);
    expect(r.stdout).not.toContain('✗');
    expect(r.stderr).toBe('');
  });

  it('takes the key as text as well as a file', async () => {
    const r = await elc(['verify', join(dir, 'valid.json'), '--log-key', vectors.trust.logKeys[0] ?? '', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { ok: boolean }).ok).toBe(true);
  });

  it('exits 1 on each tampered vector with exactly its codes (text and --json)', async () => {
    // Child processes in parallel: each check below is about one vector's own output.
    await Promise.all(
      vectors.vectors
        .filter((x) => x.codes.length > 0)
        .map(async (v) => {
          const [json, text] = await Promise.all([
            elc(['verify', join(dir, `${v.name}.json`), '--log-key', keyFile, '--json']),
            elc(['verify', join(dir, `${v.name}.json`), '--log-key', keyFile]),
          ]);
          expect(json.code, v.name).toBe(1);
          const report = JSON.parse(json.stdout) as { ok: boolean; codes: string[]; checks: { ok: boolean; code?: string }[] };
          expect(report.ok, v.name).toBe(false);
          expect([...report.codes].sort(), v.name).toEqual(v.codes);
          expect(json.stderr, v.name).toContain(`FAILED ${report.codes.join(', ')}`);
          expect(text.code, v.name).toBe(1);
          for (const code of v.codes) expect(text.stdout, v.name).toMatch(new RegExp(`✗ \\S+ +\\[${code}`));
          expect(text.stdout, v.name).toContain('未通过 FAILED');
        }),
    );
  }, 120_000);

  it("fails with BUNDLE_CHECKPOINT_UNTRUSTED_KEY when the pinned key is another log's", async () => {
    const other = generateEd25519Key('ledger.example.org/elc/110000').vkey;
    const r = await elc(['verify', join(dir, 'valid.json'), '--log-key', other, '--json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { codes: string[] }).codes).toEqual(['BUNDLE_CHECKPOINT_UNTRUSTED_KEY']);
  });

  it('exits 1 with BUNDLE_MALFORMED for a file that is not JSON', async () => {
    const file = join(dir, 'not-json.json');
    await writeFile(file, '{"v":1,');
    const r = await elc(['verify', file, '--log-key', keyFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('BUNDLE_MALFORMED');
  });

  it('exits 2 for usage errors', async () => {
    expect((await elc(['verify', join(dir, 'valid.json')])).code).toBe(2); // no --log-key
    expect((await elc(['verify', join(dir, 'missing.json'), '--log-key', keyFile])).code).toBe(2);
    expect((await elc(['verify', join(dir, 'valid.json'), '--log-key', 'not a key'])).code).toBe(2);
    expect((await elc(['verify', join(dir, 'valid.json'), '--log-key', keyFile, '--tsa-cert', join(dir, 'valid.json')])).code).toBe(2);
  });
});
