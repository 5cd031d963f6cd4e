// Independent checks of what the gateway serves, with @elc/core only.
import {
  createLogHasher,
  decodeLeaf,
  encodeLeaf,
  fromBase64,
  newVerifier,
  openCheckpoint,
  parseEvidenceEvent,
  toBase64,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
} from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';

export const hasher = createLogHasher(nativeHashProvider('sha256'));

/** base64 RFC 6962 leaf hash of the canonical leaf of a (raw) event, as the gateway should compute it. */
export function expectedLeafHash(rawEvent: unknown): string {
  return toBase64(hasher.leafHash(encodeLeaf(parseEvidenceEvent(rawEvent))));
}

export function openNoteCheckpoint(note: string, vkey: string, origin: string): Checkpoint {
  return openCheckpoint(note, [newVerifier(vkey.trim())], { origin }).checkpoint;
}

export interface InclusionJson {
  index: number;
  size: number;
  leafHash: string;
  proof: string[];
  rootHash: string;
}

export interface ConsistencyJson {
  from: number;
  to: number;
  proof: string[];
  fromRoot: string;
  toRoot: string;
}

export function checkInclusion(p: InclusionJson, root: Uint8Array): void {
  verifyInclusion(hasher, p.index, p.size, fromBase64(p.leafHash), p.proof.map((h) => fromBase64(h)), root);
}

export function checkConsistency(p: ConsistencyJson, root1: Uint8Array, root2: Uint8Array): void {
  verifyConsistency(hasher, p.from, p.to, p.proof.map((h) => fromBase64(h)), root1, root2);
}

export function decodeEntry(entryB64: string): unknown {
  return decodeLeaf(fromBase64(entryB64));
}
