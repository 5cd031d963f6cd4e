// RFC 3161 trusted timestamps: build requests, read responses, verify tokens offline (browser-safe).
export { TimestampErrorCode, TIMESTAMP_ERROR_CODES } from './errors.js';
export { buildTimestampRequest, MIN_NONCE_BYTES, MAX_NONCE_BYTES, type TimestampRequestOptions } from './request.js';
export { parseTimestampResponse, PKI_FAILURE_INFO } from './response.js';
export { verifyTimestampToken, type VerifyTimestampOptions, type TimestampInfo } from './verify.js';
export { pemToDer, pemToDerAll, derToPem } from './pem.js';
export { ID_CT_TSTINFO, ID_KP_TIMESTAMPING, ID_AA_SIGNING_CERTIFICATE_V2, IMPRINT_HASH_OIDS, normalizeOid } from './oids.js';
