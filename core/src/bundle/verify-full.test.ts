// verifyBundleFull: the timestamp token check on top of verifyBundle, with tokens OpenSSL made
// (core/src/timestamp/testdata/openssl). Tokens from the gateway's local TSA: test/e2e/verify*.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../encoding/index.js';
import { pemToDer } from '../timestamp/index.js';
import { buildTestLog, copy } from './log.test-support.js';
import { verifyBundleFull } from './verify-full.js';
import type { BundleFullReport } from './verify-full.js';

const dir = new URL('../timestamp/testdata/openssl/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const text = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const root = pemToDer(text('root.pem'));
const otherRoot = pemToDer(text('other-root.pem'));
const tsaPem = text('tsa.pem');
const log = buildTestLog();

/** The bundle with a token; `note` replaces the checkpoint (OpenSSL's fixtures timestamp data.txt). */
function withToken(token: Uint8Array, opts: { note?: string; local?: boolean; tsaCertificate?: string } = {}) {
  const b = copy(log.bundle);
  b['timestamp'] = { tsa: 'OpenSSL fixture TSA', local: opts.local ?? false, token: toBase64(token) };
  if (opts.note !== undefined) b['checkpoint'] = opts.note;
  if (opts.tsaCertificate !== undefined) b.keys['tsaCertificate'] = opts.tsaCertificate;
  return b;
}
const codes = (r: BundleFullReport) => r.checks.flatMap((c) => (c.ok ? [] : [c.code]));
const tsCheck = (r: BundleFullReport) => r.checks.find((c) => c.id === 'timestamp' || c.id === 'tsa_trust');
const dataNote = text('data.txt');

describe('verifyBundleFull', () => {
  it('passes a bundle without a token, and lists the missing token as unchecked', async () => {
    const r = await verifyBundleFull(log.bundle, { logKeys: [log.vkey], tsaRoots: [root] });
    expect(r.ok).toBe(true);
    expect(r.timestamp).toBeUndefined();
    expect(r.unchecked.some((u) => u.startsWith('timestamp:'))).toBe(true);
  });

  it('verifies a token over the exact checkpoint note bytes, and reports its time and TSA', async () => {
    // data.txt is not a signed note, so the checkpoint check fails; the token check is independent.
    const r = await verifyBundleFull(withToken(file('token-essv1.der'), { note: dataNote }), { logKeys: [log.vkey], tsaRoots: [root] });
    expect(tsCheck(r)?.ok).toBe(true);
    expect(r.timestamp?.tsaName).toBe('O=ELC Ledger test fixtures, CN=OpenSSL fixture TSA');
    expect(r.timestamp?.genTime).toBe(new Date(/Time stamp: (.+)/.exec(text('token-essv1.txt'))?.[1] ?? '').toISOString());
    expect(r.timestamp?.local).toBe(false);
    expect(codes(r)).toEqual(['BUNDLE_CHECKPOINT_MALFORMED']);
  });

  it('says LOCAL when the bundle says so', async () => {
    const r = await verifyBundleFull(withToken(file('token-essv1.der'), { note: dataNote, local: true }), { logKeys: [log.vkey], tsaRoots: [root] });
    expect(r.timestamp?.local).toBe(true);
  });

  it('fails a token over other bytes with BUNDLE_TSA_IMPRINT_MISMATCH (cause TSA_IMPRINT_MISMATCH), the rest passing', async () => {
    const r = await verifyBundleFull(withToken(file('token-essv1.der')), { logKeys: [log.vkey], tsaRoots: [root] });
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['BUNDLE_TSA_IMPRINT_MISMATCH']);
    expect(tsCheck(r)?.cause).toBe('TSA_IMPRINT_MISMATCH');
    // One changed byte of the note (a trailing space in the body would also break the signature).
    const note = `${dataNote.slice(0, -1)} \n`;
    expect(codes(await verifyBundleFull(withToken(file('token-essv1.der'), { note }), { logKeys: [log.vkey], tsaRoots: [root] }))).toContain(
      'BUNDLE_TSA_IMPRINT_MISMATCH',
    );
  });

  it('fails another root with BUNDLE_TSA_UNTRUSTED_CHAIN', async () => {
    const r = await verifyBundleFull(withToken(file('token-essv1.der'), { note: dataNote }), { logKeys: [log.vkey], tsaRoots: [otherRoot] });
    expect(codes(r)).toContain('BUNDLE_TSA_UNTRUSTED_CHAIN');
    expect(tsCheck(r)?.cause).toBe('TSA_UNTRUSTED_CHAIN');
  });

  it('fails a changed signature byte with BUNDLE_TSA_BAD_SIGNATURE and garbage with BUNDLE_TSA_MALFORMED', async () => {
    const token = file('token-essv1.der');
    const bad = token.slice();
    bad[bad.length - 10] = (bad[bad.length - 10] ?? 0) ^ 1;
    const trust = { logKeys: [log.vkey], tsaRoots: [root] };
    expect(tsCheck(await verifyBundleFull(withToken(bad, { note: dataNote }), trust))?.code).toBe('BUNDLE_TSA_BAD_SIGNATURE');
    expect(tsCheck(await verifyBundleFull(withToken(Uint8Array.of(0x30, 0x03, 1, 2, 3), { note: dataNote }), trust))?.code).toBe('BUNDLE_TSA_MALFORMED');
  });

  it("uses the bundle's TSA certificate only as an untrusted hint", async () => {
    const token = file('token-essv2-nocert.der');
    const trust = { logKeys: [log.vkey], tsaRoots: [root] };
    expect(tsCheck(await verifyBundleFull(withToken(token, { note: dataNote }), trust))?.code).toBe('BUNDLE_TSA_UNTRUSTED_CHAIN');
    expect(tsCheck(await verifyBundleFull(withToken(token, { note: dataNote, tsaCertificate: tsaPem }), trust))?.ok).toBe(true);
    // The hint never becomes a root: with another pinned root the chain still fails.
    const other = await verifyBundleFull(withToken(token, { note: dataNote, tsaCertificate: tsaPem }), { logKeys: [log.vkey], tsaRoots: [otherRoot] });
    expect(tsCheck(other)?.code).toBe('BUNDLE_TSA_UNTRUSTED_CHAIN');
  });

  it('lists a token as unchecked when no TSA root is pinned (ok stays a statement about what was checked)', async () => {
    const r = await verifyBundleFull(withToken(file('token-essv1.der')), { logKeys: [log.vkey] });
    expect(r.ok).toBe(true);
    expect(r.checks.some((c) => c.id === 'timestamp')).toBe(false);
    expect(r.unchecked.some((u) => u.startsWith('timestamp.token:'))).toBe(true);
  });

  it('refuses unusable pinned TSA roots with BUNDLE_TSA_TRUST_INVALID', async () => {
    const b = withToken(file('token-essv1.der'), { note: dataNote });
    expect(codes(await verifyBundleFull(b, { logKeys: [log.vkey], tsaRoots: [] }))).toContain('BUNDLE_TSA_TRUST_INVALID');
    const r = await verifyBundleFull(b, { logKeys: [log.vkey], tsaRoots: [Uint8Array.of(1, 2, 3)] });
    expect(codes(r)).toContain('BUNDLE_TSA_TRUST_INVALID');
    expect(tsCheck(r)?.cause).toBe('TSA_MALFORMED');
  });

  it('never throws on hostile input', async () => {
    for (const input of [null, 42, 'x', [], { v: 1 }]) {
      const r = await verifyBundleFull(input, { logKeys: [log.vkey], tsaRoots: [root] });
      expect(r.ok).toBe(false);
    }
  });
});
