import { describe, expect, it } from 'vitest';
import { concatBytes, fromBase64, fromHex, toBase64, utf8 } from '../encoding/index.js';
import { computeKeyId, generateEd25519Key, generateSm2Key, newSigner, newVerifier, openNote, signNote } from './index.js';
import { formatKeyId } from './key-text.js';
import { SM2_SIGNATURE_TYPE } from './sm2.js';
import { thrownCode } from '../errors.test-support.js';

const codeOf = (f: () => unknown): string | undefined => thrownCode(f);

// GM/T 0003.5-2012 (GB/T 32918.5) Annex A: signature example on the recommended curve,
// message "message digest", ID_A = "1234567812345678".
const ANNEX_D = '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8';
const ANNEX_PUBLIC =
  '04' + '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020' + 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13';
const ANNEX_R = 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3';
const ANNEX_S = 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA';
const N = 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123';

function keysFor(name: string, privateHex: string, publicHex: string): { skey: string; vkey: string } {
  const pub = concatBytes(SM2_SIGNATURE_TYPE, fromHex(publicHex));
  const id = formatKeyId(computeKeyId(name, pub));
  return { vkey: `${name}+${id}+${toBase64(pub)}`, skey: `PRIVATE+KEY+${name}+${id}+${toBase64(concatBytes(SM2_SIGNATURE_TYPE, fromHex(privateHex)))}` };
}

describe('SM2-with-SM3 note keys', () => {
  it('uses type 0xff followed by the DER of OID 1.2.156.10197.1.501', () => {
    expect(Array.from(SM2_SIGNATURE_TYPE)).toEqual([0xff, 0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75]);
    const { vkey, skey } = generateSm2Key('bureau.example/log');
    const payload = fromBase64(vkey.split('+').slice(2).join('+'));
    expect(payload.subarray(0, 11)).toEqual(SM2_SIGNATURE_TYPE);
    expect(payload).toHaveLength(11 + 65);
    expect(payload[11]).toBe(0x04);
    expect(fromBase64(skey.split('+').slice(4).join('+'))).toHaveLength(11 + 32);
    expect(vkey.split('+')[1]).toBe(formatKeyId(computeKeyId('bureau.example/log', payload)));
  });

  it('verifies the GM/T 0003.5 Annex A signature (SM3, user ID 1234567812345678)', () => {
    const { vkey, skey } = keysFor('gmt0003.5/annex-a', ANNEX_D, ANNEX_PUBLIC);
    const v = newVerifier(vkey);
    const sig = fromHex(ANNEX_R + ANNEX_S);
    expect(v.verify(utf8('message digest'), sig)).toBe(true);
    expect(v.verify(utf8('message digesT'), sig)).toBe(false);
    // The signer derives the Annex A public key from d_A (else the key ID check would fail).
    const s = newSigner(skey);
    expect(s.keyId).toBe(v.keyId);
    expect(v.verify(utf8('message digest'), s.sign(utf8('message digest')))).toBe(true);
  });

  it('signs and opens notes; refuses tampered text and signatures', () => {
    const { skey, vkey } = generateSm2Key('bureau.example/log');
    const text = '山东省人社厅/log\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
    const note = signNote(text, [newSigner(skey)]);
    const opened = openNote(note, [newVerifier(vkey)]);
    expect(opened.text).toBe(text);
    expect(opened.verified[0]?.signature).toHaveLength(64);

    expect(codeOf(() => openNote(note.replace('\n7\n', '\n8\n'), [newVerifier(vkey)]))).toBe('NOTE_BAD_SIGNATURE');
    const line = note.split('\n')[4] ?? '';
    const raw = fromBase64(line.split(' ')[2] ?? '');
    raw[40] = (raw[40] ?? 0) ^ 0x80;
    const flipped = note.replace(line, `\u2014 bureau.example/log ${toBase64(raw)}`);
    expect(codeOf(() => openNote(flipped, [newVerifier(vkey)]))).toBe('NOTE_BAD_SIGNATURE');
    // Another SM2 key under the same name has a different key ID: ignored, not verified.
    expect(codeOf(() => openNote(note, [newVerifier(generateSm2Key('bureau.example/log').vkey)]))).toBe('NOTE_NO_VERIFIED_SIGNATURE');
  });

  it('works beside Ed25519 in one note', () => {
    const sm = generateSm2Key('bureau.example/sm2');
    const ed = generateEd25519Key('bureau.example/ed');
    const note = signNote('both\n', [newSigner(sm.skey), newSigner(ed.skey)]);
    expect(openNote(note, [newVerifier(sm.vkey), newVerifier(ed.vkey)]).verified).toHaveLength(2);
  });

  it('refuses out-of-range and wrong-length signatures', () => {
    const v = newVerifier(keysFor('annex', ANNEX_D, ANNEX_PUBLIC).vkey);
    const msg = utf8('message digest');
    const zero = '0'.repeat(64);
    expect(v.verify(msg, fromHex(zero + ANNEX_S))).toBe(false);
    expect(v.verify(msg, fromHex(ANNEX_R + zero))).toBe(false);
    expect(v.verify(msg, fromHex(N + ANNEX_S))).toBe(false);
    expect(v.verify(msg, fromHex(ANNEX_R + N))).toBe(false);
    expect(v.verify(msg, fromHex(ANNEX_R + ANNEX_S).subarray(0, 63))).toBe(false);
    expect(v.verify(msg, concatBytes(fromHex(ANNEX_R + ANNEX_S), new Uint8Array(1)))).toBe(false);
  });

  it('refuses malformed SM2 keys', () => {
    // A point off the curve (y + 1).
    const offCurve = ANNEX_PUBLIC.slice(0, -1) + '4';
    expect(codeOf(() => newVerifier(keysFor('k', ANNEX_D, offCurve).vkey))).toBe('NOTE_KEY_MALFORMED');
    // A compressed point is not the encoding we use.
    expect(codeOf(() => newVerifier(keysFor('k', ANNEX_D, `02${ANNEX_PUBLIC.slice(2, 66)}`).vkey))).toBe('NOTE_KEY_MALFORMED');
    // Private keys 0 and n - 1 are outside [1, n-2].
    expect(codeOf(() => newSigner(keysFor('k', '0'.repeat(64), ANNEX_PUBLIC).skey))).toBe('NOTE_KEY_MALFORMED');
    const nMinus1 = N.slice(0, -1) + '2';
    expect(codeOf(() => newSigner(keysFor('k', nMinus1, ANNEX_PUBLIC).skey))).toBe('NOTE_KEY_MALFORMED');
    // A private key that does not match the key ID.
    const other = '1'.repeat(64);
    expect(codeOf(() => newSigner(keysFor('k', other, ANNEX_PUBLIC).skey))).toBe('NOTE_KEY_ID_MISMATCH');
    // 0xff with another identifier is not SM2.
    const foreign = concatBytes(new Uint8Array([0xff, 0x01]), fromHex(ANNEX_PUBLIC));
    expect(codeOf(() => newVerifier(`k+${formatKeyId(computeKeyId('k', foreign))}+${toBase64(foreign)}`))).toBe('NOTE_KEY_UNSUPPORTED');
  });
});
