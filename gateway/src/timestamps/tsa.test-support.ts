// Test helpers: a throwaway hierarchy with the root key kept (the local TSA drops it), so tests can
// issue odd TSA certificates; byte-level tampering of DER.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as asn1js from 'asn1js';
import type { Certificate } from 'pkijs';
import { certificateDer, createCertificate, generateP256KeyPair } from './certificates.js';
import { createTokenIssuer, type TokenIssuer } from './token-issuer.js';

export const FIXED_NOW = new Date('2026-03-01T12:34:56.789Z');
export const fixedClock = () => FIXED_NOW;

export async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `elc-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface TestHierarchy {
  rootDer: Uint8Array;
  /** Issues a TSA certificate under the root for a fresh key (or the given one) and a token issuer for it. */
  tsa(options?: { timestamping?: boolean; keys?: CryptoKeyPair; serialNumber?: asn1js.Integer; years?: number }): Promise<{
    certificate: Certificate;
    der: Uint8Array;
    keys: CryptoKeyPair;
    issuer: TokenIssuer;
  }>;
}

export async function testHierarchy(name = 'test'): Promise<TestHierarchy> {
  const notBefore = new Date(FIXED_NOW.getTime() - 86_400_000);
  const rootKeys = await generateP256KeyPair();
  const root = await createCertificate({
    subject: { commonName: `${name} root` },
    publicKey: rootKeys.publicKey,
    privateKey: rootKeys.privateKey,
    issuer: 'self',
    notBefore,
    notAfter: new Date(Date.UTC(2040, 0, 1)),
    ca: true,
  });
  return {
    rootDer: certificateDer(root.certificate),
    async tsa(options = {}) {
      const keys = options.keys ?? (await generateP256KeyPair());
      const { certificate } = await createCertificate({
        subject: { commonName: `${name} TSA` },
        publicKey: keys.publicKey,
        issuer: { name: root.certificate.subject, privateKey: rootKeys.privateKey, keyId: root.keyId },
        notBefore,
        notAfter: new Date(Date.UTC(2030 + (options.years ?? 0), 0, 1)),
        ca: false,
        ...(options.timestamping === undefined ? {} : { timestamping: options.timestamping }),
        ...(options.serialNumber === undefined ? {} : { serialNumber: options.serialNumber }),
      });
      const issuer = createTokenIssuer({ certificate, privateKey: keys.privateKey, policy: '2.999.3161', clock: fixedClock, accuracySeconds: 1 });
      return { certificate, der: certificateDer(certificate), keys, issuer };
    },
  };
}

export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** A copy with one bit flipped at the first occurrence of `needle` (+ offset); throws if absent. */
export function tamperAt(bytes: Uint8Array, needle: Uint8Array, offset = 0): Uint8Array {
  const at = indexOfBytes(bytes, needle);
  if (at < 0) throw new Error('needle not found');
  const copy = bytes.slice();
  copy[at + offset] = (copy[at + offset] ?? 0) ^ 0x01;
  return copy;
}
