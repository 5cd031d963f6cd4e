// `elc token`: prints a JWT signed by the dev issuer key in the data dir, accepted by a gateway
// that uses the same data dir and ELC_JWT_* settings. Development only: production tokens are
// signed by each org's own registered key.
import { CliUsageError } from '@elc/cli';
import { ORG_PATTERN, REGION_PATTERN, ROLES, isRole } from '@elc/core';
import { ensureDevIssuer, issueToken } from '../auth/dev-issuer.js';
import type { GatewayConfig } from '../config.js';

export interface TokenOptions {
  readonly role: string;
  readonly org: string;
  readonly region: string;
  readonly ttl: string;
}

export async function tokenCommand(config: GatewayConfig, opts: TokenOptions): Promise<string> {
  if (!isRole(opts.role)) throw new CliUsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (!ORG_PATTERN.test(opts.org)) throw new CliUsageError('--org must be 1-127 letters, digits or ._:-');
  if (!REGION_PATTERN.test(opts.region)) throw new CliUsageError('--region must be a six-digit GB/T 2260 code, e.g. 370102');
  if (!/^[1-9]\d{0,7}$/.test(opts.ttl)) throw new CliUsageError('--ttl must be a number of seconds');
  if (config.ledger !== 'embedded') throw new CliUsageError('dev tokens exist only in the embedded mode');
  const key = await ensureDevIssuer(config.dataDir, config.jwksPath);
  return issueToken(key, { org: opts.org, role: opts.role, region: opts.region }, {
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    ttlSeconds: Number(opts.ttl),
  });
}
