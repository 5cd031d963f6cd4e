// Worker commitments (architecture invariant 3). A citizen ID number has ~10^10 plausible values
// (region x birth date x sequence, check digit derived), so SHA-256(id) is reversed by brute force
// in hours. HMAC-SHA256 under a per-deployment secret of at least 128 bits keeps the commitment
// stable (the same worker links across contracts) yet unguessable to anyone without the secret.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson, toHex, utf8 } from '../encoding/index.js';
import { ElcError } from '../errors.js';

export const WORKER_COMMITMENT_PREFIX = 'hmac-sha256:';
export const WORKER_COMMITMENT_MIN_SECRET_BYTES = 16;
/** Domain separation: this HMAC input can never be mistaken for another use of the same secret. */
export const WORKER_COMMITMENT_DOMAIN = 'elc-worker-commitment/v1';

const ID_TYPE = /^[A-Za-z0-9_]{1,16}$/;
const ID_NUMBER = /^[0-9A-Z]{1,32}$/;

/** The ID number as committed: surrounding whitespace dropped, letters upper-cased (GB 11643 `x` -> `X`). */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/**
 * `hmac-sha256:<hex>` of HMAC-SHA256(secret, JCS(["elc-worker-commitment/v1", idType, idNumber])).
 * The RFC 8785 array frames the parts unambiguously (no concatenation of "01"+"23" vs "012"+"3").
 * `idType` is the code of the document type (e.g. the regional 证件类型 code) and is part of the
 * commitment, so the same number under two document types commits differently.
 */
export function workerCommitment(secret: Uint8Array, idType: string, idNumber: string): string {
  if (!(secret instanceof Uint8Array) || secret.length < WORKER_COMMITMENT_MIN_SECRET_BYTES) {
    throw new ElcError('EVIDENCE_COMMITMENT_INPUT', `secret must be at least ${WORKER_COMMITMENT_MIN_SECRET_BYTES} bytes`, { field: 'secret' });
  }
  if (typeof idType !== 'string' || !ID_TYPE.test(idType)) {
    throw new ElcError('EVIDENCE_COMMITMENT_INPUT', 'idType must be 1..16 characters of [A-Za-z0-9_]', { field: 'idType' });
  }
  const number = typeof idNumber === 'string' ? normaliseIdNumber(idNumber) : '';
  if (!ID_NUMBER.test(number)) {
    throw new ElcError('EVIDENCE_COMMITMENT_INPUT', 'idNumber must be 1..32 letters or digits', { field: 'idNumber' });
  }
  const message = utf8(canonicalJson([WORKER_COMMITMENT_DOMAIN, idType, number]));
  return WORKER_COMMITMENT_PREFIX + toHex(hmac(sha256, secret, message));
}
