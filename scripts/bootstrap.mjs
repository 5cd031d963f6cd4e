#!/usr/bin/env node
// Makes a fresh clone runnable: installs exactly what package-lock.json pins when node_modules is
// missing or was installed from another lockfile. `npm start` and `npm test` call it first.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const lockfile = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.elc-install-stamp');

const lockHash = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';

if (installed !== lockHash) {
  if (!quiet) console.error('[bootstrap] installing dependencies from package-lock.json (npm ci)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  if (result.status !== 0) {
    console.error('[bootstrap] npm ci failed');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, lockHash + '\n');
} else if (!quiet) {
  console.error('[bootstrap] dependencies up to date');
}
