// Document hashes: "sha256:<64 lowercase hex>" or "sm3:<64 lowercase hex>" (ARCHITECTURE.md, Formats).
import { fromHex, toHex } from '../encoding/index.js';
import { ElcError } from '../errors.js';

/** Algorithms a document hash may name; the same names as the log's HashAlg. */
export type DocHashAlg = 'sha256' | 'sm3';
export const DOC_HASH_ALGS: readonly DocHashAlg[] = ['sha256', 'sm3'];

/** The exact textual form; lowercase only, so one digest has one spelling. */
export const DOC_HASH_PATTERN = /^(sha256|sm3):[0-9a-f]{64}$/;

export function isDocHash(text: string): boolean {
  return DOC_HASH_PATTERN.test(text);
}

export function formatDocHash(alg: DocHashAlg, digest: Uint8Array): string {
  if (!DOC_HASH_ALGS.includes(alg)) {
    throw new ElcError('EVIDENCE_DOC_HASH_INVALID', 'unknown document hash algorithm', { field: 'alg' });
  }
  if (!(digest instanceof Uint8Array) || digest.length !== 32) {
    throw new ElcError('EVIDENCE_DOC_HASH_INVALID', 'document digest must be 32 bytes', { field: 'digest' });
  }
  return `${alg}:${toHex(digest)}`;
}

export function parseDocHash(text: string): { alg: DocHashAlg; digest: Uint8Array } {
  const m = typeof text === 'string' ? DOC_HASH_PATTERN.exec(text) : null;
  if (m === null) {
    throw new ElcError('EVIDENCE_DOC_HASH_INVALID', 'document hash must be sha256:<64 hex> or sm3:<64 hex>, lowercase');
  }
  const alg = m[1] === 'sm3' ? 'sm3' : 'sha256';
  return { alg, digest: fromHex(text.slice(alg.length + 1)) };
}
