// Certificates for the LOCAL development TSA, made with pkijs over WebCrypto: a self-signed root
// and a TSA certificate with the critical id-kp-timeStamping EKU (RFC 3161 §2.3). ECDSA P-256 /
// SHA-256: the signature every RFC 3161 verifier (pkijs, OpenSSL, Java, .NET) accepts.
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AttributeTypeAndValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtKeyUsage,
  Extension,
  RelativeDistinguishedNames,
  Time,
} from 'pkijs';
import { ID_KP_TIMESTAMPING } from '@elc/core';

const ID_CE_BASIC_CONSTRAINTS = '2.5.29.19';
const ID_CE_KEY_USAGE = '2.5.29.15';
const ID_CE_EXT_KEY_USAGE = '2.5.29.37';
const ID_CE_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
const ID_CE_AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';
const ID_AT_COMMON_NAME = '2.5.4.3';
const ID_AT_ORGANIZATION = '2.5.4.10';
const ID_AT_ORGANIZATIONAL_UNIT = '2.5.4.11';

export const P256_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export interface NameParts {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
}

export interface CertificateOptions {
  subject: NameParts;
  publicKey: webcrypto.CryptoKey;
  /** Signs the certificate; for a root, its own private key. */
  issuer: { name: RelativeDistinguishedNames; privateKey: webcrypto.CryptoKey; keyId: Uint8Array } | 'self';
  privateKey?: webcrypto.CryptoKey;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  /** Add the critical id-kp-timeStamping EKU (default for a non-CA). Tests turn it off. */
  timestamping?: boolean;
  /** Default: 16 random bytes. */
  serialNumber?: asn1js.Integer;
}

export function generateP256KeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(P256_KEY_ALGORITHM, true, ['sign', 'verify']);
}

/**
 * A Name with one attribute per RDN, most significant first (O, OU, CN). pkijs would put every
 * attribute into a single multi-valued RDN, so the SEQUENCE OF SET is built here and parsed back.
 */
export function nameOf(parts: NameParts): RelativeDistinguishedNames {
  const rdn = (type: string, value: string) =>
    new asn1js.Set({ value: [new AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema()] });
  const name = new asn1js.Sequence({
    value: [
      ...(parts.organization === undefined ? [] : [rdn(ID_AT_ORGANIZATION, parts.organization)]),
      ...(parts.organizationalUnit === undefined ? [] : [rdn(ID_AT_ORGANIZATIONAL_UNIT, parts.organizationalUnit)]),
      rdn(ID_AT_COMMON_NAME, parts.commonName),
    ],
  });
  return RelativeDistinguishedNames.fromBER(name.toBER());
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
function timeOf(date: Date): Time {
  return new Time({ type: date.getUTCFullYear() < 2050 ? 0 : 1, value: date });
}

/** A positive 16-byte serial (RFC 5280 §4.1.2.2: at most 20 octets, unique per issuer). */
export function randomSerial(): asn1js.Integer {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
  return new asn1js.Integer({ valueHex: bytes });
}

/** KeyUsage as a DER named BIT STRING: trailing zero bits are dropped (X.690 §11.2.2). */
function keyUsage(bits: readonly number[]): asn1js.BitString {
  const last = Math.max(...bits);
  const bytes = new Uint8Array((last >> 3) + 1);
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  return new asn1js.BitString({ valueHex: bytes, unusedBits: 7 - (last & 7) });
}

const KU_DIGITAL_SIGNATURE = 0;
const KU_NON_REPUDIATION = 1;
const KU_KEY_CERT_SIGN = 5;
const KU_CRL_SIGN = 6;

export async function createCertificate(options: CertificateOptions): Promise<{ certificate: Certificate; keyId: Uint8Array }> {
  const cert = new Certificate();
  cert.version = 2;
  cert.serialNumber = options.serialNumber ?? randomSerial();
  const subject = nameOf(options.subject);
  cert.subject = subject;
  cert.issuer = options.issuer === 'self' ? subject : options.issuer.name;
  cert.notBefore = timeOf(options.notBefore);
  cert.notAfter = timeOf(options.notAfter);
  await cert.subjectPublicKeyInfo.importKey(options.publicKey);
  // RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits.
  const keyId = new Uint8Array(createHash('sha1').update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest());

  const extensions: Extension[] = [
    new Extension({
      extnID: ID_CE_BASIC_CONSTRAINTS,
      critical: true,
      extnValue: new BasicConstraints({ cA: options.ca }).toSchema().toBER(),
      parsedValue: new BasicConstraints({ cA: options.ca }),
    }),
    new Extension({
      extnID: ID_CE_KEY_USAGE,
      critical: true,
      extnValue: keyUsage(options.ca ? [KU_KEY_CERT_SIGN, KU_CRL_SIGN] : [KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION]).toBER(),
    }),
    new Extension({
      extnID: ID_CE_SUBJECT_KEY_IDENTIFIER,
      extnValue: new asn1js.OctetString({ valueHex: keyId }).toBER(),
    }),
  ];
  if (options.issuer !== 'self') {
    extensions.push(
      new Extension({
        extnID: ID_CE_AUTHORITY_KEY_IDENTIFIER,
        extnValue: new AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: options.issuer.keyId }) }).toSchema().toBER(),
      }),
    );
  }
  if (!options.ca && options.timestamping !== false) {
    const eku = new ExtKeyUsage({ keyPurposes: [ID_KP_TIMESTAMPING] });
    extensions.push(new Extension({ extnID: ID_CE_EXT_KEY_USAGE, critical: true, extnValue: eku.toSchema().toBER(), parsedValue: eku }));
  }
  cert.extensions = extensions;

  const signingKey = options.issuer === 'self' ? options.privateKey : options.issuer.privateKey;
  if (signingKey === undefined) throw new Error('a self-signed certificate needs its private key');
  await cert.sign(signingKey, 'SHA-256');
  return { certificate: cert, keyId };
}

export function certificateDer(cert: Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema().toBER());
}
