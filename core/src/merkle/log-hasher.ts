// RFC 6962 tree hashing: leaf and node hashes are domain-separated by a one-byte prefix so a
// leaf can never be passed off as an interior node (second-preimage resistance).
import type { HashAlg, HashProvider } from '../hash/provider.js';
import { merkleError } from './errors.js';

// https://www.rfc-editor.org/rfc/rfc9162#section-2.1 (same as RFC 6962 §2.1)
export const RFC6962_LEAF_PREFIX = 0x00;
// https://www.rfc-editor.org/rfc/rfc9162#section-2.1
export const RFC6962_NODE_PREFIX = 0x01;

/** Size in bytes of every tree hash (SHA-256 and SM3 digests). */
export const MERKLE_HASH_SIZE = 32;

export interface LogHasher {
  readonly alg: HashAlg;
  /** HASH(0x00 || leaf) */
  leafHash(leaf: Uint8Array): Uint8Array;
  /** HASH(0x01 || left || right); both must be 32-byte hashes (MERKLE_HASH_LENGTH). */
  nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array;
  /** HASH() — the root of the empty tree. */
  emptyRoot(): Uint8Array;
}

/** Throws MERKLE_HASH_LENGTH unless `h` is a 32-byte Uint8Array. */
export function checkHash(h: unknown, field: string): Uint8Array {
  if (!(h instanceof Uint8Array) || h.length !== MERKLE_HASH_SIZE) {
    throw merkleError('MERKLE_HASH_LENGTH', `${field} must be a ${MERKLE_HASH_SIZE}-byte Uint8Array`, field);
  }
  return h;
}

const LEAF_PREFIX = Uint8Array.of(RFC6962_LEAF_PREFIX);
const NODE_PREFIX = Uint8Array.of(RFC6962_NODE_PREFIX);

export function createLogHasher(provider: HashProvider): LogHasher {
  const empty = provider.hash();
  if (empty.length !== MERKLE_HASH_SIZE) {
    throw merkleError('MERKLE_HASH_LENGTH', `a ${provider.alg} provider returned ${empty.length}-byte digests`);
  }
  return Object.freeze({
    alg: provider.alg,
    leafHash: (leaf: Uint8Array) => provider.hash(LEAF_PREFIX, leaf),
    nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
      // Cheap enough to keep on the hot path; a short hash here would forge a different tree.
      if (left.length !== MERKLE_HASH_SIZE) checkHash(left, 'left');
      if (right.length !== MERKLE_HASH_SIZE) checkHash(right, 'right');
      return provider.hash(NODE_PREFIX, left, right);
    },
    emptyRoot: () => empty.slice(),
  });
}
