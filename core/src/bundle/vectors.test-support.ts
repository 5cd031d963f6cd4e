// Golden bundle vectors: one valid bundle and single-tamper variants with the codes a verifier
// must report. Deterministic (fixed Ed25519 seeds, fixed times), so the committed JSON
// (testdata/bundle-vectors.json) is exactly what this code makes; `ELC_UPDATE_GOLDEN=1 npx vitest
// run core/src/bundle/golden.test.ts` rewrites it. Other verifiers (CLI, browser) can replay it.
import { fromBase64, toBase64 } from '../encoding/index.js';
import { formatCheckpoint, newSigner, signNote } from '../note/index.js';
import type { BundleErrorCode } from './codes.js';
import { ORIGIN, buildTestLog, copy, testKey } from './log.test-support.js';

export interface BundleVector {
  readonly name: string;
  readonly bundle: unknown;
  /** The distinct failure codes, sorted; empty for a bundle that verifies. */
  readonly codes: readonly BundleErrorCode[];
}

export interface BundleVectors {
  readonly comment: string;
  readonly trust: { readonly logKeys: readonly string[] };
  readonly vectors: readonly BundleVector[];
}

function flip(b64: string, byte: number, mask = 1): string {
  const bytes = fromBase64(b64);
  bytes[byte] = (bytes[byte] ?? 0) ^ mask;
  return toBase64(bytes);
}

export function makeBundleVectors(): BundleVectors {
  const log = buildTestLog();
  const vectors: BundleVector[] = [{ name: 'valid', bundle: log.bundle, codes: [] }];
  const variant = (name: string, codes: BundleErrorCode[], edit: (b: ReturnType<typeof copy>) => void) => {
    const b = copy(log.bundle);
    edit(b);
    vectors.push({ name, bundle: b, codes: [...codes].sort() });
  };
  const [origin, size, root] = log.checkpoint.split('\n');
  const sigLine = log.checkpoint.slice(log.checkpoint.lastIndexOf('\n\n') + 2, -1);
  const sig = sigLine.slice(sigLine.lastIndexOf(' ') + 1);
  const signatureBlock = log.checkpoint.slice(log.checkpoint.lastIndexOf('\n\n') + 1);

  variant('leaf-byte', ['BUNDLE_INCLUSION_FAILED', 'BUNDLE_LEAF_INVALID'], (b) => {
    if (b.entries[2]) b.entries[2].leaf = flip(b.entries[2].leaf, 0, 0x5b); // '{' -> ' '
  });
  variant('proof-hash', ['BUNDLE_INCLUSION_FAILED'], (b) => {
    const e = b.entries[3];
    if (e) e.proof[1] = flip(e.proof[1] ?? '', 31, 0x80);
  });
  variant('checkpoint-size', ['BUNDLE_ANCHOR_MISMATCH', 'BUNDLE_CHECKPOINT_SIGNATURE'], (b) => {
    b.checkpoint = `${origin}\n${Number(size) + 1}\n${root}\n${signatureBlock}`;
  });
  variant('checkpoint-root', ['BUNDLE_ANCHOR_MISMATCH', 'BUNDLE_CHECKPOINT_SIGNATURE'], (b) => {
    b.checkpoint = `${origin}\n${size}\n${flip(root ?? '', 0)}\n${signatureBlock}`;
  });
  variant('checkpoint-signature', ['BUNDLE_CHECKPOINT_SIGNATURE'], (b) => {
    b.checkpoint = log.checkpoint.replace(sig, flip(sig, 10));
  });
  variant('untrusted-key', ['BUNDLE_CHECKPOINT_UNTRUSTED_KEY'], (b) => {
    const mallory = testKey(ORIGIN, 0x66);
    b.checkpoint = signNote(formatCheckpoint({ origin: ORIGIN, size: log.leaves.length, rootHash: log.root, extensions: [] }), [newSigner(mallory.skey)]);
    b.keys.log = mallory.vkey;
  });
  variant('origin', ['BUNDLE_ORIGIN_MISMATCH'], (b) => {
    b.origin = 'ledger.example.org/elc/310000';
  });
  variant('anchor-root', ['BUNDLE_ANCHOR_MISMATCH'], (b) => {
    b.anchor.anchoredRoot = flip(String(b.anchor.anchoredRoot), 5, 4);
  });
  variant('anchor-size', ['BUNDLE_ANCHOR_MISMATCH'], (b) => {
    b.anchor.anchoredSize = log.leaves.length - 1;
  });
  variant('hash-alg', ['BUNDLE_HASH_ALG_UNKNOWN'], (b) => {
    b.hashAlg = 'md5';
  });
  variant('wrong-hash-alg', ['BUNDLE_INCLUSION_FAILED'], (b) => {
    b.hashAlg = 'sm3';
  });
  variant('no-entries', ['BUNDLE_NO_ENTRIES'], (b) => {
    b.entries = [];
  });
  variant('entry-order', ['BUNDLE_ENTRY_ORDER'], (b) => {
    b.entries.reverse();
  });
  variant('unknown-field', ['BUNDLE_MALFORMED'], (b) => {
    b.extra = true;
  });
  variant('version', ['BUNDLE_VERSION_UNSUPPORTED'], (b) => {
    b.v = 2;
  });
  return {
    comment: 'ELC Ledger evidence bundle v1 vectors: verify each bundle with trust; `codes` are the distinct failure codes (sorted), empty when it verifies. Synthetic data only.',
    trust: { logKeys: [log.vkey] },
    vectors,
  };
}
