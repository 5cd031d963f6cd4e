// Token verification: the JWKS of registered org keys (ELC_JWKS_PATH) and, in embedded mode, the
// development issuer created in the data dir on first start.
import { ensureDevIssuer } from '../auth/dev-issuer.js';
import { loadKeyRegistry } from '../auth/key-registry.js';
import { createTokenVerifier, type TokenVerifier } from '../auth/token-verifier.js';
import type { GatewayConfig } from '../config.js';

export async function openAuth(config: GatewayConfig, now: () => number): Promise<TokenVerifier> {
  if (config.ledger === 'embedded') await ensureDevIssuer(config.dataDir, config.jwksPath);
  const registry = await loadKeyRegistry(config.jwksPath, now);
  return createTokenVerifier({ registry, issuer: config.jwtIssuer, audience: config.jwtAudience, now });
}
