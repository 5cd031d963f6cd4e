// The registered org keys: a JWKS file of public keys, each bound to an org. A token's `org`
// must match the org of the key that signed it; a key registered with org "*" (the dev issuer)
// may sign for any org. The file is re-read when a token names an unknown kid, at most once a
// second, so keys registered while the gateway runs are picked up without a restart.
import { readFile } from 'node:fs/promises';
import { importJWK, type JWK } from 'jose';
import { z } from 'zod';

/** Algorithms we accept, and the key types that go with them. */
export const ALLOWED_ALGS = ['EdDSA', 'ES256'] as const;
export type AllowedAlg = (typeof ALLOWED_ALGS)[number];

export const ANY_ORG = '*';
const RELOAD_MIN_INTERVAL_MS = 1000;

export interface RegisteredKey {
  readonly kid: string;
  readonly org: string;
  readonly alg: AllowedAlg;
  readonly key: CryptoKey | Uint8Array;
}

const jwkSchema = z.union([
  z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(1), kid: z.string().min(1), org: z.string().min(1), alg: z.literal('EdDSA').optional() }).loose(),
  z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().min(1), y: z.string().min(1), kid: z.string().min(1), org: z.string().min(1), alg: z.literal('ES256').optional() }).loose(),
]);
const jwksSchema = z.object({ keys: z.array(z.unknown()) });

export class KeyRegistryError extends Error {
  override readonly name = 'KeyRegistryError';
}

/** Parses and imports a JWKS document; private members are refused (the file holds public keys). */
export async function parseRegistry(doc: unknown, source: string): Promise<Map<string, RegisteredKey>> {
  const top = jwksSchema.safeParse(doc);
  if (!top.success) throw new KeyRegistryError(`${source}: not a JWKS document ({"keys": [...]})`);
  const out = new Map<string, RegisteredKey>();
  for (const [i, raw] of top.data.keys.entries()) {
    if (typeof raw === 'object' && raw !== null && 'd' in raw) {
      throw new KeyRegistryError(`${source}: keys[${i}] holds a private key; register public keys only`);
    }
    const parsed = jwkSchema.safeParse(raw);
    if (!parsed.success) {
      throw new KeyRegistryError(`${source}: keys[${i}] must be an Ed25519 (OKP) or P-256 (EC) public JWK with "kid" and "org"`);
    }
    const jwk = parsed.data;
    if (out.has(jwk.kid)) throw new KeyRegistryError(`${source}: kid "${jwk.kid}" appears twice`);
    const alg: AllowedAlg = jwk.kty === 'OKP' ? 'EdDSA' : 'ES256';
    const key = await importJWK({ ...(jwk as JWK), alg }, alg);
    out.set(jwk.kid, { kid: jwk.kid, org: jwk.org, alg, key });
  }
  return out;
}

export interface KeyRegistry {
  /** The key for `kid`, re-reading the file (rate-limited) when it is unknown. */
  lookup(kid: string): Promise<RegisteredKey | undefined>;
  /** Increments whenever the file is re-read with a different key set. */
  readonly generation: number;
}

export async function loadKeyRegistry(path: string, now: () => number = Date.now): Promise<KeyRegistry> {
  const readKeys = async (): Promise<Map<string, RegisteredKey>> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (cause) {
      throw new KeyRegistryError(`cannot read the JWKS file ${path}`, { cause });
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (cause) {
      throw new KeyRegistryError(`${path}: not JSON`, { cause });
    }
    return parseRegistry(doc, path);
  };
  let keys = await readKeys();
  let lastLoad = now();
  let generation = 0;
  return {
    get generation() {
      return generation;
    },
    async lookup(kid) {
      const hit = keys.get(kid);
      if (hit !== undefined || now() - lastLoad < RELOAD_MIN_INTERVAL_MS) return hit;
      lastLoad = now();
      try {
        const fresh = await readKeys();
        if ([...fresh.keys()].join('\n') !== [...keys.keys()].join('\n')) generation++;
        keys = fresh;
      } catch {
        // A broken file while running keeps the keys we have; the start-up load already failed loudly.
      }
      return keys.get(kid);
    },
  };
}
