// RFC 3161 TimeStampToken verification, offline and browser-safe: pkijs parses and checks the CMS
// and the chain over WebCrypto; the message imprint is computed with core's HashProvider.
import * as asn1js from 'asn1js';
import { Certificate, CertificateChainValidationEngine, ContentInfo, ExtKeyUsage, IssuerAndSerialNumber, SignedData, TSTInfo, getCrypto, type SignerInfo } from 'pkijs';
import { equalBytes, toHex } from '../encoding/index.js';
import { pureHashProvider, type HashAlg } from '../hash/index.js';
import { ElcError } from '../errors.js';
import { bytesOf, ownBytes, parseWhole, stripLeadingZeros } from './bytes.js';
import { timestampError, TimestampErrorCode } from './errors.js';
import { formatName } from './names.js';
import { ACCEPTED_DIGEST_OIDS, ACCEPTED_SIGNATURE_OIDS, ID_CE_EXT_KEY_USAGE, ID_CE_SUBJECT_KEY_IDENTIFIER, ID_CONTENT_TYPE, ID_CT_TSTINFO, ID_KP_TIMESTAMPING, ID_MESSAGE_DIGEST, ID_SIGNED_DATA, imprintHashAlgOf, normalizeOid } from './oids.js';
import { checkSigningCertificate } from './signing-certificate.js';

export interface VerifyTimestampOptions {
  /** The exact bytes that were timestamped (for ELC Ledger: the checkpoint note text, UTF-8). */
  data: Uint8Array;
  /** DER certificates of the TSA roots the verifier trusts. */
  trustedRoots: readonly Uint8Array[];
  /** The nonce sent in the request; when given, the token must echo it. */
  nonce?: Uint8Array;
  /** When the certificates must be valid; default the token's genTime (what an archive verifier wants). */
  now?: Date;
  /** Extra untrusted DER certificates: intermediates, or the TSA certificate when the token lacks it. */
  certificates?: readonly Uint8Array[];
}

export interface TimestampInfo {
  genTime: Date;
  /** TSTInfo serialNumber, lowercase hex of its magnitude. */
  serialNumber: string;
  /** Subject of the certificate that signed the token, "CN=…, O=…". */
  tsaName: string;
  /** TSA policy OID. */
  policy: string;
  hashAlg: HashAlg;
  /** SHA-256 of the signer certificate's DER, lowercase hex. */
  signerCertificateSha256: string;
  /** TSTInfo accuracy in milliseconds, when present. */
  accuracyMs?: number;
}

interface DecodedToken {
  signedData: SignedData;
  signerInfo: SignerInfo;
  eContent: Uint8Array;
  tstInfo: TSTInfo;
}

function malformed(message: string, cause?: unknown): never {
  throw timestampError(TimestampErrorCode.TSA_MALFORMED, message, { cause });
}

function decodeToken(tokenDer: Uint8Array): DecodedToken {
  if (!(tokenDer instanceof Uint8Array)) malformed('token must be a Uint8Array');
  const root = parseWhole(tokenDer);
  if (root === undefined) malformed('token is not one BER element');
  try {
    const contentInfo = new ContentInfo({ schema: root });
    if (contentInfo.contentType !== ID_SIGNED_DATA) malformed('token is not CMS SignedData');
    const signedData = new SignedData({ schema: contentInfo.content });
    const { eContentType, eContent } = signedData.encapContentInfo;
    if (eContentType !== ID_CT_TSTINFO || eContent === undefined) malformed('SignedData does not encapsulate a TSTInfo');
    const [signerInfo, ...others] = signedData.signerInfos;
    // RFC 3161 §2.4.2: the token MUST NOT contain any signature other than the TSA's.
    if (signerInfo === undefined || others.length > 0) malformed('token must have exactly one SignerInfo');
    const eContentBytes = bytesOf(eContent.getValue());
    const tst = parseWhole(eContentBytes);
    if (tst === undefined) malformed('TSTInfo is not one BER element');
    const tstInfo = new TSTInfo({ schema: tst });
    if (tstInfo.version !== 1) malformed(`TSTInfo version ${tstInfo.version}`);
    return { signedData, signerInfo, eContent: eContentBytes, tstInfo };
  } catch (cause) {
    if (cause instanceof ElcError) throw cause;
    return malformed('token does not match the TimeStampToken schema', cause);
  }
}

function parseCertificates(ders: readonly Uint8Array[], field: string): Certificate[] {
  return ders.map((der) => {
    const schema = der instanceof Uint8Array ? parseWhole(der) : undefined;
    try {
      if (schema === undefined) throw new Error('not one BER element');
      return new Certificate({ schema });
    } catch (cause) {
      throw timestampError(TimestampErrorCode.TSA_MALFORMED, `${field}: not a DER certificate`, { field, cause });
    }
  });
}

