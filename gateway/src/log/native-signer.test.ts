// The log key over node:crypto signs receipt batches and checkpoints; it must sign exactly as core.
import { createLogHasher, generateEd25519Key, newSigner, utf8 } from '@elc/core';
import { nativeHashProvider } from '@elc/core/node';
import { receiptBatchMessage } from '@elc/core/receipt';
import { describe, expect, it } from 'vitest';
import { nativeLogSigner } from './native-signer.js';

const ORIGIN = 'elc.example.cn/log';
const KEY = generateEd25519Key(ORIGIN);
const signer = nativeLogSigner(KEY.skey);
const sha256 = createLogHasher(nativeHashProvider('sha256'));

describe('native signer', () => {
  const msgs = Array.from({ length: 20 }, (_, i) => receiptBatchMessage(ORIGIN, i, 1 + i, sha256.leafHash(utf8(`root ${i}`))));

  it('signs byte-identically to core (Ed25519 is deterministic)', () => {
    const core = newSigner(KEY.skey);
    const expected = msgs.map((m) => core.sign(m));
    expect([signer.name, signer.keyId]).toEqual([core.name, core.keyId]);
    expect(msgs.map((m) => signer.sign(m))).toEqual(expected);
  });
});
