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
    expect(c.batchMaxAgeMs).toBe(10);
    expect(c.tileCacheTiles).toBe(4096);
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
        ELC_TILE_CACHE_TILES: '0',
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
      tileCacheTiles: 0,
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
    ['ELC_TILE_CACHE_TILES', 'lots'],
  ])('refuses %s=%s naming the variable', (key, value) => {
    const e = configError({ [key]: value });
    expect(e.variable).toBe(key);
    expect(e.message).toContain(key);
  });

  const FABRIC_ENV = {
    ELC_LEDGER: 'fabric',
    ELC_FABRIC_PEER_ENDPOINT: 'localhost:7051',
    ELC_FABRIC_PEER_HOST_ALIAS: 'peer0.bureau.elc.test',
    ELC_FABRIC_TLS_CERT: 'network/out/gateway/bureau/tls-ca.pem',
    ELC_FABRIC_MSP_ID: 'BureauMSP',
    ELC_FABRIC_CERT: '/etc/elc/cert.pem',
    ELC_FABRIC_KEY: '/etc/elc/key.pem',
    ELC_FABRIC_CHANNEL: 'elc',
    ELC_FABRIC_CHAINCODE: 'elc',
  };

  it('reads the ELC_FABRIC_* settings with ELC_LEDGER=fabric, paths resolved against the working directory', () => {
    const c = loadConfig(FABRIC_ENV, '/srv/elc');
    expect(c.ledger).toBe('fabric');
    expect(c.fabric).toEqual({
      peerEndpoint: 'localhost:7051',
      peerHostAlias: 'peer0.bureau.elc.test',
      tlsCertPath: '/srv/elc/network/out/gateway/bureau/tls-ca.pem',
      mspId: 'BureauMSP',
      certPath: '/etc/elc/cert.pem',
      keyPath: '/etc/elc/key.pem',
      channel: 'elc',
      chaincode: 'elc',
    });
    expect(loadConfig({}, '/srv/elc').fabric).toBeUndefined();
  });

  it.each([
    ['ELC_FABRIC_PEER_ENDPOINT', ''],
    ['ELC_FABRIC_PEER_ENDPOINT', 'localhost'],
    ['ELC_FABRIC_KEY', ''],
    ['ELC_FABRIC_CHANNEL', 'Elc Channel'],
    ['ELC_FABRIC_CHAINCODE', 'elc/../x'],
    ['ELC_FABRIC_PEER_HOST_ALIAS', 'peer0 bureau'],
  ])('with ELC_LEDGER=fabric refuses %s=%s naming the variable (and ELC_LEDGER when it is missing)', (key, value) => {
    const e = configError({ ...FABRIC_ENV, [key]: value });
    expect(e.variable).toBe(key);
    expect(e.message).toContain(key);
    if (value === '') expect(e.message).toContain('ELC_LEDGER=fabric');
  });
});
