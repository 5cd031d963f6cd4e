import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isElcError } from '@elc/core';
import { devIssuerKeyPath, ensureDevIssuer, issueToken } from '../src/auth/dev-issuer.js';
import { KeyRegistryError, loadKeyRegistry } from '../src/auth/key-registry.js';
import { createTokenVerifier, type TokenVerifier } from '../src/auth/token-verifier.js';
import { codeOf } from './support/errors.js';

const ISS = 'elc-test';
const AUD = 'elc-test-api';
const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);

async function orgKey(kid: string, org: string, kind: 'EdDSA' | 'ES256' = 'EdDSA'): Promise<{ priv: JWK; pub: JWK & { org: string } }> {
  const { privateKey, publicKey } = await generateKeyPair(kind, { extractable: true });
  return { priv: { ...(await exportJWK(privateKey)), kid }, pub: { ...(await exportJWK(publicKey)), kid, org } };
}

describe('auth', () => {
  let dir: string;
  let jwksPath: string;
  let dev: JWK;
  let now: number;
  let verify: TokenVerifier;
  const clock = (): number => now;
  const issue = (claims: { org: string; role: 'vendor' | 'bureau' | 'arbitration' | 'regulator'; region: string }, key: JWK = dev, ttl = 3600) =>
    issueToken(key, claims, { issuer: ISS, audience: AUD, ttlSeconds: ttl, now: clock });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-auth-'));
    jwksPath = join(dir, 'auth', 'jwks.json');
    now = T0;
    dev = await ensureDevIssuer(dir, jwksPath);
    verify = createTokenVerifier({ registry: await loadKeyRegistry(jwksPath, clock), issuer: ISS, audience: AUD, now: clock });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the dev issuer once, private key mode 0600, public half registered for any org', async () => {
    expect((await stat(devIssuerKeyPath(dir))).mode & 0o777).toBe(0o600);
    const again = await ensureDevIssuer(dir, jwksPath);
    expect(again.d).toBe(dev.d);
    const jwks = JSON.parse(await readFile(jwksPath, 'utf8')) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: 'dev-issuer', org: '*' });
    expect(jwks.keys[0]?.['d']).toBeUndefined();
  });

  it('accepts a dev token and returns its claims', async () => {
    const p = await verify(await issue({ org: 'vendor-a', role: 'vendor', region: '370102' }));
    expect(p).toEqual({ org: 'vendor-a', role: 'vendor', region: '370102', kid: 'dev-issuer' });
  });

  it('refuses an expired token, also when it was cached while valid', async () => {
    const token = await issue({ org: 'v', role: 'vendor', region: '370102' }, dev, 60);
    await verify(token);
    now = T0 + 60_000 + 31_000;
    expect(await codeOf(verify(token))).toBe('AUTH_EXPIRED');
    const fresh = await issue({ org: 'v', role: 'vendor', region: '370102' }, dev, 60);
    now = T0 + 10 * 60_000;
    expect(await codeOf(verify(fresh))).toBe('AUTH_EXPIRED');
  });

  it('refuses a token that is not valid yet', async () => {
    now = T0 + 3600_000;
    const token = await issue({ org: 'v', role: 'vendor', region: '370102' });
    now = T0;
    expect(await codeOf(verify(token))).toBe('AUTH_CLAIMS_INVALID');
  });

  it('refuses other issuers and audiences', async () => {
    const key = await (await import('jose')).importJWK(dev, 'EdDSA');
    const base = () =>
      new SignJWT({ org: 'v', role: 'vendor', region: '370102' })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'dev-issuer' })
        .setIssuedAt(T0 / 1000)
        .setExpirationTime(T0 / 1000 + 600);
    expect(await codeOf(verify(await base().setIssuer('evil').setAudience(AUD).sign(key)))).toBe('AUTH_CLAIMS_INVALID');
    expect(await codeOf(verify(await base().setIssuer(ISS).setAudience('other').sign(key)))).toBe('AUTH_CLAIMS_INVALID');
    expect(await codeOf(verify(await base().setIssuer(ISS).setAudience(AUD).sign(key)))).toBe('OK');
  });

  it('refuses a token without exp', async () => {
    const key = await (await import('jose')).importJWK(dev, 'EdDSA');
    const t = await new SignJWT({ org: 'v', role: 'vendor', region: '370102' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'dev-issuer' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .sign(key);
    expect(await codeOf(verify(t))).toBe('AUTH_CLAIMS_INVALID');
  });

  it('refuses a token signed by another key under a registered kid', async () => {
    const other = await orgKey('dev-issuer', '*');
    expect(await codeOf(verify(await issue({ org: 'v', role: 'vendor', region: '370102' }, other.priv)))).toBe('AUTH_INVALID');
  });

  it('refuses an unregistered kid, then accepts it once registered in the JWKS file', async () => {
    const k = await orgKey('org-b-1', 'org-b');
    const token = await issue({ org: 'org-b', role: 'vendor', region: '110101' }, k.priv);
    expect(await codeOf(verify(token))).toBe('AUTH_UNKNOWN_KEY');
    const jwks = JSON.parse(await readFile(jwksPath, 'utf8')) as { keys: JWK[] };
    await writeFile(jwksPath, JSON.stringify({ keys: [...jwks.keys, k.pub] }));
    now += 2000;
    expect((await verify(token)).org).toBe('org-b');
  });

  it('binds org keys to their org and accepts ES256', async () => {
    const k = await orgKey('org-c-1', 'org-c', 'ES256');
    const jwks = JSON.parse(await readFile(jwksPath, 'utf8')) as { keys: JWK[] };
    await writeFile(jwksPath, JSON.stringify({ keys: [...jwks.keys, k.pub] }));
    now += 2000;
    expect((await verify(await issue({ org: 'org-c', role: 'bureau', region: '370000' }, k.priv))).role).toBe('bureau');
    expect(await codeOf(verify(await issue({ org: 'org-d', role: 'bureau', region: '370000' }, k.priv)))).toBe('AUTH_INVALID');
  });

  it('refuses algorithms outside the allow-list (HS256, none)', async () => {
    const hs = await new SignJWT({ org: 'v', role: 'vendor', region: '370102' })
      .setProtectedHeader({ alg: 'HS256', kid: 'dev-issuer' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setExpirationTime(T0 / 1000 + 600)
      .sign(new TextEncoder().encode('a shared secret of enough length!!'));
    expect(await codeOf(verify(hs))).toBe('AUTH_INVALID');
    const none = `${Buffer.from('{"alg":"none","kid":"dev-issuer"}').toString('base64url')}.${Buffer.from('{"org":"v"}').toString('base64url')}.`;
    expect(await codeOf(verify(none))).toBe('AUTH_INVALID');
    expect(await codeOf(verify('not-a-jwt'))).toBe('AUTH_INVALID');
  });

  it.each([
    [{ org: 'v', role: 'admin', region: '370102' }, 'role'],
    [{ org: 'v', role: 'vendor', region: '37010' }, 'region'],
    [{ org: 'has space', role: 'vendor', region: '370102' }, 'org'],
  ])('refuses bad claims %j', async (claims, field) => {
    const key = await (await import('jose')).importJWK(dev, 'EdDSA');
    const t = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: 'dev-issuer' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setExpirationTime(T0 / 1000 + 600)
      .sign(key);
    try {
      await verify(t);
      expect.unreachable();
    } catch (e) {
      expect(isElcError(e, 'AUTH_CLAIMS_INVALID')).toBe(true);
      expect(isElcError(e) ? e.field : undefined).toBe(field);
    }
  });

  it('refuses a JWKS file that holds private keys', async () => {
    await writeFile(jwksPath, JSON.stringify({ keys: [{ ...dev, org: '*' }] }));
    await expect(loadKeyRegistry(jwksPath)).rejects.toBeInstanceOf(KeyRegistryError);
  });
});
