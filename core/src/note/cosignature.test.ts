import { describe, expect, it } from 'vitest';
import { concatBytes, fromBase64, fromUtf8, utf8 } from '../encoding/index.js';
import {
  computeKeyId,
  cosignatureTimestamp,
  formatCheckpoint,
  generateCosignerKey,
  generateEd25519Key,
  newCosignatureVerifier,
  newCosigner,
  newSigner,
  newVerifier,
  openCheckpoint,
  openNote,
  signNote,
} from './index.js';
import { cosignatureMessage } from './cosignature.js';
import { formatKeyId } from './key-text.js';
import type { CosignatureVerifier } from './index.js';
import { thrownCode } from '../errors.test-support.js';

const codeOf = (f: () => unknown): string | undefined => thrownCode(f);

// c2sp.org/tlog-cosignature: the example checkpoint, its witness line and its signed message.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const SPEC_NOTE =
  `${SPEC_BODY}\n` +
  '\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n' +
  '\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n';
const SPEC_MESSAGE =
  'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('cosignature/v1: the spec example', () => {
  it('reads the witness timestamp 1679315147 from the example cosignature', () => {
    const log = generateEd25519Key('example.com/behind-the-sofa');
    // Neither key is published, so nothing verifies; the lines still parse.
    expect(codeOf(() => openNote(SPEC_NOTE, [newVerifier(log.vkey)]))).toBe('NOTE_NO_VERIFIED_SIGNATURE');
    const witnessLine = SPEC_NOTE.split('\n')[5] ?? '';
    const raw = fromBase64(witnessLine.split(' ')[2] ?? '');
    expect(raw).toHaveLength(4 + 8 + 64);
    expect(formatKeyId(((raw[0] ?? 0) << 24 | (raw[1] ?? 0) << 16 | (raw[2] ?? 0) << 8 | (raw[3] ?? 0)) >>> 0)).toBe('8d66cf3f');
    expect(cosignatureTimestamp(raw.subarray(4))).toBe(1679315147);
  });

  it('builds the signed message exactly as the spec prints it', () => {
    expect(fromUtf8(cosignatureMessage(1679315147, utf8(SPEC_BODY)))).toBe(SPEC_MESSAGE);
  });
});

describe('cosignature/v1: cosign and verify', () => {
  const log = generateEd25519Key('elc.example/log');
  const witness = generateCosignerKey('witness.example/w1');
  const body = formatCheckpoint({ origin: 'elc.example/log', size: 9, rootHash: new Uint8Array(32).fill(3), extensions: [] });
  const t = 1_763_800_000;

  it('uses type 0x04 keys and key IDs over 0x04 || public key', () => {
    const payload = fromBase64(witness.vkey.split('+').slice(2).join('+'));
    expect(payload[0]).toBe(0x04);
    expect(payload).toHaveLength(33);
    expect(newCosignatureVerifier(witness.vkey).keyId).toBe(newCosigner(witness.skey, () => t).keyId);
    // The same Ed25519 key as a type 0x01 note key has another key ID (the type byte is hashed).
    const asEd = concatBytes(new Uint8Array([0x01]), payload.subarray(1));
    expect(computeKeyId('witness.example/w1', asEd)).not.toBe(computeKeyId('witness.example/w1', payload));
    expect(formatKeyId(computeKeyId('witness.example/w1', payload))).toBe(witness.vkey.split('+')[1]);
  });

  it('round-trips: the log signs, the witness cosigns, the verifier returns the time', () => {
    const note = signNote(body, [newSigner(log.skey), newCosigner(witness.skey, () => t)]);
    const w = newCosignatureVerifier(witness.vkey);
    const { checkpoint, note: opened } = openCheckpoint(note, [newVerifier(log.vkey), w], { origin: 'elc.example/log' });
    expect(checkpoint.size).toBe(9);
    const cosig = opened.verified.find((s) => s.name === 'witness.example/w1');
    expect(cosig).toBeDefined();
    expect(cosignatureTimestamp(cosig?.signature ?? new Uint8Array())).toBe(t);
    expect(w.verifyCosignature(utf8(body), cosig?.signature ?? new Uint8Array())).toBe(t);
    // newVerifier dispatches type 0x04 to the same verifier.
    const generic = newVerifier(witness.vkey) as CosignatureVerifier;
    expect(generic.verifyCosignature(utf8(body), cosig?.signature ?? new Uint8Array())).toBe(t);
  });

  it('signs "cosignature/v1\\ntime <t>\\n" || body, with the timestamp big-endian in front', () => {
    const sig = newCosigner(witness.skey, () => 0x0102_0304_05).sign(utf8(body));
    expect(Array.from(sig.subarray(0, 8))).toEqual([0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05]);
    const w = newCosignatureVerifier(witness.vkey);
    expect(w.verifyCosignature(utf8(body), sig)).toBe(0x0102_0304_05);
  });

  it('refuses a changed body, a changed timestamp and a flipped signature bit', () => {
    const w = newCosignatureVerifier(witness.vkey);
    const sig = newCosigner(witness.skey, () => t).sign(utf8(body));
    expect(w.verifyCosignature(utf8(body.replace('\n9\n', '\n10\n')), sig)).toBeUndefined();
    const later = sig.slice();
    later[7] = (later[7] ?? 0) + 1;
    expect(w.verifyCosignature(utf8(body), later)).toBeUndefined();
    const flipped = sig.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    expect(w.verify(utf8(body), flipped)).toBe(false);
    expect(w.verify(utf8(body), sig.subarray(0, 71))).toBe(false);
    const note = signNote(body, [newSigner(log.skey), newCosigner(witness.skey, () => t)]);
    expect(codeOf(() => openNote(note.replace('\n9\n', '\n8\n'), [w]))).toBe('NOTE_BAD_SIGNATURE');
  });

  it('refuses a plain Ed25519 signature presented as a cosignature (no time prefix)', () => {
    const w = newCosignatureVerifier(witness.vkey);
    const plain = newSigner(log.skey).sign(utf8(body));
    expect(w.verify(utf8(body), concatBytes(new Uint8Array(8), plain))).toBe(false);
  });

  it('checks keys and clocks', () => {
    expect(codeOf(() => newSigner(witness.skey))).toBe('NOTE_KEY_UNSUPPORTED');
    expect(codeOf(() => newCosigner(log.skey, () => t))).toBe('NOTE_KEY_UNSUPPORTED');
    expect(codeOf(() => newCosignatureVerifier(log.vkey))).toBe('NOTE_KEY_UNSUPPORTED');
    expect(codeOf(() => newCosigner(witness.skey, () => 1.5).sign(utf8(body)))).toBe('COSIGNATURE_MALFORMED');
    expect(codeOf(() => newCosigner(witness.skey, () => -1).sign(utf8(body)))).toBe('COSIGNATURE_MALFORMED');
    expect(codeOf(() => cosignatureTimestamp(new Uint8Array(71)))).toBe('COSIGNATURE_MALFORMED');
    const huge = new Uint8Array(72);
    huge[0] = 0x7f;
    expect(codeOf(() => cosignatureTimestamp(huge))).toBe('COSIGNATURE_MALFORMED');
  });
});
