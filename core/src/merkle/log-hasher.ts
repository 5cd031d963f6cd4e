// RFC 6962 tree hashing: leaf and node hashes are domain-separated by a one-byte prefix so a
// leaf can never be passed off as an interior node (second-preimage resistance).
import type { HashAlg, HashProvider } from '../hash/provider.js';
import { ElcError } from '../errors.js';
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

export function isTreeHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === MERKLE_HASH_SIZE;
}

/**
 * Throws MERKLE_HASH_LENGTH unless `h` is a 32-byte Uint8Array. Loops pass `field` as a
 * function (or test isTreeHash first) so a name like `proof[3]` is only built on failure.
 */
export function checkHash(h: unknown, field: string | (() => string)): Uint8Array {
  if (isTreeHash(h)) return h;
  const name = typeof field === 'string' ? field : field();
  throw merkleError('MERKLE_HASH_LENGTH', `${name} must be a ${MERKLE_HASH_SIZE}-byte Uint8Array`, name);
}

export function createLogHasher(provider: HashProvider): LogHasher {
  const empty = provider.hash();
  if (empty.length !== MERKLE_HASH_SIZE) {
    throw merkleError('MERKLE_HASH_LENGTH', `a ${provider.alg} provider returned ${empty.length}-byte digests`);
  }
  // Prefix and inputs are laid out in reused scratch buffers and hashed as one part: no
  // allocation per call, and one-shot hashing measured faster than multi-part updates.
  const node = new Uint8Array(1 + 2 * MERKLE_HASH_SIZE);
  node[0] = RFC6962_NODE_PREFIX;
  let leafBuf = new Uint8Array(1024);
  return Object.freeze({
    alg: provider.alg,
    leafHash(leaf: Uint8Array): Uint8Array {
      if (!(leaf instanceof Uint8Array)) {
        throw new ElcError('HASH_INVALID_INPUT', 'a leaf must be a Uint8Array', { field: 'leaf' });
      }
      if (leaf.length + 1 > leafBuf.length) leafBuf = new Uint8Array(Math.max(leaf.length + 1, 2 * leafBuf.length));
      leafBuf[0] = RFC6962_LEAF_PREFIX;
      leafBuf.set(leaf, 1);
      return provider.hash(leafBuf.subarray(0, leaf.length + 1));
    },
    nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
      // Cheap enough to keep on the hot path; a short hash here would forge a different tree.
      checkHash(left, 'left');
      checkHash(right, 'right');
      node.set(left, 1);
      node.set(right, 1 + MERKLE_HASH_SIZE);
      return provider.hash(node);
    },
    emptyRoot: () => empty.slice(),
  });
}
