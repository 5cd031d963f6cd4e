// The batch tree of a flush's receipt statements and every statement's inclusion proof (format.ts).
import type { LogHasher } from '../merkle/index.js';
import { toBase64 } from '../encoding/index.js';
import { invalid } from './format.js';

export interface BatchTree {
  readonly root: Uint8Array;
  /** proofs[i]: the RFC 6962 inclusion proof of leaf i, as standard base64 ([] for a batch of one) */
  readonly proofs: readonly (readonly string[])[];
}

/**
 * The RFC 6962 tree over `leaves` (statements) and every leaf's inclusion proof, in one pass:
 * the levels are built once bottom-up (n leaf hashes, n - 1 node hashes; a last odd node moves up
 * a level unchanged, which is RFC 6962's split at the largest power of two), then each proof is
 * read off them, one sibling per level where it has one. Each node is base64-encoded once however
 * many proofs share it (the proofs share the strings).
 */
export function buildBatchTree(hasher: LogHasher, leaves: readonly Uint8Array[]): BatchTree {
  if (leaves.length === 0) throw invalid('a batch holds at least one statement', 'batch.size');
  const levels: Uint8Array[][] = [leaves.map((s) => hasher.leafHash(s))];
  for (let row = levels[0] as Uint8Array[]; row.length > 1; ) {
    const up: Uint8Array[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) up.push(hasher.nodeHash(row[i] as Uint8Array, row[i + 1] as Uint8Array));
    if (row.length % 2 === 1) up.push(row[row.length - 1] as Uint8Array);
    levels.push(up);
    row = up;
  }
  // Nearly every node below the root is some leaf's sibling: encode each once, share the strings.
  const encoded = levels.slice(0, -1).map((row) => row.map((h) => toBase64(h)));
  const proofs = leaves.map((_, leaf) => {
    const proof: string[] = [];
    for (let level = 0, i = leaf; level < encoded.length; level++, i = Math.floor(i / 2)) {
      const row = encoded[level] as string[];
      const sibling = i % 2 === 0 ? i + 1 : i - 1;
      if (sibling < row.length) proof.push(row[sibling] as string);
    }
    return proof;
  });
  return { root: (levels.at(-1) as Uint8Array[])[0] as Uint8Array, proofs };
}
