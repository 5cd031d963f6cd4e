// A small real transparency log for the ledger tests, built with core: leaves, roots, RFC 9162
// consistency proofs and C2SP checkpoints signed with a real Ed25519 note key. A different seed
// gives different leaves: a fork of the "same" log.
import { consistencyProof, createLogHasher, formatCheckpoint, generateEd25519Key, newSigner, pureHashProvider, rootOfLeafHashes, signNote, toBase64, makeUscc, utf8 } from '@elc/core';
import type { LogHasher, NoteKeyPair } from '@elc/core';
import { createHash } from 'node:crypto';

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


/** An employer registered in Jinan (3701xx). */
export const EMPLOYER = makeUscc('91370102MA3C1111B');

export const docHash = (label: string): string => `sha256:${createHash('sha256').update(label).digest('hex')}`;

export function conclude(contractId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'conclude',
    employer: EMPLOYER,
    contractId,
    region: '370102',
    effectiveDate: '2026-03-01',
    docHash: docHash(`${contractId} contract`),
    term: { kind: 'fixed', start: '2026-03-01', end: '2029-02-28' },
    evidenceIndex: 7,
    ...over,
  };
}

export function renew(contractId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'renew', employer: EMPLOYER, contractId, effectiveDate: '2029-03-01', docHash: docHash(`${contractId} renewal`), term: { kind: 'open_ended', start: '2029-03-01' }, ...over };
}

export function rescind(contractId: string): Record<string, unknown> {
  return { type: 'rescind', employer: EMPLOYER, contractId, effectiveDate: '2027-06-30', reasonCode: '36', initiator: 'worker' };
}
