// A real transparency log for the tests, built with core: leaves, roots, consistency proofs and
// C2SP checkpoints signed with a real Ed25519 (or SM2) note key.
import {
  consistencyProof,
  createLogHasher,
  formatCheckpoint,
  generateEd25519Key,
  newSigner,
  pureHashProvider,
  rootOfLeafHashes,
  signNote,
  toBase64,
  utf8,
} from '@elc/core';
import type { HashAlg, LogHasher, NoteKeyPair } from '@elc/core';

export class TestLog {
  readonly hasher: LogHasher;
  private readonly leafHashes: Uint8Array[];

  constructor(
    readonly origin: string,
    readonly alg: HashAlg = 'sha256',
    /** Different seeds give different leaves: a fork of the "same" log. */
    seed = 'main',
    leaves = 64,
  ) {
    this.hasher = createLogHasher(pureHashProvider(alg));
    this.leafHashes = Array.from({ length: leaves }, (_, i) => this.hasher.leafHash(utf8(`${seed} leaf ${i}`)));
  }

  root(size: number): Uint8Array {
    return rootOfLeafHashes(this.hasher, this.leafHashes.slice(0, size));
  }

  /** JSON argument of AnchorCheckpoint: base64 hashes of the RFC 9162 consistency proof. */
  proof(from: number, to: number): string {
    if (from === 0) return '[]';
    const read = (level: number, index: number): Uint8Array =>
      rootOfLeafHashes(this.hasher, this.leafHashes.slice(index * 2 ** level, (index + 1) * 2 ** level));
    return JSON.stringify(consistencyProof(this.hasher, from, to, read).map(toBase64));
  }

  checkpoint(size: number, key: NoteKeyPair, origin = this.origin): string {
    return signNote(formatCheckpoint({ origin, size, rootHash: this.root(size), extensions: [] }), [newSigner(key.skey)]);
  }
}

export function logKey(origin: string): NoteKeyPair {
  return generateEd25519Key(origin);
}
