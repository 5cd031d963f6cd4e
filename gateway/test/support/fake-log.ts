// An in-memory LogService for HTTP-layer tests that do not need durability: entries in arrays,
// a checkpoint signed right after every append, proofs and tiles computed with @elc/core.
import {
  ElcError,
  consistencyProof,
  createLogHasher,
  formatCheckpoint,
  generateEd25519Key,
  inclusionProof,
  newSigner,
  rootOfLeafHashes,
  signNote,
  toBase64,
} from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import type { LogService, Receipt, SignedCheckpoint } from '../../src/log/index.js';

export function createFakeLog(origin: string, now: () => number = Date.now): LogService {
  const hasher = createLogHasher(nativeHashProvider('sha256'));
  const { skey, vkey } = generateEd25519Key(origin);
  const signer = newSigner(skey);
  const leaves: Uint8Array[] = [];
  const hashes: Uint8Array[] = [];
  const byId = new Map<string, Receipt>();
  let appended = 0;
  let duplicates = 0;
  let closed = false;

  const node = (level: number, index: number): Uint8Array => rootOfLeafHashes(hasher, hashes.slice(index << level, (index + 1) << level));
  const sign = (size: number): SignedCheckpoint => {
    const rootHash = rootOfLeafHashes(hasher, hashes.slice(0, size));
    return { size, rootHash, time: now(), note: signNote(formatCheckpoint({ origin, size, rootHash, extensions: [] }), [signer]) };
  };
  let checkpoint = sign(0);

  return {
    origin,
    hashAlg: 'sha256',
    verifierKey: vkey,
    append(entries) {
      if (closed) return Promise.reject(new ElcError('LOG_CLOSED', 'closed'));
      for (const e of entries) {
        const old = byId.get(e.id);
        if (old !== undefined && old.leafHash !== toBase64(hasher.leafHash(e.leaf))) {
          return Promise.reject(new ElcError('LOG_ID_CONFLICT', `id ${e.id} was used with another leaf`));
        }
      }
      const receipts = entries.map((e) => {
        const old = byId.get(e.id);
        if (old !== undefined) {
          duplicates++;
          return old;
        }
        const leafHash = hasher.leafHash(e.leaf);
        const r: Receipt = { id: e.id, index: leaves.length, leafHash: toBase64(leafHash), time: now(), signature: '' };
        leaves.push(e.leaf);
        hashes.push(leafHash);
        byId.set(e.id, r);
        appended++;
        return r;
      });
      checkpoint = sign(leaves.length);
      return Promise.resolve(receipts);
    },
    waitForCheckpoint(size) {
      return size > leaves.length ? Promise.reject(new ElcError('LOG_SIZE_BEYOND_LOG', 'too big')) : Promise.resolve(checkpoint);
    },
    latestCheckpoint: () => Promise.resolve(checkpoint),
    entry(index) {
      const leaf = leaves[index];
      const leafHash = hashes[index];
      if (leaf === undefined || leafHash === undefined) return Promise.reject(new ElcError('LOG_INDEX_OUT_OF_RANGE', 'no such entry'));
      return Promise.resolve({ index, leaf, leafHash });
    },
    inclusionProof(index, size) {
      if (size > checkpoint.size) return Promise.reject(new ElcError('LOG_SIZE_BEYOND_CHECKPOINT', 'size beyond checkpoint'));
      const leafHash = hashes[index];
      if (leafHash === undefined || index >= size) return Promise.reject(new ElcError('LOG_INDEX_OUT_OF_RANGE', 'index beyond size'));
      const proof = inclusionProof(hasher, index, size, node);
      return Promise.resolve({ index, size, leafHash, proof, rootHash: rootOfLeafHashes(hasher, hashes.slice(0, size)) });
    },
    consistencyProof(from, to) {
      if (to > checkpoint.size) return Promise.reject(new ElcError('LOG_SIZE_BEYOND_CHECKPOINT', 'size beyond checkpoint'));
      const proof = consistencyProof(hasher, from, to, node);
      return Promise.resolve({
        from,
        to,
        proof,
        fromRoot: rootOfLeafHashes(hasher, hashes.slice(0, from)),
        toRoot: rootOfLeafHashes(hasher, hashes.slice(0, to)),
      });
    },
    readTile(level, index, width) {
      const perTile = 256;
      const count = width ?? perTile;
      const first = index * perTile;
      const nodesAtLevel = Math.floor(hashes.length / 2 ** (level * 8));
      if (first + count > nodesAtLevel) return Promise.reject(new ElcError('LOG_TILE_NOT_FOUND', 'beyond the log'));
      const out = new Uint8Array(count * 32);
      for (let i = 0; i < count; i++) out.set(node(level * 8, first + i), i * 32);
      return Promise.resolve(out);
    },
    readEntryBundle(index, width) {
      const count = width ?? 256;
      const first = index * 256;
      if (first + count > leaves.length) return Promise.reject(new ElcError('LOG_TILE_NOT_FOUND', 'beyond the log'));
      const parts = leaves.slice(first, first + count);
      const out = new Uint8Array(parts.reduce((n, p) => n + 2 + p.length, 0));
      let o = 0;
      for (const p of parts) {
        out[o] = p.length >> 8;
        out[o + 1] = p.length & 0xff;
        out.set(p, o + 2);
        o += 2 + p.length;
      }
      return Promise.resolve(out);
    },
    stats: () => ({
      size: leaves.length,
      integratedSize: leaves.length,
      pending: 0,
      maxPending: 16384,
      checkpointSize: checkpoint.size,
      checkpointTime: checkpoint.time,
      appendedTotal: appended,
      duplicateTotal: duplicates,
      batchesTotal: appended,
      pushbackTotal: 0,
    }),
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
