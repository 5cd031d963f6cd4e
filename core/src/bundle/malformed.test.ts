import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { formatCheckpoint, generateCosignerKey, newSigner, signNote } from '../note/index.js';
import { BUNDLE_ERROR_CODES } from './codes.js';
import type { BundleErrorCode } from './codes.js';
import { buildEvidenceBundle } from './build.js';
import { ORIGIN, buildTestLog, copy, testKey } from './log.test-support.js';
import type { BundleReport } from './report.js';
import { verifyBundle } from './verify.js';

const log = buildTestLog();
const trust = { logKeys: [log.vkey] };

function failures(report: BundleReport): BundleErrorCode[] {
  return [...new Set(report.checks.flatMap((c) => (c.ok ? [] : [c.code as BundleErrorCode])))].sort();
}

describe('bundle shape', () => {
  it('refuses non-bundles as BUNDLE_MALFORMED without throwing', () => {
    for (const input of [null, undefined, 'bundle', 42, [], {}, { ...log.bundle, kind: 'other' }]) {
      const report = verifyBundle(input, trust);
      expect(report.ok).toBe(false);
      expect(failures(report)).toEqual(['BUNDLE_MALFORMED']);
      expect(report.checks).toHaveLength(1);
    }
  });

  it('names the offending field in the detail', () => {
    const extra = verifyBundle({ ...log.bundle, extra: true }, trust);
    expect(extra.checks[0]?.detail).toMatch(/^extra:/);
    const b = copy(log.bundle);
    b.keys.log = 'a\nb';
    expect(verifyBundle(b, trust).checks[0]?.detail).toMatch(/^keys\.log:/);
  });

  it('refuses other versions with their own code', () => {
    expect(failures(verifyBundle({ ...log.bundle, v: 2 }, trust))).toEqual(['BUNDLE_VERSION_UNSUPPORTED']);
  });

  it('refuses non-canonical or wrong-length base64, bad anchors, bad times and contracts', () => {
    const cases: ((b: ReturnType<typeof copy>) => void)[] = [
      (b) => { if (b.entries[0]) b.entries[0].leaf = `${b.entries[0].leaf.slice(0, -2)}@=`; },
      (b) => { if (b.entries[0]) b.entries[0].leaf = ''; },
      (b) => { if (b.entries[0]) b.entries[0].proof[0] = 'AAAA'; },
      (b) => { if (b.entries[0]) b.entries[0].index = -1; },
      (b) => { if (b.entries[0]) b.entries[0].index = 1.5; },
      (b) => { b.anchor.txId = 'XYZ'; },
      (b) => { b.anchor.anchoredRoot = 'AA=='; },
      (b) => { b.anchor.extra = 1; },
      (b) => { b.generatedAt = '2026-02-30T00:00:00Z'; },
      (b) => { b.contract.employer = '91110000MA0000001X'; },
      (b) => { b.contract.contractId = ''; },
      (b) => { b.keys.tsaCertificate = 'not pem'; },
      (b) => { b.timestamp = { tsa: 'Test TSA', local: 'yes', token: 'AAAA' }; },
      (b) => { b.checkpoint = ''; },
      (b) => { b.origin = `${ORIGIN}\n`; },
    ];
    for (const [i, mutate] of cases.entries()) {
      const b = copy(log.bundle);
      mutate(b);
      expect(failures(verifyBundle(b, trust)), `case ${i}`).toEqual(['BUNDLE_MALFORMED']);
    }
  });

  it('accepts a timestamp and a TSA certificate, and says they were not verified', () => {
    const b = copy(log.bundle);
    b.timestamp = { tsa: 'Local dev TSA', local: true, token: 'MAA=' };
    b.keys.tsaCertificate = '-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n';
    b.contract.state = { status: 'active' };
    const report = verifyBundle(b, trust);
    expect(report.ok).toBe(true);
    expect(report.unchecked.map((u) => u.split(':')[0])).toEqual(['anchor.ledger', 'timestamp.token', 'contract.state/history']);
  });
});

