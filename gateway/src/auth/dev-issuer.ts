// Dev keys for the embedded default: on first start the gateway creates an Ed25519 issuer key
// (private JWK in <data>/auth/dev-issuer.key.json, mode 0600) and registers its public half in
// the JWKS file with org "*", so `elc token` can mint tokens for any org in development.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { ANY_ORG } from './key-registry.js';
import type { Role } from '@elc/core';

export const DEV_ISSUER_KID = 'dev-issuer';
export const DEV_ISSUER_KEY_FILE = 'dev-issuer.key.json';

export function devIssuerKeyPath(dataDir: string): string {
  return join(dataDir, 'auth', DEV_ISSUER_KEY_FILE);
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function writeAtomic(path: string, text: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode });
  await chmod(tmp, mode);
  await rename(tmp, path);
}

/**
 * Makes sure the dev issuer key exists and is registered in the JWKS file; returns its private JWK.
 * Idempotent: later starts reuse the key.
 */
export async function ensureDevIssuer(dataDir: string, jwksPath: string): Promise<JWK> {
  const keyPath = devIssuerKeyPath(dataDir);
  await mkdir(dirname(keyPath), { recursive: true, mode: 0o700 });
  let priv = (await readJson(keyPath)) as JWK | undefined;
  if (priv === undefined) {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    priv = { ...(await exportJWK(privateKey)), kid: DEV_ISSUER_KID, alg: 'EdDSA' };
    await writeAtomic(keyPath, JSON.stringify(priv, null, 2) + '\n', 0o600);
  }
  const { d: _d, ...pub } = priv;
  await mkdir(dirname(jwksPath), { recursive: true, mode: 0o700 });
  const jwks = ((await readJson(jwksPath)) as { keys?: unknown[] } | undefined) ?? { keys: [] };
  const keys = Array.isArray(jwks.keys) ? jwks.keys : [];
  const registered = keys.some((k) => typeof k === 'object' && k !== null && (k as { kid?: unknown }).kid === priv.kid);
  if (!registered) {
    keys.push({ ...pub, use: 'sig', org: ANY_ORG });
    await writeAtomic(jwksPath, JSON.stringify({ ...jwks, keys }, null, 2) + '\n', 0o644);
  }
  return priv;
}

export async function readDevIssuer(dataDir: string): Promise<JWK | undefined> {
  return (await readJson(devIssuerKeyPath(dataDir))) as JWK | undefined;
}

export interface TokenClaims {
  readonly org: string;
  readonly role: Role;
  readonly region: string;
}

export interface IssueOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
  readonly now?: () => number;
}

/** Signs a token with a private JWK (EdDSA or ES256); used by `elc token` and tests. */
export async function issueToken(privateJwk: JWK, claims: TokenClaims, opts: IssueOptions): Promise<string> {
  const alg = privateJwk.kty === 'EC' ? 'ES256' : 'EdDSA';
  const key = await importJWK(privateJwk, alg);
  const iat = Math.floor((opts.now ?? Date.now)() / 1000);
  return new SignJWT({ org: claims.org, role: claims.role, region: claims.region })
    .setProtectedHeader({ alg, kid: privateJwk.kid ?? DEV_ISSUER_KID, typ: 'JWT' })
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setSubject(claims.org)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + opts.ttlSeconds)
    .sign(key);
}
