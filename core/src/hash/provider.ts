// The hash algorithm is fixed per log and named in every checkpoint and bundle (ARCHITECTURE.md
// invariant 5); the implementation is injected so core stays pure and Node can use node:crypto.
import { ElcError } from '../errors.js';

export type HashAlg = 'sha256' | 'sm3';

export type HashErrorCode =
  /** an algorithm name that is not one of HASH_ALGS */
  | 'HASH_UNSUPPORTED_ALG'
  /** a hash (or leaf) input that is not a Uint8Array */
  | 'HASH_INVALID_INPUT';

/** Every algorithm a log may use, in a stable order. */
export const HASH_ALGS: readonly HashAlg[] = Object.freeze(['sha256', 'sm3'] as const);

/** Both supported algorithms produce 32-byte digests. */
export const HASH_OUTPUT_LENGTH = 32;

/**
 * A synchronous hash function. `hash(a, b, c)` is the digest of the concatenation a || b || c;
 * implementations avoid materialising the concatenation where they can. The result is a fresh
 * `Uint8Array` of `outputLength` bytes that the caller owns.
 */
export interface HashProvider {
  readonly alg: HashAlg;
  readonly outputLength: 32;
  hash(...parts: Uint8Array[]): Uint8Array;
}

export function isHashAlg(x: unknown): x is HashAlg {
  return x === 'sha256' || x === 'sm3';
}

/** Throws HASH_UNSUPPORTED_ALG unless `alg` is one of HASH_ALGS (providers take untyped config). */
export function checkHashAlg(alg: unknown, field = 'alg'): HashAlg {
  if (!isHashAlg(alg)) {
    throw new ElcError('HASH_UNSUPPORTED_ALG', `unsupported hash algorithm: ${String(alg)}`, { field });
  }
  return alg;
}

/** Throws HASH_INVALID_INPUT unless every part is a Uint8Array (hostile callers pass strings). */
export function checkHashParts(parts: readonly unknown[]): void {
  for (const p of parts) {
    if (!(p instanceof Uint8Array)) {
      throw new ElcError('HASH_INVALID_INPUT', 'hash input must be Uint8Array', { field: 'parts' });
    }
  }
}

/**
 * Copies `parts` into one reusable scratch buffer, so a multi-part hash costs one copy and no
 * allocation (unless a larger input grows the buffer). Not reentrant; hashing is synchronous.
 */
export function createJoiner(initial = 128): (parts: readonly Uint8Array[]) => Uint8Array {
  let scratch = new Uint8Array(initial);
  return (parts) => {
    let length = 0;
    for (const p of parts) length += p.length;
    if (length > scratch.length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
    let offset = 0;
    for (const p of parts) {
      scratch.set(p, offset);
      offset += p.length;
    }
    return scratch.subarray(0, length);
  };
}