describe('trust and checkpoint', () => {
  it('refuses unusable trust: none, malformed, a witness cosignature key', () => {
    for (const logKeys of [[], ['not a vkey'], [generateCosignerKey('witness.example.org').vkey], [42]]) {
      const report = verifyBundle(log.bundle, { logKeys: logKeys as string[] });
      expect(failures(report)).toEqual(['BUNDLE_TRUST_INVALID']);
      expect(report.ok).toBe(false);
    }
    expect(failures(verifyBundle(log.bundle, undefined as unknown as { logKeys: string[] }))).toEqual(['BUNDLE_TRUST_INVALID']);
  });

  it('refuses a checkpoint that is not a signed note, or a signed note that is not a checkpoint', () => {
    expect(failures(verifyBundle({ ...log.bundle, checkpoint: 'just text\n' }, trust))).toEqual(['BUNDLE_CHECKPOINT_MALFORMED']);
    const notCheckpoint = log.sign('hello\nworld\n');
    expect(failures(verifyBundle({ ...log.bundle, checkpoint: notCheckpoint }, trust))).toEqual(['BUNDLE_CHECKPOINT_MALFORMED']);
  });

  it('reads pinned keys whose base64 holds a "+"', () => {
    let withPlus = 0;
    for (let seed = 2; seed < 40; seed++) {
      const key = testKey(ORIGIN, seed);
      if (!key.vkey.split('+').slice(2).join('+').includes('+')) continue;
      withPlus++;
      const note = signNote(formatCheckpoint({ origin: ORIGIN, size: 13, rootHash: log.root, extensions: [] }), [newSigner(key.skey)]);
      expect(verifyBundle({ ...log.bundle, checkpoint: note }, { logKeys: [key.vkey] }).ok).toBe(true);
    }
    expect(withPlus).toBeGreaterThan(0);
  });

  it('accepts a checkpoint with extension lines', () => {
    const note = log.sign(formatCheckpoint({ origin: ORIGIN, size: 13, rootHash: log.root, extensions: ['hash sha256'] }));
    expect(verifyBundle({ ...log.bundle, checkpoint: note }, trust).ok).toBe(true);
  });
});

describe('report invariants', () => {
  it('has distinct codes, and every failure of random tampering is one of them', () => {
    expect(new Set(BUNDLE_ERROR_CODES).size).toBe(BUNDLE_ERROR_CODES.length);
    const text = JSON.stringify(log.bundle);
    // Deterministic pseudo-random single-character edits of the JSON text: never a throw, never ok
    // unless the edit left the bundle's meaning intact, every failing check coded from the list.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const alphabet = 'A/+=0{}[]":,1z';
    let refused = 0;
    for (let n = 0; n < 200; n++) {
      const at = next() % text.length;
      const mutated = text.slice(0, at) + alphabet.charAt(next() % alphabet.length) + text.slice(at + 1);
      let input: unknown;
      try {
        input = JSON.parse(mutated);
      } catch {
        continue;
      }
      const report = verifyBundle(input, trust);
      for (const c of report.checks) {
        expect(c.ok ? c.code : BUNDLE_ERROR_CODES.includes(c.code as BundleErrorCode)).toBe(c.ok ? undefined : true);
      }
      expect(report.ok).toBe(report.checks.every((c) => c.ok));
      if (!report.ok) refused++;
    }
    expect(refused).toBeGreaterThan(60);
  });
});

describe('buildEvidenceBundle', () => {
  it('sorts entries and refuses what would not parse, naming the field', () => {
    const reordered = buildEvidenceBundle({
      hashAlg: 'sha256',
      origin: ORIGIN,
      contract: log.bundle.contract,
      entries: [...log.bundle.entries].reverse().map((e) => ({ index: e.index, leaf: Uint8Array.from(atob(e.leaf), (c) => c.charCodeAt(0)), proof: [] })),
      checkpoint: log.checkpoint,
      keys: { log: log.vkey },
      generatedAt: '2026-11-22T09:00:00Z',
    });
    expect(reordered.entries.map((e) => e.index)).toEqual(log.contractIndices);
    expect(reordered.entries.map((e) => e.leaf)).toEqual(log.bundle.entries.map((e) => e.leaf));
    try {
      buildEvidenceBundle({ hashAlg: 'sha256', origin: ORIGIN, contract: log.bundle.contract, entries: [], checkpoint: log.checkpoint, keys: { log: log.vkey }, generatedAt: 'now' });
      expect.unreachable();
    } catch (e) {
      expect(isElcError(e, 'BUNDLE_MALFORMED') && e.field).toBe('generatedAt');
    }
  });
});
