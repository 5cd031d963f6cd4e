/**
 * The simulated peer's X.509 identities, made on first start in the ledger's directory as Fabric
 * CA would make them: one CA per MSP (ECDSA P-256), and client certificates carrying the ELC
 * attributes in Fabric CA's attribute extension 1.2.3.4.5.6.7.8.1, whose value is the JSON
 * `{"attrs":{"hf.EnrollmentID":…,"hf.Type":"client","hf.Affiliation":"","elc.role":…,"elc.region":…}}`
 * (see chaincode/test/fixtures/make-certs.sh). pkijs over WebCrypto: no openssl at run time.
 *
 *   <dir>/<mspId>/ca.pem, ca-key.pem           the MSP's CA
 *   <dir>/<mspId>/<enrollmentId>.pem, -key.pem a client certificate and its key
 *
 * Keys are written 0600. A certificate whose attributes no longer match what is asked for is
 * re-issued by the same CA (a changed region in the configuration).
 */
import { webcrypto, X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { AttributeTypeAndValue, BasicConstraints, Certificate, Extension, RelativeDistinguishedNames, Time } from 'pkijs';
import type { SigningIdentity } from './runtime/index.js';

/** Fabric CA's certificate attribute extension (fabric-ca lib/attrmgr). */
export const FABRIC_CA_ATTRS_OID = '1.2.3.4.5.6.7.8.1';
const ID_CE_BASIC_CONSTRAINTS = '2.5.29.19';
const ID_CE_KEY_USAGE = '2.5.29.15';
const ID_AT_COMMON_NAME = '2.5.4.3';
const ID_AT_ORGANIZATION = '2.5.4.10';
const ID_AT_ORGANIZATIONAL_UNIT = '2.5.4.11';
const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const YEARS = 20;

export interface IdentityRequest {
  readonly mspId: string;
  readonly enrollmentId: string;
  /** elc.role */
  readonly role: string;
  /** elc.region (GB/T 2260); omitted for roles without one */
  readonly region?: string;
}

/** The attribute JSON Fabric CA puts into an enrollment certificate. */
export function fabricAttrs(r: IdentityRequest): Record<string, string> {
  return {
    'hf.Affiliation': '',
    'hf.EnrollmentID': r.enrollmentId,
    'hf.Type': 'client',
    'elc.role': r.role,
    ...(r.region === undefined ? {} : { 'elc.region': r.region }),
  };
}

function nameOf(parts: { o: string; ou?: string; cn: string }): RelativeDistinguishedNames {
  const rdn = (type: string, value: string) => new asn1js.Set({ value: [new AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema()] });
  const seq = new asn1js.Sequence({
    value: [rdn(ID_AT_ORGANIZATION, parts.o), ...(parts.ou === undefined ? [] : [rdn(ID_AT_ORGANIZATIONAL_UNIT, parts.ou)]), rdn(ID_AT_COMMON_NAME, parts.cn)],
  });
  return RelativeDistinguishedNames.fromBER(seq.toBER());
}

function serial(): asn1js.Integer {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40; // positive, 16 octets (RFC 5280 §4.1.2.2)
  return new asn1js.Integer({ valueHex: bytes });
}

/** KeyUsage bits as a DER named BIT STRING (X.690 §11.2.2: trailing zero bits dropped). */
function keyUsage(ca: boolean): Uint8Array {
  // digitalSignature (bit 0) for a client; keyCertSign (5) and cRLSign (6) for a CA
  const bits = ca ? new asn1js.BitString({ valueHex: Uint8Array.of(0x06), unusedBits: 1 }) : new asn1js.BitString({ valueHex: Uint8Array.of(0x80), unusedBits: 7 });
  return new Uint8Array(bits.toBER());
}

function pem(label: string, der: ArrayBuffer | Uint8Array): string {
  const b64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  return `-----BEGIN ${label}-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

function pemBody(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}

interface Issuer {
  readonly name: RelativeDistinguishedNames;
  readonly key: webcrypto.CryptoKey;
}

async function issue(subject: RelativeDistinguishedNames, publicKey: webcrypto.CryptoKey, issuer: Issuer | 'self', signingKey: webcrypto.CryptoKey, extra: Extension[], ca: boolean): Promise<string> {
  const cert = new Certificate();
  cert.version = 2;
  cert.serialNumber = serial();
  cert.subject = subject;
  cert.issuer = issuer === 'self' ? subject : issuer.name;
  const now = Date.now();
  cert.notBefore = new Time({ type: 0, value: new Date(now - 5 * 60_000) });
  const end = new Date(now);
  end.setUTCFullYear(end.getUTCFullYear() + YEARS);
  cert.notAfter = new Time({ type: end.getUTCFullYear() < 2050 ? 0 : 1, value: end });
  await cert.subjectPublicKeyInfo.importKey(publicKey);
  cert.extensions = [
    new Extension({ extnID: ID_CE_BASIC_CONSTRAINTS, critical: true, extnValue: new BasicConstraints({ cA: ca }).toSchema().toBER(), parsedValue: new BasicConstraints({ cA: ca }) }),
    new Extension({ extnID: ID_CE_KEY_USAGE, critical: true, extnValue: keyUsage(ca).buffer as ArrayBuffer }),
    ...extra,
  ];
  await cert.sign(signingKey, 'SHA-256');
  return pem('CERTIFICATE', cert.toSchema().toBER());
}

async function exportKey(key: webcrypto.CryptoKey): Promise<string> {
  return pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', key));
}

async function importKey(text: string): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', pemBody(text), P256, true, ['sign']);
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Write to a temporary file, then rename: never half a file. */
async function writeAtomic(path: string, text: string, mode: number): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, text, { mode, flush: true });
  await rename(tmp, path);
}

/** The attrs JSON of a certificate's Fabric CA extension, or undefined. */
export function certificateAttrs(certPem: string): Record<string, string> | undefined {
  const cert = Certificate.fromBER(pemBody(certPem));
  const ext = cert.extensions?.find((e) => e.extnID === FABRIC_CA_ATTRS_OID);
  if (ext === undefined) return undefined;
  const parsed = JSON.parse(new TextDecoder().decode(ext.extnValue.valueBlock.valueHexView)) as { attrs?: Record<string, string> };
  return parsed.attrs;
}

async function loadOrCreateCa(dir: string, mspId: string): Promise<Issuer> {
  const certPath = join(dir, 'ca.pem');
  const keyPath = join(dir, 'ca-key.pem');
  const [certText, keyText] = [await readText(certPath), await readText(keyPath)];
  const name = nameOf({ o: mspId, cn: `ca.${mspId}` });
  if (certText !== undefined && keyText !== undefined) {
    const cert = Certificate.fromBER(pemBody(certText));
    return { name: cert.subject, key: await importKey(keyText) };
  }
  const pair = await webcrypto.subtle.generateKey(P256, true, ['sign', 'verify']);
  const caPem = await issue(name, pair.publicKey, 'self', pair.privateKey, [], true);
  await writeAtomic(keyPath, await exportKey(pair.privateKey), 0o600);
  await writeAtomic(certPath, caPem, 0o644);
  return { name, key: pair.privateKey };
}

/** Loads the client identity of `request` from `dir`, creating the MSP's CA and the certificate on first use. */
export async function loadOrCreateIdentity(dir: string, request: IdentityRequest): Promise<SigningIdentity & { readonly caPem: string }> {
  const mspDir = join(dir, request.mspId);
  await mkdir(mspDir, { recursive: true, mode: 0o700 });
  const ca = await loadOrCreateCa(mspDir, request.mspId);
  const caPem = (await readText(join(mspDir, 'ca.pem'))) ?? '';
  const certPath = join(mspDir, `${request.enrollmentId}.pem`);
  const keyPath = join(mspDir, `${request.enrollmentId}-key.pem`);
  const want = fabricAttrs(request);
  const [certText, keyText] = [await readText(certPath), await readText(keyPath)];
  if (certText !== undefined && keyText !== undefined && JSON.stringify(certificateAttrs(certText)) === JSON.stringify(want)) {
    return { mspId: request.mspId, certPem: certText, keyPem: keyText, caPem };
  }
  const pair = await webcrypto.subtle.generateKey(P256, true, ['sign', 'verify']);
  const attrs = new Extension({ extnID: FABRIC_CA_ATTRS_OID, extnValue: new TextEncoder().encode(JSON.stringify({ attrs: want })).buffer });
  const certPem = await issue(nameOf({ o: request.mspId, ou: 'client', cn: request.enrollmentId }), pair.publicKey, ca, ca.key, [attrs], false);
  const keyPem = await exportKey(pair.privateKey);
  await writeAtomic(keyPath, keyPem, 0o600);
  await writeAtomic(certPath, certPem, 0o644);
  return { mspId: request.mspId, certPem, keyPem, caPem };
}

/** True when `certPem` was signed by the CA `caPem` (the MSP check a peer makes). */
export function issuedBy(certPem: string, caPem: string): boolean {
  return new X509Certificate(certPem).verify(new X509Certificate(caPem).publicKey);
}
