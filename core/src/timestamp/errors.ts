// The closed list of error codes thrown by RFC 3161 token verification. Tests and the HTTP mapper
// use the code, never the message.
import { ElcError } from '../errors.js';

export const TimestampErrorCode = {
  /** The bytes are not a well-formed TimeStampResp / TimeStampToken / TSTInfo, or use an unsupported algorithm. */
  TSA_MALFORMED: 'TSA_MALFORMED',
  /** The TSA answered with a status other than granted / grantedWithMods (RFC 3161 §2.4.2). */
  TSA_STATUS_REJECTED: 'TSA_STATUS_REJECTED',
  /** The token's messageImprint is not the hash of the data it is claimed to timestamp. */
  TSA_IMPRINT_MISMATCH: 'TSA_IMPRINT_MISMATCH',
  /** The CMS signature, its signed attributes or the signing-certificate attribute do not verify. */
  TSA_BAD_SIGNATURE: 'TSA_BAD_SIGNATURE',
  /** The signer certificate is absent or does not chain to one of the trusted roots. */
  TSA_UNTRUSTED_CHAIN: 'TSA_UNTRUSTED_CHAIN',
  /** The signer certificate lacks the sole, critical id-kp-timeStamping EKU (RFC 3161 §2.3). */
  TSA_NOT_TIMESTAMPING_CERT: 'TSA_NOT_TIMESTAMPING_CERT',
  /** The token's nonce is absent or differs from the request's. */
  TSA_NONCE_MISMATCH: 'TSA_NONCE_MISMATCH',
  /** buildTimestampRequest was given bad input (a caller error, not a verification result). */
  TSA_REQUEST_INVALID: 'TSA_REQUEST_INVALID',
} as const;

export type TimestampErrorCode = (typeof TimestampErrorCode)[keyof typeof TimestampErrorCode];

export const TIMESTAMP_ERROR_CODES: readonly TimestampErrorCode[] = Object.freeze(Object.values(TimestampErrorCode));

export function timestampError(code: TimestampErrorCode, message: string, options?: { field?: string; cause?: unknown }): ElcError {
  return new ElcError(code, message, options);
}
