import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../encoding/index.js';
import { encodeLeaf } from '../evidence/index.js';
import { SAMPLE_EVENTS } from '../evidence/fixtures.test-support.js';
import { pureHashProvider } from '../hash/index.js';
import { formatCheckpoint, newSigner, signNote } from '../note/index.js';
import type { BundleErrorCode } from './codes.js';
import { CONTRACT_EVENTS, ORIGIN, buildTestLog, copy, path, testKey } from './log.test-support.js';
import type { BundleReport } from './report.js';
import { verifyBundle } from './verify.js';

const log = buildTestLog();
const trust = { logKeys: [log.vkey] };

function failures(report: BundleReport): BundleErrorCode[] {
  return [...new Set(report.checks.flatMap((c) => (c.ok ? [] : [c.code as BundleErrorCode])))].sort();
}

function failedIds(report: BundleReport): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => c.id);
}

/** The checkpoint note with its body replaced (the original signature line kept). */
function withBody(note: string, body: string): string {
  return body + note.slice(note.lastIndexOf('\n\n') + 1);
}

describe('verifyBundle on a real log', () => {
  it('verifies the bundle of a contract whose events are scattered in a log of 13', () => {
    const report = verifyBundle(log.bundle, trust, { hashProviderFor: pureHashProvider });
    expect(failures(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checkpoint?.size).toBe(13);
    expect(report.events.map((e) => e.index)).toEqual(log.contractIndices);
    expect(report.events.map((e) => e.event)).toEqual(CONTRACT_EVENTS);
    expect(report.checks.map((c) => c.id)).toEqual([
      'schema', 'hash_alg', 'trust', 'checkpoint', 'origin', 'entries',
      ...log.contractIndices.map((i) => `leaf.${i}`),
      ...log.contractIndices.map((i) => `inclusion.${i}`),
      'anchor',
    ]);
    expect(report.unchecked).toEqual([expect.stringMatching(/^anchor\.ledger/)]);
  });

  it('verifies an SM3 log, and uses the pure providers by default', () => {
    const sm3 = buildTestLog('sm3');
    expect(verifyBundle(sm3.bundle, { logKeys: [sm3.vkey] }).ok).toBe(true);
    // The same leaves hashed with the wrong algorithm prove nothing.
    const wrongAlg = verifyBundle({ ...sm3.bundle, hashAlg: 'sha256' }, { logKeys: [sm3.vkey] });
    expect(failures(wrongAlg)).toEqual(['BUNDLE_INCLUSION_FAILED']);
  });

  it('survives a JSON round trip (the bundle is plain JSON)', () => {
    expect(verifyBundle(JSON.parse(JSON.stringify(log.bundle)), trust).ok).toBe(true);
  });
});

describe('verifyBundle: each single tamper fails with its own code', () => {
  it('a byte of a leaf', () => {
    const b = copy(log.bundle);
    const entry = b.entries[2];
    if (entry === undefined) throw new Error('fixture');
    const leaf = fromBase64(entry.leaf);
    leaf[0] = 0x20; // '{' -> ' ': no longer canonical JSON
    entry.leaf = toBase64(leaf);
    const report = verifyBundle(b, trust);
    expect(report.ok).toBe(false);
    expect(failures(report)).toEqual(['BUNDLE_INCLUSION_FAILED', 'BUNDLE_LEAF_INVALID']);
    expect(failedIds(report)).toEqual([`leaf.${entry.index}`, `inclusion.${entry.index}`]);
    expect(report.events.map((e) => e.index)).not.toContain(entry.index);
  });

  it('a leaf swapped for another valid event of the same contract', () => {
    const b = copy(log.bundle);
    const entry = b.entries[0];
    if (entry === undefined) throw new Error('fixture');
    entry.leaf = toBase64(encodeLeaf({ ...SAMPLE_EVENTS['identity.verified'], data: { method: 'sms_code', result: 'passed' } }));
    const report = verifyBundle(b, trust);
    expect(failures(report)).toEqual(['BUNDLE_INCLUSION_FAILED']);
    expect(failedIds(report)).toEqual([`inclusion.${entry.index}`]);
  });

  it('a proof hash', () => {
    const b = copy(log.bundle);
    const entry = b.entries[3];
    if (entry === undefined) throw new Error('fixture');
    const h = fromBase64(entry.proof[1] ?? '');
    h[31] = (h[31] ?? 0) ^ 0x80;
    entry.proof[1] = toBase64(h);
    const report = verifyBundle(b, trust);
    expect(failures(report)).toEqual(['BUNDLE_INCLUSION_FAILED']);
    expect(failedIds(report)).toEqual([`inclusion.${entry.index}`]);
  });

  it('a proof hash removed or an index moved', () => {
    const short = copy(log.bundle);
    short.entries[1]?.proof.pop();
    expect(failures(verifyBundle(short, trust))).toEqual(['BUNDLE_INCLUSION_FAILED']);
    const moved = copy(log.bundle);
    const last = moved.entries[moved.entries.length - 1];
    if (last === undefined) throw new Error('fixture');
    last.index += 1; // 13: beyond the tree
    expect(failures(verifyBundle(moved, trust))).toEqual(['BUNDLE_INCLUSION_FAILED']);
  });

  it('the checkpoint size, or its root, or its signature', () => {
    const [origin, size, root] = log.checkpoint.split('\n');
    const bigger = withBody(log.checkpoint, `${origin}\n${Number(size) + 1}\n${root}\n`);
    const rootBytes = fromBase64(root ?? '');
    rootBytes[0] = (rootBytes[0] ?? 0) ^ 1;
    const otherRoot = withBody(log.checkpoint, `${origin}\n${size}\n${toBase64(rootBytes)}\n`);
    const sigLine = log.checkpoint.slice(log.checkpoint.lastIndexOf('\n\n') + 2, -1);
    const sigB64 = sigLine.slice(sigLine.lastIndexOf(' ') + 1);
    const sig = fromBase64(sigB64);
    sig[10] = (sig[10] ?? 0) ^ 1; // inside the signature, after the 4-byte key ID
    const badSig = log.checkpoint.replace(sigB64, toBase64(sig));
    // A changed size or root also no longer matches the anchor; a changed signature still does.
    for (const [checkpoint, codes] of [
      [bigger, ['BUNDLE_ANCHOR_MISMATCH', 'BUNDLE_CHECKPOINT_SIGNATURE']],
      [otherRoot, ['BUNDLE_ANCHOR_MISMATCH', 'BUNDLE_CHECKPOINT_SIGNATURE']],
      [badSig, ['BUNDLE_CHECKPOINT_SIGNATURE']],
    ] as const) {
      expect(checkpoint).not.toBe(log.checkpoint);
      const report = verifyBundle({ ...log.bundle, checkpoint }, trust);
      expect(failures(report)).toEqual(codes);
      expect(report.checks.some((c) => c.id === 'anchor' && c.ok)).toBe(false);
      expect(report.checkpoint).toBeUndefined();
      expect(report.events).toEqual([]);
    }
  });

  it('the anchor root or size', () => {
    const b = copy(log.bundle);
    const root = fromBase64(String(b.anchor.anchoredRoot));
    root[5] = (root[5] ?? 0) ^ 4;
    b.anchor.anchoredRoot = toBase64(root);
    expect(failures(verifyBundle(b, trust))).toEqual(['BUNDLE_ANCHOR_MISMATCH']);
    const s = copy(log.bundle);
    s.anchor.anchoredSize = 12;
    expect(failures(verifyBundle(s, trust))).toEqual(['BUNDLE_ANCHOR_MISMATCH']);
    const { anchor: _a, ...noAnchor } = log.bundle;
    const report = verifyBundle(noAnchor, trust);
    expect(report.ok).toBe(true);
    expect(report.checks.some((c) => c.id === 'anchor')).toBe(false);
  });

  it('a checkpoint signed by an untrusted key, even when the bundle names that key', () => {
    const mallory = testKey(ORIGIN, 0x66);
    const forged = signNote(formatCheckpoint({ origin: ORIGIN, size: 13, rootHash: log.root, extensions: [] }), [newSigner(mallory.skey)]);
    const own = verifyBundle({ ...log.bundle, checkpoint: forged, keys: { log: mallory.vkey } }, trust);
    expect(failures(own)).toEqual(['BUNDLE_CHECKPOINT_UNTRUSTED_KEY']);
    expect(own.checks.find((c) => c.id === 'checkpoint')?.detail).toMatch(/unpinned/);
    // The honest checkpoint verified against someone else's pinned key is just as untrusted.
    expect(failures(verifyBundle(log.bundle, { logKeys: [mallory.vkey] }))).toEqual(['BUNDLE_CHECKPOINT_UNTRUSTED_KEY']);
    // A checkpoint co-signed by the pinned key and another verifies (the other is ignored).
    const both = signNote(formatCheckpoint({ origin: ORIGIN, size: 13, rootHash: log.root, extensions: [] }), [newSigner(mallory.skey), newSigner(log.skey)]);
    expect(verifyBundle({ ...log.bundle, checkpoint: both }, trust).ok).toBe(true);
  });

  it('an origin that is not the checkpoint origin', () => {
    const report = verifyBundle({ ...log.bundle, origin: 'ledger.example.org/elc/310000' }, trust);
    expect(failures(report)).toEqual(['BUNDLE_ORIGIN_MISMATCH']);
    expect(report.events).toEqual([]);
  });

  it('a leaf of another contract with a valid proof', () => {
    const other = log.otherIndices[0] ?? -1;
    const mixed = copy(log.bundle);
    mixed.entries.push({ index: other, leaf: toBase64(log.leaves[other] ?? new Uint8Array()), proof: path(log.hasher, other, log.leaves).map((h) => toBase64(h)) });
    mixed.entries.sort((x, y) => x.index - y.index);
    const report = verifyBundle(mixed, trust);
    expect(failures(report)).toEqual(['BUNDLE_LEAF_WRONG_CONTRACT']);
    expect(failedIds(report)).toEqual([`leaf.${other}`]);
    expect(report.checks.find((c) => c.id === `inclusion.${other}`)?.ok).toBe(true);
    expect(report.events.map((e) => e.index)).toEqual(log.contractIndices);
  });

  it('an unknown hash algorithm, or a provider that lies', () => {
    expect(failures(verifyBundle({ ...log.bundle, hashAlg: 'md5' }, trust))).toEqual(['BUNDLE_HASH_ALG_UNKNOWN']);
    const liar = { hashProviderFor: () => pureHashProvider('sm3') };
    expect(failures(verifyBundle(log.bundle, trust, liar))).toEqual(['BUNDLE_HASH_ALG_UNKNOWN']);
    const broken = { hashProviderFor: () => { throw new Error('no sm3 here'); } };
    expect(failures(verifyBundle(log.bundle, trust, broken))).toEqual(['BUNDLE_HASH_ALG_UNKNOWN']);
  });

  it('no entries, or entries out of order or repeated', () => {
    expect(failures(verifyBundle({ ...log.bundle, entries: [] }, trust))).toEqual(['BUNDLE_NO_ENTRIES']);
    const reversed = copy(log.bundle);
    reversed.entries.reverse();
    expect(failures(verifyBundle(reversed, trust))).toEqual(['BUNDLE_ENTRY_ORDER']);
    const repeated = copy(log.bundle);
    repeated.entries.splice(1, 0, repeated.entries[0] as (typeof repeated.entries)[number]);
    expect(failures(verifyBundle(repeated, trust))).toEqual(['BUNDLE_ENTRY_ORDER']);
  });
});
