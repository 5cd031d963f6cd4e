import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8 } from '../encoding/index.js';
import {
  computeKeyId,
  generateEd25519Key,
  newSigner,
  newVerifier,
  openNote,
  signNote,
} from './index.js';
import { formatKeyId } from './key-text.js';
import { MAX_NOTE_BYTES, MAX_NOTE_SIGNATURES } from './note.js';
import type { NoteSigner } from './index.js';
import { thrownCode } from '../errors.test-support.js';

const EM = '\u2014';

const codeOf = (f: () => unknown): string | undefined => thrownCode(f);

// c2sp.org/signed-note, "Verifier keys" → "Example".
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n\n' +
  `${EM} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n`;

// The package documentation of golang.org/x/mod/sumdb/note (it publishes the private key too).
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE =
  `${GO_TEXT}\n` +
  `${EM} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('signed notes: published examples', () => {
  it('computes the spec example key ID 530d903a from its name and key', () => {
    const payload = fromBase64('AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');
    expect(formatKeyId(computeKeyId('example.com/foo', payload))).toBe('530d903a');
    const v = newVerifier(SPEC_VKEY);
    expect(v.name).toBe('example.com/foo');
    expect(v.keyId).toBe(0x530d903a);
  });

  it('verifies the spec example note', () => {
    const opened = openNote(SPEC_NOTE, [newVerifier(SPEC_VKEY)]);
    expect(opened.text).toBe('This is an example message.\n');
    expect(opened.verified.map((s) => [s.name, formatKeyId(s.keyId)])).toEqual([['example.com/foo', '530d903a']]);
    expect(opened.unverified).toEqual([]);
  });

  it('reproduces the Go example signature byte for byte (Ed25519 is deterministic)', () => {
    const signer = newSigner(GO_SKEY);
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signNote(GO_TEXT, [signer])).toBe(GO_NOTE);
    const opened = openNote(GO_NOTE, [newVerifier(GO_VKEY)]);
    expect(opened.text).toBe(GO_TEXT);
  });

  it('rejects the spec example when its text is changed', () => {
    const tampered = SPEC_NOTE.replace('example message', 'example massage');
    expect(codeOf(() => openNote(tampered, [newVerifier(SPEC_VKEY)]))).toBe('NOTE_BAD_SIGNATURE');
  });
});

describe('signed notes: sign and open', () => {
  const a = generateEd25519Key('log.example/a');
  const b = generateEd25519Key('log.example/b');

  it('round-trips text with inner blank lines and several signers', () => {
    const text = 'line one\n\nline three after a blank line\n\n劳动合同\n';
    const note = signNote(text, [newSigner(a.skey), newSigner(b.skey)]);
    const opened = openNote(note, [newVerifier(a.vkey), newVerifier(b.vkey)]);
    expect(opened.text).toBe(text);
    expect(opened.verified.map((s) => s.name)).toEqual(['log.example/a', 'log.example/b']);
    // The same note, opened from its UTF-8 bytes.
    expect(openNote(utf8(note), [newVerifier(a.vkey)]).text).toBe(text);
  });

  it('returns unknown keys as unverified and needs one verified signature', () => {
    const note = signNote('hello\n', [newSigner(a.skey), newSigner(b.skey)]);
    const opened = openNote(note, [newVerifier(a.vkey)]);
    expect(opened.verified.map((s) => s.name)).toEqual(['log.example/a']);
    expect(opened.unverified.map((s) => s.name)).toEqual(['log.example/b']);
    expect(opened.unverified[0]?.keyId).toBe(newVerifier(b.vkey).keyId);
    expect(codeOf(() => openNote(note, []))).toBe('NOTE_NO_VERIFIED_SIGNATURE');
    expect(codeOf(() => openNote(note, [newVerifier(generateEd25519Key('other').vkey)]))).toBe('NOTE_NO_VERIFIED_SIGNATURE');
  });

  it('ignores a key that shares only the name (or only the ID) with a trusted key', () => {
    const impostor = generateEd25519Key('log.example/a'); // same name, different key ID
    const note = signNote('hello\n', [newSigner(impostor.skey), newSigner(a.skey)]);
    const opened = openNote(note, [newVerifier(a.vkey)]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified.map((s) => s.name)).toEqual(['log.example/a']);
  });

  it('rejects the whole note when a known key signature is bad, even beside a good one', () => {
    const note = signNote('hello\n', [newSigner(a.skey), newSigner(b.skey)]);
    const lines = note.split('\n');
    const bLine = lines[3] ?? '';
    const raw = fromBase64(bLine.split(' ')[2] ?? '');
    raw[10] = (raw[10] ?? 0) ^ 1;
    lines[3] = `${EM} log.example/b ${toBase64(raw)}`;
    const bad = lines.join('\n');
    expect(codeOf(() => openNote(bad, [newVerifier(a.vkey), newVerifier(b.vkey)]))).toBe('NOTE_BAD_SIGNATURE');
    // Without b's key the bad line is just an unknown signature.
    expect(openNote(bad, [newVerifier(a.vkey)]).unverified).toHaveLength(1);
  });

  it('rejects a signature copied onto other text', () => {
    const note = signNote('size 10\n', [newSigner(a.skey)]);
    expect(codeOf(() => openNote(note.replace('size 10', 'size 11'), [newVerifier(a.vkey)]))).toBe('NOTE_BAD_SIGNATURE');
  });

  it('drops repeated identical signature lines', () => {
    const note = signNote('hello\n', [newSigner(a.skey), newSigner(b.skey)]);
    const lines = note.split('\n');
    const doubled = `${note}${lines[2] ?? ''}\n${lines[3] ?? ''}\n`;
    const opened = openNote(doubled, [newVerifier(a.vkey)]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified).toHaveLength(1);
  });

  it('refuses two trusted verifiers with one name and key ID', () => {
    const note = signNote('hello\n', [newSigner(a.skey)]);
    const v = newVerifier(a.vkey);
    expect(codeOf(() => openNote(note, [v, { ...v, verify: () => true }]))).toBe('NOTE_VERIFIER_AMBIGUOUS');
  });

  it('adds signatures to an opened note, keeping the existing lines (witness flow)', () => {
    const note = signNote('checkpoint\n', [newSigner(a.skey)]);
    const opened = openNote(note, [newVerifier(a.vkey)]);
    const both = signNote(opened.text, [newSigner(b.skey)], [...opened.verified, ...opened.unverified]);
    expect(both.startsWith(note)).toBe(true);
    expect(openNote(both, [newVerifier(a.vkey), newVerifier(b.vkey)]).verified.map((s) => s.name)).toEqual(['log.example/a', 'log.example/b']);
    // A key that signs again replaces its old line instead of adding a second one.
    const again = signNote(opened.text, [newSigner(a.skey)], opened.verified);
    expect(again).toBe(note);
    // An existing signature whose base64 names another key ID is refused.
    const [first] = opened.verified;
    if (first === undefined) throw new Error('no signature');
    expect(codeOf(() => signNote('checkpoint\n', [newSigner(b.skey)], [{ ...first, keyId: (first.keyId ^ 1) >>> 0 }]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote('checkpoint\n', [newSigner(b.skey)], [{ ...first, base64: 'bad' }]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote('checkpoint\n', [], [{ ...first, name: 'a b' }]))).toBe('NOTE_KEY_NAME_INVALID');
    // Existing signatures alone make a note (re-encoding), up to the signature limit.
    expect(signNote('checkpoint\n', [], opened.verified)).toBe(note);
    expect(codeOf(() => signNote('checkpoint\n', [], Array.from({ length: MAX_NOTE_SIGNATURES + 1 }, (_, i) => ({ ...first, name: `n${i}` }))))).toBe('NOTE_TOO_MANY_SIGNATURES');
  });

  it('refuses to sign malformed text or with bad signers', () => {
    const s = newSigner(a.skey);
    expect(codeOf(() => signNote('no newline', [s]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote('tab\there\n', [s]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote('lone \uD800 surrogate\n', [s]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote('ok\n', []))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote('ok\n', [s, s]))).toBe('NOTE_MALFORMED');
    const badName: NoteSigner = { name: 'has space', keyId: 1, sign: () => new Uint8Array(64) };
    expect(codeOf(() => signNote('ok\n', [badName]))).toBe('NOTE_KEY_NAME_INVALID');
    const silent: NoteSigner = { name: 'n', keyId: 1, sign: () => new Uint8Array(0) };
    expect(codeOf(() => signNote('ok\n', [silent]))).toBe('NOTE_MALFORMED');
    const badId: NoteSigner = { name: 'n', keyId: 2 ** 32, sign: () => new Uint8Array(64) };
    expect(codeOf(() => signNote('ok\n', [badId]))).toBe('NOTE_KEY_MALFORMED');
  });
});

describe('signed notes: malformed input', () => {
  const k = generateEd25519Key('log.example/k');
  const v = [newVerifier(k.vkey)];
  const good = signNote('body\n', [newSigner(k.skey)]);
  const sigLine = good.split('\n')[2] ?? '';
  const b64 = sigLine.split(' ')[2] ?? '';

  const cases: [string, string | Uint8Array, string][] = [
    ['no trailing newline', good.slice(0, -1), 'NOTE_MALFORMED'],
    ['no blank line', good.replace('\n\n', '\n'), 'NOTE_MALFORMED'],
    ['empty signature block', 'body\n\n', 'NOTE_MALFORMED'],
    ['bad base64', `body\n\n${EM} log.example/k ${b64.slice(1)}\n`, 'NOTE_MALFORMED'],
    ['missing base64', `body\n\n${EM} log.example/k\n`, 'NOTE_MALFORMED'],
    ['signature of only a key ID', `body\n\n${EM} log.example/k ${toBase64(new Uint8Array(4))}\n`, 'NOTE_MALFORMED'],
    ['hyphen instead of em dash', `body\n\n- log.example/k ${b64}\n`, 'NOTE_MALFORMED'],
    ['en dash instead of em dash', `body\n\n\u2013 log.example/k ${b64}\n`, 'NOTE_MALFORMED'],
    ['no space after the em dash', `body\n\n${EM}log.example/k ${b64}\n`, 'NOTE_MALFORMED'],
    ['name with a plus', `body\n\n${EM} log+example ${b64}\n`, 'NOTE_MALFORMED'],
    ['name with a no-break space', `body\n\n${EM} log\u00A0example ${b64}\n`, 'NOTE_MALFORMED'],
    ['two spaces before the signature', `body\n\n${EM} log.example/k  ${b64}\n`, 'NOTE_MALFORMED'],
    ['text after the signatures', `${good}trailing\n`, 'NOTE_MALFORMED'],
    ['carriage return', good.replace('body', 'bo\rdy'), 'NOTE_MALFORMED'],
    ['NUL byte', good.replace('body', 'bo\u0000dy'), 'NOTE_MALFORMED'],
    ['lone surrogate', good.replace('body', 'bo\uDC00dy'), 'NOTE_MALFORMED'],
    ['invalid UTF-8 bytes', new Uint8Array([...utf8('bo'), 0xff, ...utf8(good.slice(2))]), 'NOTE_MALFORMED'],
    ['overlong UTF-8 encoding', new Uint8Array([0xc0, 0xaf, ...utf8(good)]), 'NOTE_MALFORMED'],
  ];
  it.each(cases)('%s', (_label, note, code) => {
    expect(codeOf(() => openNote(note, v))).toBe(code);
  });

  it('the unmodified note opens (control for the cases above)', () => {
    expect(openNote(good, v).text).toBe('body\n');
  });

  it(`accepts ${MAX_NOTE_SIGNATURES} signatures and refuses one more`, () => {
    const others = Array.from({ length: MAX_NOTE_SIGNATURES - 1 }, (_, i) => `${EM} other/${i} ${b64}\n`).join('');
    const full = good + others;
    expect(openNote(full, v).unverified).toHaveLength(MAX_NOTE_SIGNATURES - 1);
    expect(codeOf(() => openNote(`${full}${EM} one/more ${b64}\n`, v))).toBe('NOTE_TOO_MANY_SIGNATURES');
  });

  it(`refuses notes over ${MAX_NOTE_BYTES} bytes, as text and as bytes`, () => {
    const big = `${'x'.repeat(MAX_NOTE_BYTES)}\n${good}`;
    expect(codeOf(() => openNote(big, v))).toBe('NOTE_TOO_LARGE');
    expect(codeOf(() => openNote(utf8(big), v))).toBe('NOTE_TOO_LARGE');
    // Multi-byte characters count in bytes, not UTF-16 units.
    const wide = `${'劳'.repeat(Math.ceil(MAX_NOTE_BYTES / 3))}\n${good}`;
    expect(wide.length).toBeLessThan(MAX_NOTE_BYTES);
    expect(codeOf(() => openNote(wide, v))).toBe('NOTE_TOO_LARGE');
    expect(codeOf(() => signNote(`${'x'.repeat(MAX_NOTE_BYTES)}\n`, [newSigner(k.skey)]))).toBe('NOTE_TOO_LARGE');
  });
});