function certificateDer(cert: Certificate): Uint8Array {
  return bytesOf(cert.toSchema().toBER());
}

/** The certificate named by the SignerInfo sid: issuerAndSerialNumber or subjectKeyIdentifier (RFC 5652 §5.3). */
function findSigner(signerInfo: SignerInfo, candidates: readonly Certificate[]): Certificate {
  const sid: unknown = signerInfo.sid;
  const found = candidates.find((cert) => {
    if (sid instanceof IssuerAndSerialNumber) return cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber);
    // subjectKeyIdentifier [0]: pkijs keeps it as the raw tagged element.
    if (sid instanceof asn1js.Constructed || sid instanceof asn1js.Primitive) {
      const keyId = sid instanceof asn1js.Constructed ? (sid.valueBlock.value[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView : sid.valueBlock.valueHexView;
      const ski = cert.extensions?.find((e) => e.extnID === ID_CE_SUBJECT_KEY_IDENTIFIER)?.parsedValue as asn1js.OctetString | undefined;
      return keyId !== undefined && ski !== undefined && equalBytes(bytesOf(ski.valueBlock.valueHexView), bytesOf(keyId));
    }
    return false;
  });
  if (found === undefined) throw timestampError(TimestampErrorCode.TSA_UNTRUSTED_CHAIN, 'the signer certificate is neither in the token nor supplied');
  return found;
}

/** RFC 3161 §2.3: exactly one EKU extension, critical, whose only purpose is id-kp-timeStamping. */
function checkTimestampingEku(cert: Certificate): void {
  const ekus = (cert.extensions ?? []).filter((e) => e.extnID === ID_CE_EXT_KEY_USAGE);
  const [eku] = ekus;
  const purposes = eku?.parsedValue instanceof ExtKeyUsage ? eku.parsedValue.keyPurposes : [];
  if (ekus.length !== 1 || eku?.critical !== true || purposes.length !== 1 || purposes[0] !== ID_KP_TIMESTAMPING) {
    throw timestampError(TimestampErrorCode.TSA_NOT_TIMESTAMPING_CERT, 'the signer certificate lacks the sole critical id-kp-timeStamping extended key usage');
  }
}

/** RFC 5652 §5.4 and §5.6: content-type and message-digest signed attributes, then the signature over them. */
async function checkSignature(decoded: DecodedToken, signer: Certificate): Promise<void> {
  const { signerInfo, eContent } = decoded;
  const attrs = signerInfo.signedAttrs?.attributes;
  if (attrs === undefined) malformed('SignerInfo has no signed attributes');
  const bad = (message: string, cause?: unknown): never => {
    throw timestampError(TimestampErrorCode.TSA_BAD_SIGNATURE, message, { cause });
  };
  const single = (type: string): unknown => {
    const found = attrs.filter((a) => a.type === type);
    if (found.length !== 1 || found[0]?.values.length !== 1) malformed(`signed attribute ${type} must occur once with one value`);
    return found[0]?.values[0];
  };
  const contentType = single(ID_CONTENT_TYPE);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== ID_CT_TSTINFO) bad('content-type attribute is not id-ct-TSTInfo');
  const messageDigest = single(ID_MESSAGE_DIGEST);
  if (!(messageDigest instanceof asn1js.OctetString)) return malformed('message-digest attribute is not an OCTET STRING');

  const engine = getCrypto(true);
  const digestOid = signerInfo.digestAlgorithm.algorithmId;
  const signatureOid = signerInfo.signatureAlgorithm.algorithmId;
  if (!ACCEPTED_DIGEST_OIDS.has(digestOid)) malformed(`unsupported CMS digest algorithm ${digestOid}`);
  if (!ACCEPTED_SIGNATURE_OIDS.has(signatureOid)) malformed(`unsupported CMS signature algorithm ${signatureOid}`);
  const digestAlg = engine.getAlgorithmByOID(digestOid);
  if (!('name' in digestAlg)) malformed(`unsupported digest algorithm ${digestOid}`);
  const digest = bytesOf(await engine.digest({ name: digestAlg.name }, ownBytes(eContent)));
  if (!equalBytes(digest, bytesOf(messageDigest.valueBlock.valueHexView))) bad('message-digest attribute does not match the TSTInfo');

  let ok = false;
  try {
    // rsaEncryption names no hash; the SignerInfo digestAlgorithm supplies it (as pkijs does).
    const rsa = signatureOid === '1.2.840.113549.1.1.1';
    ok = await engine.verifyWithPublicKey(
      signerInfo.signedAttrs?.encodedValue ?? new ArrayBuffer(0),
      signerInfo.signature,
      signer.subjectPublicKeyInfo,
      signerInfo.signatureAlgorithm,
      rsa ? digestAlg.name : undefined,
    );
  } catch (cause) {
    bad('signature verification failed', cause);
  }
  if (!ok) bad('the CMS signature does not verify with the signer certificate');
}

