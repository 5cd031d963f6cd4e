import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliUsageError } from '@elc/cli';
import { loadKeyRegistry } from '../src/auth/key-registry.js';
import { createTokenVerifier } from '../src/auth/token-verifier.js';
import { keyCommand } from '../src/cli/key.js';
import { tokenCommand } from '../src/cli/token.js';
import { configFrom, type GatewayConfig } from '../src/config.js';
import { openLogForConfig } from '../src/compose/log.js';

describe('elc token', () => {
  let dir: string;
  let config: GatewayConfig;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-cli-'));
    config = configFrom({ ELC_DATA_DIR: dir });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a token the gateway configuration accepts, with the asked claims', async () => {
    const token = await tokenCommand(config, { role: 'bureau', org: 'rsj-37', region: '370000', ttl: '600' });
    const verify = createTokenVerifier({ registry: await loadKeyRegistry(config.jwksPath), issuer: config.jwtIssuer, audience: config.jwtAudience });
    expect(await verify(token)).toMatchObject({ org: 'rsj-37', role: 'bureau', region: '370000' });
    const other = createTokenVerifier({ registry: await loadKeyRegistry(config.jwksPath), issuer: config.jwtIssuer, audience: 'someone-else' });
    await expect(other(token)).rejects.toMatchObject({ code: 'AUTH_CLAIMS_INVALID' });
  });

  it.each([
    [{ role: 'admin', org: 'o', region: '370000', ttl: '60' }, /--role/],
    [{ role: 'vendor', org: 'a b', region: '370000', ttl: '60' }, /--org/],
    [{ role: 'vendor', org: 'o', region: '37', ttl: '60' }, /--region/],
    [{ role: 'vendor', org: 'o', region: '370000', ttl: '0' }, /--ttl/],
  ])('refuses bad options %j', async (opts, message) => {
    const e: unknown = await tokenCommand(config, opts).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CliUsageError);
    expect((e as Error).message).toMatch(message);
  });
});

describe('elc key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-cli-key-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the vkey the gateway serves at /v1/log/key, stable across calls', async () => {
    const config = configFrom({ ELC_DATA_DIR: dir, ELC_ORIGIN: 'elc.test/log/cli' });
    const vkey = await keyCommand(config);
    expect(vkey).toMatch(/^elc\.test\/log\/cli\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/);
    expect(await keyCommand(config)).toBe(vkey);
    const log = await openLogForConfig(config);
    try {
      expect(log.verifierKey?.trim()).toBe(vkey);
    } finally {
      await log.close();
    }
  });

  it('refuses a data dir whose key belongs to another origin', async () => {
    await keyCommand(configFrom({ ELC_DATA_DIR: dir, ELC_ORIGIN: 'elc.test/log/a' }));
    await expect(keyCommand(configFrom({ ELC_DATA_DIR: dir, ELC_ORIGIN: 'elc.test/log/b' }))).rejects.toMatchObject({ code: 'LOG_KEY_INVALID' });
  });
});
