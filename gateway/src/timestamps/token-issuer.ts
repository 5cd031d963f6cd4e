// RFC 3161 §2.4.2 responses: a TimeStampToken (CMS SignedData over a TSTInfo) for each acceptable
// TimeStampReq, a rejection PKIStatusInfo with the matching PKIFailureInfo bit otherwise.
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  Accuracy,
  Attribute,
  ContentInfo,
  EncapsulatedContentInfo,
  GeneralName,
  GeneralNames,
  IssuerAndSerialNumber,
  IssuerSerial,
  PKIStatus,
  PKIStatusInfo,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
  TSTInfo,
  TimeStampReq,
  TimeStampResp,
  type Certificate,
} from 'pkijs';
import { ID_AA_SIGNING_CERTIFICATE_V2, ID_CT_TSTINFO, normalizeOid } from '@elc/core';
import { certificateDer } from './certificates.js';

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

/** Imprint algorithms the TSA accepts, with their digest lengths (RFC 3161 §2.4.2 "badAlg" otherwise). */
export const ACCEPTED_IMPRINT_ALGS: Readonly<Record<string, { name: string; length: number }>> = Object.freeze({
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', length: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', length: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', length: 64 },
  '1.2.156.10197.1.401': { name: 'sm3', length: 32 },
});

/** PKIFailureInfo bits (RFC 3161 §2.4.2). */
export const FailureInfo = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15, unacceptedExtension: 16, systemFailure: 25 } as const;

export interface TokenIssuerOptions {
  certificate: Certificate;
  privateKey: webcrypto.CryptoKey;
  /** TSTInfo policy OID. */
  policy: string;
  /** genTime source; truncated to whole seconds so GeneralizedTime needs no fraction. */
  clock: () => Date;
  /** TSTInfo accuracy, in seconds. */
  accuracySeconds: number;
  /** Told about internal failures, which the client sees only as systemFailure. */
  onError?: (error: unknown) => void;
}

export interface TokenIssuer {
  /** DER TimeStampResp for a DER TimeStampReq; never throws for bad requests (they get a rejection). */
  issue(requestDer: Uint8Array): Promise<Uint8Array>;
}

class Rejection extends Error {
  constructor(
    readonly failure: number,
    message: string,
  ) {
    super(message);
  }
}

function failInfoBits(bit: number): asn1js.BitString {
  const bytes = new Uint8Array((bit >> 3) + 1);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  return new asn1js.BitString({ valueHex: bytes, unusedBits: 7 - (bit & 7) });
}

export function rejectionResponse(failure: number, text: string): Uint8Array {
  const response = new TimeStampResp({
    status: new PKIStatusInfo({
      status: PKIStatus.rejection,
      statusStrings: [new asn1js.Utf8String({ value: text })],
      failInfo: failInfoBits(failure),
    }),
  });
  return new Uint8Array(response.toSchema().toBER());
}

function parseRequest(der: Uint8Array): TimeStampReq {
  const parsed = asn1js.fromBER(new Uint8Array(der));
  if (parsed.offset === -1 || parsed.offset !== der.length) throw new Rejection(FailureInfo.badDataFormat, 'not a DER TimeStampReq');
  let request: TimeStampReq;
  try {
    request = new TimeStampReq({ schema: parsed.result });
  } catch {
    throw new Rejection(FailureInfo.badDataFormat, 'not a TimeStampReq');
  }
  if (request.version !== 1) throw new Rejection(FailureInfo.badRequest, `unsupported TimeStampReq version ${request.version}`);
  return request;
}

/** SET OF is sorted by encoding in DER (X.690 §11.6); verifiers such as OpenSSL re-encode and depend on it. */
function derSorted(attributes: Attribute[]): Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER()) }));
  encoded.sort((x, y) => {
    const n = Math.min(x.der.length, y.der.length);
    for (let i = 0; i < n; i++) if (x.der[i] !== y.der[i]) return (x.der[i] ?? 0) - (y.der[i] ?? 0);
    return x.der.length - y.der.length;
  });
  return encoded.map((e) => e.a);
}