async function checkChain(signer: Certificate, intermediates: readonly Certificate[], roots: readonly Certificate[], at: Date): Promise<void> {
  if (roots.length === 0) throw timestampError(TimestampErrorCode.TSA_UNTRUSTED_CHAIN, 'no trusted TSA roots configured');
  const engine = new CertificateChainValidationEngine({ trustedCerts: [...roots], certs: [...intermediates, signer], checkDate: at });
  let result: { result: boolean; resultMessage: string };
  try {
    result = await engine.verify();
  } catch (cause) {
    const message = (cause as { resultMessage?: unknown } | undefined)?.resultMessage;
    throw timestampError(TimestampErrorCode.TSA_UNTRUSTED_CHAIN, `chain validation failed: ${typeof message === 'string' ? message : 'error'}`, { cause });
  }
  if (!result.result) throw timestampError(TimestampErrorCode.TSA_UNTRUSTED_CHAIN, `chain validation failed: ${result.resultMessage}`);
}

/**
 * Verifies a DER TimeStampToken over `data`. In order: structure (TSA_MALFORMED), message imprint
 * (TSA_IMPRINT_MISMATCH), nonce (TSA_NONCE_MISMATCH), signer certificate and its EKU
 * (TSA_UNTRUSTED_CHAIN, TSA_NOT_TIMESTAMPING_CERT), signed attributes and CMS signature and the
 * ESS signing-certificate binding (TSA_BAD_SIGNATURE), chain to a trusted root (TSA_UNTRUSTED_CHAIN).
 */
export async function verifyTimestampToken(tokenDer: Uint8Array, options: VerifyTimestampOptions): Promise<TimestampInfo> {
  if (!(options.data instanceof Uint8Array)) throw timestampError(TimestampErrorCode.TSA_MALFORMED, 'data must be a Uint8Array', { field: 'data' });
  const roots = parseCertificates(options.trustedRoots, 'trustedRoots');
  const extra = parseCertificates(options.certificates ?? [], 'certificates');
  const decoded = decodeToken(tokenDer);
  const { tstInfo, signedData, signerInfo } = decoded;

  const imprint = tstInfo.messageImprint;
  const hashAlg = imprintHashAlgOf(imprint.hashAlgorithm.algorithmId);
  if (hashAlg === undefined) malformed(`unsupported message imprint hash ${imprint.hashAlgorithm.algorithmId}`);
  const expected = pureHashProvider(hashAlg).hash(options.data);
  if (!equalBytes(expected, bytesOf(imprint.hashedMessage.valueBlock.valueHexView))) {
    throw timestampError(TimestampErrorCode.TSA_IMPRINT_MISMATCH, 'the token does not timestamp this data');
  }

  if (options.nonce !== undefined) {
    const got = tstInfo.nonce?.valueBlock.valueHexView;
    if (got === undefined || !equalBytes(stripLeadingZeros(bytesOf(got)), stripLeadingZeros(options.nonce))) {
      throw timestampError(TimestampErrorCode.TSA_NONCE_MISMATCH, 'the token does not echo the request nonce');
    }
  }

  const inToken = (signedData.certificates ?? []).filter((c): c is Certificate => c instanceof Certificate);
  const candidates = [...inToken, ...extra];
  const signer = findSigner(signerInfo, candidates);
  checkTimestampingEku(signer);
  await checkSignature(decoded, signer);
  const signerDer = certificateDer(signer);
  await checkSigningCertificate(signerInfo, signer, signerDer);
  await checkChain(signer, candidates.filter((c) => c !== signer), roots, options.now ?? tstInfo.genTime);

  const accuracy = tstInfo.accuracy;
  return {
    genTime: tstInfo.genTime,
    serialNumber: toHex(stripLeadingZeros(bytesOf(tstInfo.serialNumber.valueBlock.valueHexView))),
    tsaName: formatName(signer.subject),
    policy: normalizeOid(tstInfo.policy),
    hashAlg,
    signerCertificateSha256: toHex(pureHashProvider('sha256').hash(signerDer)),
    ...(accuracy === undefined ? {} : { accuracyMs: (accuracy.seconds ?? 0) * 1000 + (accuracy.millis ?? 0) + (accuracy.micros ?? 0) / 1000 }),
  };
}
