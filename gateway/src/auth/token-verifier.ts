// Bearer token verification with jose: strict algorithm allow-list, iss/aud/exp/nbf, the org
// claims, and the org binding of the signing key. Verified tokens are cached until they expire
// so a client that reuses its token pays for one signature check, not one per request.
import { errors, jwtVerify, decodeProtectedHeader } from 'jose';
import type { ElcError } from '@elc/core';
import { httpError } from '../errors/codes.js';
import { ALLOWED_ALGS, ANY_ORG, type KeyRegistry } from './key-registry.js';
import { principalClaimsSchema, type Principal } from './principal.js';

/** Allowed clock skew between the token issuer and the gateway. */
export const CLOCK_TOLERANCE_SECONDS = 30;
const CACHE_MAX_ENTRIES = 10_000;
/** Tokens longer than this are refused before any parsing. */
const MAX_TOKEN_LENGTH = 8192;

export interface TokenVerifierOptions {
  readonly registry: KeyRegistry;
  readonly issuer: string;
  readonly audience: string;
  /** Milliseconds since the epoch; injected so tests are deterministic. */
  readonly now?: () => number;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

interface CacheEntry {
  readonly principal: Principal;
  readonly exp: number;
  readonly nbf: number;
  readonly generation: number;
}

function mapJoseError(e: unknown): ElcError {
  if (e instanceof errors.JWTExpired) return httpError('AUTH_EXPIRED', 'the token has expired', undefined, e);
  if (e instanceof errors.JWTClaimValidationFailed) {
    return httpError('AUTH_CLAIMS_INVALID', `the token's "${e.claim}" claim is not acceptable`, undefined, e);
  }
  if (e instanceof errors.JOSEAlgNotAllowed) return httpError('AUTH_INVALID', 'the token algorithm is not allowed', undefined, e);
  if (e instanceof errors.JWSSignatureVerificationFailed) return httpError('AUTH_INVALID', 'the token signature does not verify', undefined, e);
  return httpError('AUTH_INVALID', 'the token is malformed', undefined, e);
}

export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const now = opts.now ?? Date.now;
  const cache = new Map<string, CacheEntry>();

  return async (token) => {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw httpError('AUTH_INVALID', 'the token is malformed');
    const nowSec = Math.floor(now() / 1000);
    const cached = cache.get(token);
    if (cached !== undefined && cached.generation === opts.registry.generation) {
      if (nowSec > cached.exp + CLOCK_TOLERANCE_SECONDS) {
        cache.delete(token);
        throw httpError('AUTH_EXPIRED', 'the token has expired');
      }
      if (nowSec + CLOCK_TOLERANCE_SECONDS >= cached.nbf) return cached.principal;
    }

    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch (e) {
      throw httpError('AUTH_INVALID', 'the token is malformed', undefined, e);
    }
    if (typeof kid !== 'string' || kid.length === 0) throw httpError('AUTH_UNKNOWN_KEY', 'the token names no key (kid)');
    const registered = await opts.registry.lookup(kid);
    if (registered === undefined) throw httpError('AUTH_UNKNOWN_KEY', 'the token is signed by a key that is not registered');

    let payload: Record<string, unknown>;
    try {
      const result = await jwtVerify(token, registered.key, {
        algorithms: [registered.alg].filter((a) => (ALLOWED_ALGS as readonly string[]).includes(a)),
        issuer: opts.issuer,
        audience: opts.audience,
        requiredClaims: ['exp', 'org', 'role', 'region'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now()),
      });
      payload = result.payload;
    } catch (e) {
      throw mapJoseError(e);
    }

    const claims = principalClaimsSchema.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0];
      throw httpError('AUTH_CLAIMS_INVALID', issue?.message ?? 'bad claims', issue?.path.join('.'));
    }
    if (registered.org !== ANY_ORG && registered.org !== claims.data.org) {
      throw httpError('AUTH_INVALID', `key "${kid}" is not registered for org "${claims.data.org}"`);
    }
    const principal: Principal = Object.freeze({ ...claims.data, kid });
    if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
    cache.set(token, {
      principal,
      exp: typeof payload['exp'] === 'number' ? payload['exp'] : 0,
      nbf: typeof payload['nbf'] === 'number' ? payload['nbf'] : 0,
      generation: opts.registry.generation,
    });
    return principal;
  };
}
