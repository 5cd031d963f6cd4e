// RFC 3161 §2.4.1 TimeStampReq, built with pkijs.
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, MessageImprint, TimeStampReq } from 'pkijs';
import { pureHashProvider, type HashAlg } from '../hash/index.js';
import { timestampError, TimestampErrorCode } from './errors.js';
import { bytesOf, ownBytes, unsignedInteger } from './bytes.js';
import { IMPRINT_HASH_OIDS } from './oids.js';

/** Nonces are random integers; 8 to 32 octets is what deployed TSAs accept. */
export const MIN_NONCE_BYTES = 8;
export const MAX_NONCE_BYTES = 32;

export interface TimestampRequestOptions {
  /** Message-imprint hash; default sha256. */
  hashAlg?: HashAlg;
  /** Random value the TSA must echo (RFC 3161 §2.4.1); strongly recommended. */
  nonce?: Uint8Array;
  /** Ask the TSA to include its certificate in the token; default true. */
  certReq?: boolean;
  /** reqPolicy: the TSA policy OID the token must be issued under. */
  policy?: string;
}

const OID = /^[0-2](?:\.(?:0|[1-9][0-9]*))+$/;

/** DER of a TimeStampReq over hash(data). The imprint's AlgorithmIdentifier omits parameters (RFC 5754 §2). */
export function buildTimestampRequest(data: Uint8Array, options: TimestampRequestOptions = {}): Uint8Array {
  if (!(data instanceof Uint8Array)) throw timestampError(TimestampErrorCode.TSA_REQUEST_INVALID, 'data must be a Uint8Array', { field: 'data' });
  const hashAlg = options.hashAlg ?? 'sha256';
  const hashOid = IMPRINT_HASH_OIDS[hashAlg];
  if (hashOid === undefined) throw timestampError(TimestampErrorCode.TSA_REQUEST_INVALID, `unsupported hash: ${String(hashAlg)}`, { field: 'hashAlg' });
  const { nonce, policy } = options;
  if (nonce !== undefined && (!(nonce instanceof Uint8Array) || nonce.length < MIN_NONCE_BYTES || nonce.length > MAX_NONCE_BYTES)) {
    throw timestampError(TimestampErrorCode.TSA_REQUEST_INVALID, `nonce must be ${MIN_NONCE_BYTES}..${MAX_NONCE_BYTES} bytes`, { field: 'nonce' });
  }
  if (policy !== undefined && !OID.test(policy)) throw timestampError(TimestampErrorCode.TSA_REQUEST_INVALID, 'policy must be an OID', { field: 'policy' });

  const digest = pureHashProvider(hashAlg).hash(data);
  const request = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: hashOid }),
      hashedMessage: new asn1js.OctetString({ valueHex: ownBytes(digest) }),
    }),
    certReq: options.certReq ?? true,
    ...(nonce === undefined ? {} : { nonce: unsignedInteger(nonce) }),
    ...(policy === undefined ? {} : { reqPolicy: policy }),
  });
  return bytesOf(request.toSchema().toBER());
}