/** SigningCertificateV2 with one ESSCertIDv2 (RFC 5035 §3): hashAlgorithm omitted (DEFAULT id-sha256). */
function signingCertificateV2(cert: Certificate): asn1js.Sequence {
  const certHash = new Uint8Array(createHash('sha256').update(certificateDer(cert)).digest());
  const issuerSerial = new IssuerSerial({
    issuer: new GeneralNames({ names: [new GeneralName({ type: 4, value: cert.issuer })] }),
    serialNumber: cert.serialNumber,
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial.toSchema()] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function randomSerialBytes(): Uint8Array {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40; // positive, minimal DER INTEGER
  return bytes;
}

export function createTokenIssuer(options: TokenIssuerOptions): TokenIssuer {
  const { certificate, privateKey, policy, clock, accuracySeconds } = options;

  async function grant(request: TimeStampReq): Promise<Uint8Array> {
    const imprint = request.messageImprint;
    const alg = ACCEPTED_IMPRINT_ALGS[imprint.hashAlgorithm.algorithmId];
    if (alg === undefined) throw new Rejection(FailureInfo.badAlg, `unsupported imprint hash ${imprint.hashAlgorithm.algorithmId}`);
    if (imprint.hashedMessage.valueBlock.valueHexView.length !== alg.length) {
      throw new Rejection(FailureInfo.badDataFormat, `a ${alg.name} imprint is ${alg.length} bytes`);
    }
    if (request.reqPolicy !== undefined && normalizeOid(request.reqPolicy) !== policy) {
      throw new Rejection(FailureInfo.unacceptedPolicy, `this TSA issues tokens under policy ${policy} only`);
    }
    if (request.extensions !== undefined && request.extensions.length > 0) {
      throw new Rejection(FailureInfo.unacceptedExtension, 'no request extensions are supported');
    }

    const genTime = new Date(Math.floor(clock().getTime() / 1000) * 1000);
    const tstInfo = new TSTInfo({
      version: 1,
      policy,
      messageImprint: imprint,
      serialNumber: new asn1js.Integer({ valueHex: randomSerialBytes() }),
      genTime,
      accuracy: new Accuracy({ seconds: accuracySeconds }),
      ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
      tsa: new GeneralName({ type: 4, value: certificate.subject }),
    });
    const eContent = new Uint8Array(tstInfo.toSchema().toBER());

    const attributes = derSorted([
      new Attribute({ type: ID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: ID_CT_TSTINFO })] }),
      new Attribute({
        type: ID_MESSAGE_DIGEST,
        values: [new asn1js.OctetString({ valueHex: new Uint8Array(createHash('sha256').update(eContent).digest()) })],
      }),
      new Attribute({ type: ID_AA_SIGNING_CERTIFICATE_V2, values: [signingCertificateV2(certificate)] }),
    ]);
    const signedData = new SignedData({
      version: 3, // RFC 5652 §5.1: eContentType other than id-data
      encapContentInfo: new EncapsulatedContentInfo({ eContentType: ID_CT_TSTINFO, eContent: new asn1js.OctetString({ valueHex: eContent }) }),
      signerInfos: [
        new SignerInfo({
          version: 1,
          sid: new IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
          signedAttrs: new SignedAndUnsignedAttributes({ type: 0, attributes }),
        }),
      ],
      // RFC 3161 §2.4.1: certReq true -> the TSA certificate MUST be in the token.
      ...(request.certReq === true ? { certificates: [certificate] } : {}),
    });
    await signedData.sign(privateKey, 0, 'SHA-256');
    const token = new ContentInfo({ contentType: ID_SIGNED_DATA, content: signedData.toSchema(true) });
    const response = new TimeStampResp({ status: new PKIStatusInfo({ status: PKIStatus.granted }), timeStampToken: token });
    return new Uint8Array(response.toSchema().toBER());
  }

  return Object.freeze({
    async issue(requestDer: Uint8Array): Promise<Uint8Array> {
      try {
        return await grant(parseRequest(requestDer));
      } catch (e) {
        if (e instanceof Rejection) return rejectionResponse(e.failure, e.message);
        options.onError?.(e);
        return rejectionResponse(FailureInfo.systemFailure, 'the TSA could not sign');
      }
    },
  });
}
