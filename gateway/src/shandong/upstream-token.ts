// The city org's token at the upstream, minted from its private JWK (ELC_UPSTREAM_JWK) instead of
// a fixed ELC_UPSTREAM_TOKEN: short-lived (5 minutes), minted again a minute before it expires.
// The upstream registers the public half in its jwks.json under the city org.
import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { issueToken, type TokenClaims } from '../auth/dev-issuer.js';

export const UPSTREAM_TOKEN_TTL_SECONDS = 300;
const RENEW_BEFORE_MS = 60_000;

export interface UpstreamMinter {
  readonly jwk: JWK;
  readonly claims: TokenClaims;
  readonly issuer: string;
  readonly audience: string;
  readonly now?: () => number;
}

export async function readPrivateJwk(path: string): Promise<JWK> {
  const jwk = JSON.parse(await readFile(path, 'utf8')) as JWK;
  if (typeof jwk.d !== 'string' || typeof jwk.kid !== 'string') throw new Error(`${path} is not a private JWK with a kid`);
  return jwk;
}

/** A function answering a valid token, minted when the cached one is about to expire. */
export function upstreamTokenMinter(m: UpstreamMinter): () => Promise<string> {
  const now = m.now ?? Date.now;
  let cached: { token: string; exp: number } | undefined;
  return async () => {
    if (cached !== undefined && cached.exp - RENEW_BEFORE_MS > now()) return cached.token;
    const token = await issueToken(m.jwk, m.claims, { issuer: m.issuer, audience: m.audience, ttlSeconds: UPSTREAM_TOKEN_TTL_SECONDS, now });
    cached = { token, exp: now() + UPSTREAM_TOKEN_TTL_SECONDS * 1000 };
    return token;
  };
}
