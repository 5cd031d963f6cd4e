// Object identifiers used by RFC 3161 tokens, named after the specs that define them.
import type { HashAlg } from '../hash/index.js';

/** RFC 5652 §5.1 */
export const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
/** RFC 3161 §2.4.2 */
export const ID_CT_TSTINFO = '1.2.840.113549.1.9.16.1.4';
/** RFC 5652 §11.1 */
export const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
/** RFC 5652 §11.2 */
export const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
/** RFC 5652 §11.3 */
export const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';
/** RFC 2634 §5.4 (ESSCertID, SHA-1) */
export const ID_AA_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
/** RFC 5035 §3 (ESSCertIDv2) */
export const ID_AA_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
/** RFC 5280 §4.2.1.12 */
export const ID_KP_TIMESTAMPING = '1.3.6.1.5.5.7.3.8';
export const ID_CE_EXT_KEY_USAGE = '2.5.29.37';
export const ID_CE_KEY_USAGE = '2.5.29.15';
export const ID_CE_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
/** RFC 5754 §2.2 */
export const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
/** GM/T 0006-2012 (SM3 hash) */
export const ID_SM3 = '1.2.156.10197.1.401';

/** Message-imprint algorithms this verifier computes itself (through core's HashProvider). */
export const IMPRINT_HASH_OIDS: Readonly<Record<HashAlg, string>> = Object.freeze({ sha256: ID_SHA256, sm3: ID_SM3 });

export function imprintHashAlgOf(oid: string): HashAlg | undefined {
  if (oid === ID_SHA256) return 'sha256';
  if (oid === ID_SM3) return 'sm3';
  return undefined;
}

/**
 * asn1js prints a sub-identifier above 2^53 as "{hex of its 7-bit groups}" (a UUID arc, 2.25.<uuid>,
 * always is); this puts the decimal value back so OIDs compare and display as dotted decimals.
 */
export function normalizeOid(oid: string): string {
  return oid.replace(/\{([0-9a-f]+)\}/gi, (_m, groups: string) => {
    let value = 0n;
    for (let i = 0; i < groups.length; i += 2) value = (value << 7n) | BigInt(parseInt(groups.slice(i, i + 2), 16) & 0x7f);
    return value.toString();
  });
}

/** CMS digest algorithms accepted for the message-digest attribute (RFC 5754): SHA-1 is not. */
export const ACCEPTED_DIGEST_OIDS: ReadonlySet<string> = new Set([
  ID_SHA256,
  '2.16.840.1.101.3.4.2.2', // sha384
  '2.16.840.1.101.3.4.2.3', // sha512
]);

/** CMS signature algorithms accepted for the TSA's signature: ECDSA and RSA with SHA-2 (RFC 5754, RFC 4056). */
export const ACCEPTED_SIGNATURE_OIDS: ReadonlySet<string> = new Set([
  '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4', // ecdsa-with-SHA512
  '1.2.840.113549.1.1.1', // rsaEncryption (hash from the SignerInfo digestAlgorithm)
  '1.2.840.113549.1.1.10', // RSASSA-PSS
  '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
]);
