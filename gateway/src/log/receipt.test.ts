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
  const msgs = Array.from({ length: 40 }, (_, i) => receiptMessage(ORIGIN, { index: i, leafHash, time: i }));
  const core = newSigner(key.skey);
  const expected = msgs.map((m) => core.sign(m));

  it('signs byte-identically to core (Ed25519 is deterministic): batches on a worker, singles in the thread pool', async () => {
    const native = nativeLogSigner(key.skey);
    expect([native.name, native.keyId]).toEqual([core.name, core.keyId]);
    expect(native.signBatch).toBeDefined();
    expect(await signAll(native, msgs)).toEqual(expected);
    expect(await Promise.all([signAll(native, msgs.slice(0, 7)), signAll(native, msgs.slice(7))])).toEqual([expected.slice(0, 7), expected.slice(7)]);
    expect(await native.signAsync?.(msgs[3] as Uint8Array)).toEqual(expected[3]);
    expect(native.sign(msgs[4] as Uint8Array)).toEqual(expected[4]);
    await native.close?.();
    expect(await signAll(native, msgs)).toEqual(expected); // after close: signed on this thread
  });

  it('without a worker, and for a signer with only sign(), gives the same signatures', async () => {
    const pooled = nativeLogSigner(key.skey, { worker: false });
    expect(pooled.signBatch).toBeUndefined();
    expect(await signAll(pooled, msgs)).toEqual(expected);
    expect(await signAll(core, msgs)).toEqual(expected);
  });
});
