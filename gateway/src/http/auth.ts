// Express glue for auth: `authenticate` verifies the bearer token and puts the Principal on
// res.locals; `requireRole` refuses other roles with 403.
import type { RequestHandler, Response } from 'express';
import { httpError } from '../errors/codes.js';
import type { Role } from '@elc/core';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

export function principalOf(res: Response): Principal {
  const p = res.locals['principal'] as Principal | undefined;
  if (p === undefined) throw new Error('principalOf used on a route without authenticate');
  return p;
}

/** The token of an `Authorization: Bearer <token>` header value; undefined if it is not one. */
export function bearerToken(header: string): string | undefined {
  return BEARER.exec(header)?.[1];
}

export function authenticate(verify: TokenVerifier): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || header === '') {
      next(httpError('AUTH_MISSING', 'this route needs "Authorization: Bearer <token>"'));
      return;
    }
    const token = bearerToken(header);
    if (token === undefined) {
      next(httpError('AUTH_INVALID', 'the Authorization header is not "Bearer <token>"'));
      return;
    }
    verify(token).then(
      (principal) => {
        res.locals['principal'] = principal;
        next();
      },
      (e: unknown) => next(e),
    );
  };
}

export function requireRole(...roles: readonly Role[]): RequestHandler {
  return (_req, res, next) => {
    const p = principalOf(res);
    if (!roles.includes(p.role)) {
      next(httpError('FORBIDDEN_ROLE', `role "${p.role}" may not use this route (allowed: ${roles.join(', ')})`));
      return;
    }
    next();
  };
}
