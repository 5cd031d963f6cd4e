// A real little log for bundle tests: events encoded as leaves, proofs from a direct transcription
// of RFC 6962 §2.1.1 PATH (independent of core/merkle's proof builder), a checkpoint signed with
// core/note, and a bundle assembled with buildEvidenceBundle.
import { encodeLeaf } from '../evidence/index.js';
import type { EvidenceEvent } from '../evidence/index.js';
import { SAMPLE_EVENTS, OTHER_EMPLOYER } from '../evidence/fixtures.test-support.js';
import { pureHashProvider } from '../hash/index.js';
import type { HashAlg } from '../hash/index.js';
import { createLogHasher } from '../merkle/index.js';
import type { LogHasher } from '../merkle/index.js';
import { SIGNATURE_TYPE_ED25519, formatCheckpoint, newSigner, signNote } from '../note/index.js';
import { ed25519KeyPair } from '../note/ed25519.js';
import type { NoteKeyPair } from '../note/index.js';
import { buildEvidenceBundle } from './build.js';
import type { EvidenceBundleV1 } from './schema.js';

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 6962 §2.1: MTH(D[n]). */
export function mth(h: LogHasher, leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return h.emptyRoot();
  if (leaves.length === 1) return h.leafHash(leaves[0] as Uint8Array);
  const k = largestPowerOfTwoBelow(leaves.length);
  return h.nodeHash(mth(h, leaves.slice(0, k)), mth(h, leaves.slice(k)));
}

/** RFC 6962 §2.1.1: PATH(m, D[n]). */
export function path(h: LogHasher, m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = largestPowerOfTwoBelow(leaves.length);
  return m < k ? [...path(h, m, leaves.slice(0, k)), mth(h, leaves.slice(k))] : [...path(h, m - k, leaves.slice(k)), mth(h, leaves.slice(0, k))];
}

export const ORIGIN = 'ledger.example.org/elc/110000';
export const CHANNEL = 'elc-110000';
export const TX_ID = 'ab'.repeat(32);

/** The contract the bundle is about, and events of another contract interleaved in the same log. */
export const CONTRACT_EVENTS: readonly EvidenceEvent[] = [
  SAMPLE_EVENTS['identity.verified'],
  SAMPLE_EVENTS['signature.applied'],
  SAMPLE_EVENTS['timestamp.issued'],
  SAMPLE_EVENTS['contract.concluded'],
  SAMPLE_EVENTS['worker.notified'],
  SAMPLE_EVENTS['evidence.accessed'],
];
const OTHER_EVENTS: readonly EvidenceEvent[] = [
  { ...SAMPLE_EVENTS['contract.concluded'], id: 'o-1', contractId: 'HT-OTHER-1' },
  { ...SAMPLE_EVENTS['worker.notified'], id: 'o-2', employer: OTHER_EMPLOYER },
  { ...SAMPLE_EVENTS['document.viewed'], id: 'o-3', contractId: 'HT-OTHER-1' },
  { ...SAMPLE_EVENTS['paper_copy.issued'], id: 'o-4', contractId: 'HT-OTHER-2' },
  { ...SAMPLE_EVENTS['contract.terminated'], id: 'o-5', contractId: 'HT-OTHER-2' },
  { ...SAMPLE_EVENTS['document.downloaded'], id: 'o-6', contractId: 'HT-OTHER-3' },
  { ...SAMPLE_EVENTS['contract.amended'], id: 'o-7', contractId: 'HT-OTHER-3' },
];

/** A deterministic Ed25519 note key: the seed is 32 copies of `seedByte` (tests stay reproducible). */
export function testKey(name: string, seedByte: number): NoteKeyPair {
  return ed25519KeyPair(name, SIGNATURE_TYPE_ED25519, new Uint8Array(32).fill(seedByte));
}

export interface TestLog {
  readonly hasher: LogHasher;
  readonly leaves: readonly Uint8Array[];
  /** Log indices of CONTRACT_EVENTS. */
  readonly contractIndices: readonly number[];
  /** Log indices of the other contracts' events. */
  readonly otherIndices: readonly number[];
  readonly root: Uint8Array;
  readonly vkey: string;
  readonly skey: string;
  readonly checkpoint: string;
  readonly bundle: EvidenceBundleV1;
  /** Signs arbitrary checkpoint text with the log key. */
  sign(text: string): string;
}

/** A log of 13 leaves (not a power of two), the contract's events at scattered indices. */
export function buildTestLog(alg: HashAlg = 'sha256'): TestLog {
  const hasher = createLogHasher(pureHashProvider(alg));
  // M: an event of the bundle's contract, O: another contract's. 13 leaves, M at 0 2 3 6 9 12.
  const mine = [...CONTRACT_EVENTS];
  const others = [...OTHER_EVENTS];
  const order = [...'MOMMOOMOOMOOM'].map((c) => {
    const event = c === 'M' ? mine.shift() : others.shift();
    if (event === undefined) throw new Error('pattern does not match the fixtures');
    return { event, mine: c === 'M' };
  });
  const leaves = order.map((x) => encodeLeaf(x.event));
  const contractIndices = order.flatMap((x, i) => (x.mine ? [i] : []));
  const otherIndices = order.flatMap((x, i) => (x.mine ? [] : [i]));
  const root = mth(hasher, leaves);
  const { skey, vkey } = testKey(ORIGIN, 1);
  const signer = newSigner(skey);
  const sign = (text: string) => signNote(text, [signer]);
  const checkpoint = sign(formatCheckpoint({ origin: ORIGIN, size: leaves.length, rootHash: root, extensions: [] }));
  const bundle = buildEvidenceBundle({
    hashAlg: alg,
    origin: ORIGIN,
    contract: { employer: CONTRACT_EVENTS[0]?.employer ?? '', contractId: CONTRACT_EVENTS[0]?.contractId ?? '' },
    entries: contractIndices.map((index) => ({ index, leaf: leaves[index] as Uint8Array, proof: path(hasher, index, leaves) })),
    checkpoint,
    anchor: { channel: CHANNEL, txId: TX_ID, blockNumber: 42, anchoredRoot: root, anchoredSize: leaves.length },
    keys: { log: vkey },
    generatedAt: '2026-11-22T09:00:00.000Z',
  });
  return { hasher, leaves, contractIndices, otherIndices, root, vkey, skey, checkpoint, bundle, sign };
}

/** A deep, mutable copy of a bundle. */
export function copy(bundle: EvidenceBundleV1): Record<string, unknown> & {
  entries: { index: number; leaf: string; proof: string[] }[];
  anchor: Record<string, unknown>;
  keys: Record<string, unknown>;
  contract: Record<string, unknown>;
} {
  return JSON.parse(JSON.stringify(bundle)) as ReturnType<typeof copy>;
}
