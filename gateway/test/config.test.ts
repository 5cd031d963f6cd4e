import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, '/srv/elc');
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({}, '/srv/elc');
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir).toBe('/srv/elc/data');
    expect(c.jwksPath).toBe('/srv/elc/data/auth/jwks.json');
    expect(c.ledger).toBe('embedded');
    expect(c.hash).toBe('sha256');
    expect(c.origin).toBe('elc.example/log/dev');
    expect(c.maxEventsPerRequest).toBe(1000);
    expect(c.bodyLimitBytes).toBe(4 * 1024 * 1024);
    expect(c.batchMaxSize).toBe(256);
    expect(c.batchMaxAgeMs).toBe(250);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every variable', () => {
    const c = loadConfig(
      {
        ELC_PORT: '0',
        ELC_HOST: '0.0.0.0',
        ELC_DATA_DIR: 'var/elc',
        ELC_HASH: 'sm3',
        ELC_ORIGIN: 'rsj.example/log/370000',
        ELC_BODY_LIMIT: '512kb',
        ELC_MAX_EVENTS_PER_REQUEST: '10',
        ELC_RATE_LIMIT_PER_MINUTE: '0',
        ELC_JWKS_PATH: '/etc/elc/jwks.json',
        ELC_JWT_ISSUER: 'iss',
        ELC_JWT_AUDIENCE: 'aud',
      },
      '/srv',
    );
    expect(c).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: resolve('/srv/var/elc'),
      hash: 'sm3',
      origin: 'rsj.example/log/370000',
      bodyLimitBytes: 512 * 1024,
      maxEventsPerRequest: 10,
      rateLimitPerMinute: 0,
      jwksPath: '/etc/elc/jwks.json',
      jwtIssuer: 'iss',
      jwtAudience: 'aud',
    });
  });

  it.each([
    ['ELC_PORT', 'eighty'],
    ['ELC_PORT', '70000'],
    ['ELC_HASH', 'md5'],
    ['ELC_LEDGER', 'postgres'],
    ['ELC_ORIGIN', 'has space'],
    ['ELC_BODY_LIMIT', '1tb'],
    ['ELC_MAX_EVENTS_PER_REQUEST', '0'],
    ['ELC_BATCH_MAX_AGE_MS', '-1'],
    ['ELC_LOG_LEVEL', 'loud'],
  ])('refuses %s=%s naming the variable', (key, value) => {
    const e = configError({ [key]: value });
    expect(e.variable).toBe(key);
    expect(e.message).toContain(key);
  });

  it('refuses the fabric ledger in this build with a clear message', () => {
    const e = configError({ ELC_LEDGER: 'fabric' });
    expect(e.variable).toBe('ELC_LEDGER');
    expect(e.message).toMatch(/embedded/);
  });
});
