// RFC 3161 trusted timestamps: build requests, read responses, verify tokens offline (browser-safe).
export { TimestampErrorCode, TIMESTAMP_ERROR_CODES } from './errors.js';
export { buildTimestampRequest, type TimestampRequestOptions } from './request.js';
export { parseTimestampResponse } from './response.js';
export { verifyTimestampToken, type VerifyTimestampOptions, type TimestampInfo } from './verify.js';
export { pemToDer, pemToDerAll, derToPem } from './pem.js';
export { ID_CT_TSTINFO, ID_KP_TIMESTAMPING, ID_AA_SIGNING_CERTIFICATE_V2, normalizeOid } from './oids.js';
