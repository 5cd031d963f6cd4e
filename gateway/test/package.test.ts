// @elc/gateway as a library: importing the built package starts nothing (no server, no open
// handles: the process exits by itself), and it exports the gateway factory and its config.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/support/paths.js';

const run = promisify(execFile);

describe('@elc/gateway package', () => {
  it('imports without starting anything and exports createGateway and loadConfig', async () => {
    const script = "const m = await import('@elc/gateway'); console.log(Object.keys(m).sort().join(','));";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, timeout: 30_000 });
    expect(stdout.trim().split(',')).toEqual(expect.arrayContaining(['createGateway', 'loadConfig', 'configFrom', 'ConfigError']));
  });
});
