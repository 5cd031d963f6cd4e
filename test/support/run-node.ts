// Running a built script as a user does, and core's golden bundle vectors that the built `elc`
// replays (test/e2e/verify-vectors.test.ts, cli/test/single-file.test.ts).
import { execFile, type ExecFileOptions } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.js';

const run = promisify(execFile);

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node <script> ...args`: its exit code, stdout and stderr, whatever the code. */
export function runNode(script: string, args: readonly string[], options: ExecFileOptions = {}): Promise<Outcome> {
  return run(process.execPath, [script, ...args], { ...options, encoding: 'utf8' }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
}

export interface BundleVectors {
  trust: { logKeys: string[] };
  vectors: { name: string; bundle: unknown; codes: string[] }[];
}

/** core/src/bundle/testdata/bundle-vectors.json: a valid bundle and single-tamper variants with their codes. */
export async function readBundleVectors(): Promise<BundleVectors> {
  return JSON.parse(await readFile(join(repoRoot, 'core', 'src', 'bundle', 'testdata', 'bundle-vectors.json'), 'utf8')) as BundleVectors;
}
