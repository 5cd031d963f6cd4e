// A small real transparency log for the ledger tests, built with core: leaves, roots, RFC 9162
// consistency proofs and C2SP checkpoints signed with a real Ed25519 note key. A different seed
// gives different leaves: a fork of the "same" log.
import { consistencyProof, createLogHasher, formatCheckpoint, generateEd25519Key, newSigner, pureHashProvider, rootOfLeafHashes, signNote, toBase64, utf8 } from '@elc/core';
import type { LogHasher, NoteKeyPair } from '@elc/core';

export class TestLog {
  readonly hasher: LogHasher = createLogHasher(pureHashProvider('sha256'));
  private readonly leafHashes: Uint8Array[];

  constructor(
    readonly origin: string,
    readonly key: NoteKeyPair = generateEd25519Key(origin),
    seed = 'main',
    leaves = 64,
  ) {
    this.leafHashes = Array.from({ length: leaves }, (_, i) => this.hasher.leafHash(utf8(`${seed} leaf ${i}`)));
  }

  /** the same origin and key, other leaves */
  fork(seed = 'fork'): TestLog {
    return new TestLog(this.origin, this.key, seed, this.leafHashes.length);
  }

  root(size: number): Uint8Array {
    return rootOfLeafHashes(this.hasher, this.leafHashes.slice(0, size));
  }

  rootB64(size: number): string {
    return toBase64(this.root(size));
  }

  proof(from: number, to: number): Uint8Array[] {
    if (from === 0) return [];
    const read = (level: number, index: number): Uint8Array => rootOfLeafHashes(this.hasher, this.leafHashes.slice(index * 2 ** level, (index + 1) * 2 ** level));
    return consistencyProof(this.hasher, from, to, read);
  }

  checkpoint(size: number): string {
    return signNote(formatCheckpoint({ origin: this.origin, size, rootHash: this.root(size), extensions: [] }), [newSigner(this.key.skey)]);
  }
}

// The lifecycle transitions are the chaincode's own test fixtures: one copy of them for both
// workspaces (the gateway depends on the chaincode). EMPLOYER is registered in Jinan (3701xx).
export { conclude, docHash, EMPLOYER_JINAN as EMPLOYER, renew, rescind } from '../../../chaincode/test/support/fixtures.js';
