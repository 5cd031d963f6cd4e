// The built artefacts as users run them: `elc token` prints a token the started gateway accepts,
// `elc key` prints the key the gateway serves, and a bad ELC_* variable stops the start with
// exit code 2 and a message naming it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent } from '../../gateway/test/support/events.js';
import { repoRoot } from '../support/paths.js';
import { gatewayMain, startChildGateway, type ChildGateway } from './support/child-gateway.js';

const run = promisify(execFile);
const cliMain = join(repoRoot, 'gateway', 'dist', 'cli', 'main.js');

describe('elc CLI and gateway start', () => {
  let dataDir: string;
  let gw: ChildGateway | undefined;
  const env = (extra: Record<string, string> = {}) => ({ ...process.env, ELC_DATA_DIR: dataDir, ...extra });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'elc-cli-e2e-'));
  });
  afterAll(async () => {
    if (gw !== undefined && gw.child.exitCode === null) {
      gw.child.kill('SIGTERM');
      await gw.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('elc token prints a token the gateway accepts; elc key prints the served key', async () => {
    gw = await startChildGateway(dataDir);
    const { stdout: token } = await run(process.execPath, [cliMain, 'token', '--role', 'vendor', '--org', 'cli-org', '--region', '370102'], { env: env() });
    const r = await fetch(`${gw.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.trim()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [makeEvent(1)] }),
    });
    expect(r.status).toBe(202);
    const { stdout: vkey } = await run(process.execPath, [cliMain, 'key'], { env: env() });
    expect(vkey.trim()).toBe((await (await fetch(`${gw.url}/v1/log/key`)).text()).trim());
  });

  it('elc token refuses a bad role with exit code 2', async () => {
    const e = (await run(process.execPath, [cliMain, 'token', '--role', 'root', '--org', 'x', '--region', '370102'], { env: env() }).catch(
      (x: unknown) => x,
    )) as { code?: number; stderr?: string };
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/--role/);
  });

  it.each([
    ['ELC_PORT', 'eighty'],
    ['ELC_HASH', 'md5'],
    ['ELC_LEDGER', 'fabric'],
  ])('the gateway refuses %s=%s at start, naming it', async (name, value) => {
    const e = (await run(process.execPath, [gatewayMain], { env: env({ [name]: value }) }).catch((x: unknown) => x)) as { code?: number; stderr?: string };
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(name);
  });
});
