// The ESS signing-certificate attributes that bind a token to its TSA certificate:
// SigningCertificate / ESSCertID (RFC 2634 §5.4, SHA-1) and SigningCertificateV2 / ESSCertIDv2 (RFC 5035 §3).
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, IssuerSerial, RelativeDistinguishedNames, getCrypto, type Certificate, type SignerInfo } from 'pkijs';
import { equalBytes } from '../encoding/index.js';
import { timestampError, TimestampErrorCode } from './errors.js';
import { bytesOf, ownBytes } from './bytes.js';
import { ID_AA_SIGNING_CERTIFICATE, ID_AA_SIGNING_CERTIFICATE_V2, ID_SHA256 } from './oids.js';

const SHA1 = '1.3.14.3.2.26';

interface EssCertId {
  hashOid: string;
  certHash: Uint8Array;
  issuerSerial: IssuerSerial | undefined;
}

function malformed(what: string, cause?: unknown): never {
  throw timestampError(TimestampErrorCode.TSA_MALFORMED, `malformed ${what}`, { cause });
}

/** The first ESSCertID(v2) of a SigningCertificate(V2) value: it names the signer's certificate. */
function firstCertId(value: unknown, v2: boolean): EssCertId {
  const what = v2 ? 'SigningCertificateV2' : 'SigningCertificate';
  if (!(value instanceof asn1js.Sequence)) malformed(what);
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) malformed(what);
  const first = certs.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) malformed(what);
  const parts = [...first.valueBlock.value];
  let hashOid = v2 ? ID_SHA256 : SHA1; // ESSCertIDv2.hashAlgorithm DEFAULT id-sha256
  if (v2 && parts[0] instanceof asn1js.Sequence) {
    try {
      hashOid = new AlgorithmIdentifier({ schema: parts.shift() }).algorithmId;
    } catch (cause) {
      malformed(what, cause);
    }
  }
  const hash = parts.shift();
  if (!(hash instanceof asn1js.OctetString)) malformed(what);
  let issuerSerial: IssuerSerial | undefined;
  const rest = parts.shift();
  if (rest !== undefined) {
    try {
      issuerSerial = new IssuerSerial({ schema: rest });
    } catch (cause) {
      malformed(what, cause);
    }
  }
  return { hashOid, certHash: bytesOf(hash.valueBlock.valueHexView), issuerSerial };
}

/**
 * When the signed attributes carry a signing-certificate attribute, its first ESSCertID(v2) must
 * match the certificate that verified the signature (hash, and issuer and serial when present).
 * A mismatch means the signature is not bound to this certificate: TSA_BAD_SIGNATURE.
 */
export async function checkSigningCertificate(signerInfo: SignerInfo, signer: Certificate, signerDer: Uint8Array): Promise<void> {
  for (const attribute of signerInfo.signedAttrs?.attributes ?? []) {
    const v2 = attribute.type === ID_AA_SIGNING_CERTIFICATE_V2;
    if (!v2 && attribute.type !== ID_AA_SIGNING_CERTIFICATE) continue;
    if (attribute.values.length !== 1) malformed('signing-certificate attribute');
    const id = firstCertId(attribute.values[0], v2);
    const engine = getCrypto(true);
    const alg = engine.getAlgorithmByOID(id.hashOid);
    if (!('name' in alg)) throw timestampError(TimestampErrorCode.TSA_MALFORMED, `unsupported ESSCertID hash ${id.hashOid}`);
    const digest = bytesOf(await engine.digest({ name: alg.name }, ownBytes(signerDer)));
    if (!equalBytes(digest, id.certHash)) {
      throw timestampError(TimestampErrorCode.TSA_BAD_SIGNATURE, 'signing-certificate attribute names another certificate');
    }
    if (id.issuerSerial !== undefined) {
      const issuerOk = id.issuerSerial.issuer.names.some(
        (n) => n.type === 4 && n.value instanceof RelativeDistinguishedNames && n.value.isEqual(signer.issuer),
      );
      if (!issuerOk || !id.issuerSerial.serialNumber.isEqual(signer.serialNumber)) {
        throw timestampError(TimestampErrorCode.TSA_BAD_SIGNATURE, 'signing-certificate attribute names another issuer or serial');
      }
    }
  }
}
