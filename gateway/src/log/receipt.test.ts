import { generateEd25519Key, newSigner, newVerifier, toBase64 } from '@elc/core';
import { describe, expect, it } from 'vitest';
import { nativeLogSigner, signAll } from './native-signer.js';
import { receiptMessage, verifyReceipt } from './receipt.js';
import type { Receipt } from './types.js';

const ORIGIN = 'elc.example.cn/log';
const key = generateEd25519Key(ORIGIN);
const leafHash = toBase64(new Uint8Array(32).fill(0xab));

function receipt(fields: { index: number; time: number }): Receipt {
  const sig = newSigner(key.skey).sign(receiptMessage(ORIGIN, { ...fields, leafHash }));
  return { id: 'x', ...fields, leafHash, signature: toBase64(sig) };
}

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('receipts', () => {
  it('sign a domain-separated, line-per-field message', () => {
    expect(new TextDecoder().decode(receiptMessage(ORIGIN, { index: 42, leafHash, time: 1_763_800_000_123 }))).toBe(
      `elc-receipt/v1\n${ORIGIN}\n42\n${leafHash}\n1763800000123\n`,
    );
  });

  it('verify with the log key and fail on any changed field', () => {
    const r = receipt({ index: 7, time: 1000 });
    const v = newVerifier(key.vkey);
    verifyReceipt(r, ORIGIN, v);
    verifyReceipt({ ...r, id: 'the id is not signed' }, ORIGIN, v);
    expect(codeOf(() => verifyReceipt({ ...r, index: 8 }, ORIGIN, v))).toBe('LOG_RECEIPT_INVALID');
    expect(codeOf(() => verifyReceipt({ ...r, time: 1001 }, ORIGIN, v))).toBe('LOG_RECEIPT_INVALID');
    expect(codeOf(() => verifyReceipt({ ...r, leafHash: toBase64(new Uint8Array(32)) }, ORIGIN, v))).toBe('LOG_RECEIPT_INVALID');
    expect(codeOf(() => verifyReceipt(r, 'elc.example.cn/other', v))).toBe('LOG_RECEIPT_INVALID');
    expect(codeOf(() => verifyReceipt(r, ORIGIN, newVerifier(generateEd25519Key(ORIGIN).vkey)))).toBe('LOG_RECEIPT_INVALID');
    expect(codeOf(() => verifyReceipt({ ...r, signature: 'not base64!' }, ORIGIN, v))).toBe('LOG_RECEIPT_INVALID');
  });

  it('refuse malformed fields before signing or verifying', () => {
    for (const bad of [
      { index: -1, leafHash, time: 0 },
      { index: 1.5, leafHash, time: 0 },
      { index: 0, leafHash, time: -1 },
      { index: 0, leafHash: toBase64(new Uint8Array(31)), time: 0 },
      { index: 0, leafHash: leafHash.slice(0, -1), time: 0 },
    ]) {
      expect(codeOf(() => receiptMessage(ORIGIN, bad))).toBe('LOG_RECEIPT_INVALID');
    }
    expect(codeOf(() => receiptMessage('two\nlines', { index: 0, leafHash, time: 0 }))).toBe('LOG_RECEIPT_INVALID');
  });
});

describe('native signer', () => {
  it('signs byte-identically to core (Ed25519 is deterministic), sync and in the thread pool', async () => {
    const native = nativeLogSigner(key.skey);
    const core = newSigner(key.skey);
    expect(native.signAsync).toBeDefined();
    expect([native.name, native.keyId]).toEqual([core.name, core.keyId]);
    const msgs = Array.from({ length: 40 }, (_, i) => receiptMessage(ORIGIN, { index: i, leafHash, time: i }));
    const sigs = await signAll(native, msgs);
    msgs.forEach((m, i) => {
      expect(sigs[i]).toEqual(core.sign(m));
      expect(native.sign(m)).toEqual(core.sign(m));
    });
    // a signer without signAsync is used synchronously, in slices
    expect(await signAll(core, msgs)).toEqual(sigs);
  });
});
