// Where checkpoint timestamps come from: the configured RFC 3161 TSA (ELC_TSA_URL with its roots
// from ELC_TSA_ROOTS) or, by default, the LOCAL development TSA in <dataDir>/tsa/. Either way a
// token is returned only after core has verified it against the trusted roots.
import { webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  ElcError,
  buildTimestampRequest,
  derToPem,
  parseTimestampResponse,
  pemToDerAll,
  verifyTimestampToken,
  type HashAlg,
  type TimestampInfo,
} from '@elc/core';
import { loadOrCreateLocalTsa, type LocalTsa } from './local-tsa.js';
import { requestTimestamp } from './tsa-client.js';

export interface TsaSource {
  /** 'local' for the built-in development TSA, 'remote' for ELC_TSA_URL. */
  readonly kind: 'local' | 'remote';
  /** What bundles name as the signer: the local TSA's name, or the TSA URL. */
  readonly name: string;
  /** DER roots a verifier should trust for this TSA's tokens. */
  readonly trustedRoots: readonly Uint8Array[];
  /** PEM of the TSA certificate when known (the local one), for bundles. */
  readonly certificatePem: string | undefined;
  /** The local TSA itself, to mount at POST /tsa; undefined for a remote TSA. */
  readonly local: LocalTsa | undefined;
  /** A verified token over `data` (TSA_UNAVAILABLE when it cannot be reached: retry later). */
  timestamp(data: Uint8Array): Promise<{ token: Uint8Array; info: TimestampInfo }>;
}

export interface TsaSourceOptions {
  readonly dataDir: string;
  readonly hashAlg: HashAlg;
  /** ELC_TSA_URL; undefined selects the local TSA. */
  readonly url?: string | undefined;
  /** ELC_TSA_ROOTS: a PEM file of the remote TSA's roots (required with url). */
  readonly rootsPath?: string | undefined;
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs?: number;
}

const NONCE_BYTES = 16;

export async function openTsaSource(o: TsaSourceOptions): Promise<TsaSource> {
  if (o.url === undefined) {
    const tsa = await loadOrCreateLocalTsa(o.dataDir);
    const roots = [tsa.rootCertificateDer];
    return {
      kind: 'local',
      name: tsa.name,
      trustedRoots: roots,
      certificatePem: tsa.certificatePem,
      local: tsa,
      // In process: the same query and verification as over HTTP, without the round trip.
      async timestamp(data) {
        const nonce = webcrypto.getRandomValues(new Uint8Array(NONCE_BYTES));
        const reply = await tsa.issue(buildTimestampRequest(data, { hashAlg: o.hashAlg, nonce, certReq: true }));
        const token = parseTimestampResponse(reply);
        const info = await verifyTimestampToken(token, { data, nonce, trustedRoots: roots });
        return { token, info };
      },
    };
  }
  if (o.rootsPath === undefined) throw new ElcError('TSA_ROOTS_MISSING', 'ELC_TSA_URL needs ELC_TSA_ROOTS (a PEM file of the TSA roots)');
  const roots = pemToDerAll(await readFile(o.rootsPath, 'utf8'));
  if (roots.length === 0) throw new ElcError('TSA_ROOTS_MISSING', `${o.rootsPath} holds no certificate`);
  const url = o.url;
  return {
    kind: 'remote',
    name: url,
    trustedRoots: roots,
    certificatePem: undefined,
    local: undefined,
    timestamp: (data) =>
      requestTimestamp(url, data, {
        trustedRoots: roots,
        hashAlg: o.hashAlg,
        ...(o.fetch === undefined ? {} : { fetch: o.fetch }),
        ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
      }),
  };
}

/** PEM of DER roots, for operators who want the local root (tests, docs). */
export function rootsPem(source: TsaSource): string {
  return source.trustedRoots.map((d) => derToPem(d)).join('');
}
