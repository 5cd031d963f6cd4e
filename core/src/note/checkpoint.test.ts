import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../encoding/index.js';
import { isElcError } from '../errors.js';
import type { Checkpoint } from './index.js';
import { formatCheckpoint, generateEd25519Key, newSigner, newVerifier, openCheckpoint, openNote, parseCheckpoint, signNote } from './index.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isElcError(e) ? `${e.code}${e.field === undefined ? '' : `:${e.field}`}` : `other: ${String(e)}`;
  }
  return undefined;
}

// c2sp.org/tlog-checkpoint, the example at the top of the spec (its key is not published).
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const SPEC_NOTE =
  `${SPEC_BODY}\n` +
  '\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';

const root = fromBase64('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');

describe('checkpoint text', () => {
  it('parses the spec example and formats it back byte for byte', () => {
    const c = parseCheckpoint(SPEC_BODY);
    expect(c).toEqual({ origin: 'example.com/behind-the-sofa', size: 20852163, rootHash: root, extensions: [] });
    expect(formatCheckpoint(c)).toBe(SPEC_BODY);
  });

  it('round-trips extension lines, size 0 and the largest safe size', () => {
    const c: Checkpoint = { origin: 'elc.example/log/11', size: 0, rootHash: new Uint8Array(32), extensions: ['hash sm3', '— witness-like line'] };
    const text = formatCheckpoint(c);
    expect(text).toBe('elc.example/log/11\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nhash sm3\n— witness-like line\n');
    expect(parseCheckpoint(text)).toEqual(c);
    const max = { ...c, size: Number.MAX_SAFE_INTEGER, extensions: [] };
    expect(parseCheckpoint(formatCheckpoint(max)).size).toBe(Number.MAX_SAFE_INTEGER);
  });

  const b64 = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
  const parseCases: [string, string, string][] = [
    ['no trailing newline', `o\n1\n${b64}`, 'CHECKPOINT_MALFORMED'],
    ['two lines', 'o\n1\n', 'CHECKPOINT_MALFORMED'],
    ['empty origin', `\n1\n${b64}\n`, 'CHECKPOINT_MALFORMED:origin'],
    ['leading zero', `o\n01\n${b64}\n`, 'CHECKPOINT_MALFORMED:size'],
    ['negative size', `o\n-1\n${b64}\n`, 'CHECKPOINT_MALFORMED:size'],
    ['plus sign', `o\n+1\n${b64}\n`, 'CHECKPOINT_MALFORMED:size'],
    ['hex size', `o\n0x10\n${b64}\n`, 'CHECKPOINT_MALFORMED:size'],
    ['exponent size', `o\n1e3\n${b64}\n`, 'CHECKPOINT_MALFORMED:size'],
    ['space in size', `o\n 1\n${b64}\n`, 'CHECKPOINT_MALFORMED:size'],
    ['empty size', `o\n\n${b64}\n`, 'CHECKPOINT_MALFORMED:size'],
    ['size beyond 2^53 - 1', `o\n9007199254740992\n${b64}\n`, 'CHECKPOINT_MALFORMED:size'],
    ['root not base64', 'o\n1\nnot base64!\n', 'CHECKPOINT_MALFORMED:rootHash'],
    ['root 31 bytes', 'o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n', 'CHECKPOINT_MALFORMED:rootHash'],
    ['root 33 bytes', 'o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n', 'CHECKPOINT_MALFORMED:rootHash'],
    ['root without padding', `o\n1\n${b64.slice(0, -1)}\n`, 'CHECKPOINT_MALFORMED:rootHash'],
    ['root with non-canonical last bits', `o\n1\n${b64.slice(0, -2)}J=\n`, 'CHECKPOINT_MALFORMED:rootHash'],
    ['empty extension line', `o\n1\n${b64}\n\next\n`, 'CHECKPOINT_MALFORMED:extensions.0'],
    ['trailing empty extension', `o\n1\n${b64}\n\n`, 'CHECKPOINT_MALFORMED:extensions.0'],
    ['control character', `o\u0001\n1\n${b64}\n`, 'CHECKPOINT_MALFORMED:origin'],
  ];
  it.each(parseCases)('parse refuses: %s', (_label, text, code) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe(code);
  });

  it('format refuses what parse would refuse', () => {
    const ok: Checkpoint = { origin: 'o', size: 1, rootHash: root, extensions: [] };
    expect(codeOf(() => formatCheckpoint({ ...ok, origin: '' }))).toBe('CHECKPOINT_MALFORMED:origin');
    expect(codeOf(() => formatCheckpoint({ ...ok, origin: 'a\nb' }))).toBe('CHECKPOINT_MALFORMED:origin');
    expect(codeOf(() => formatCheckpoint({ ...ok, size: -1 }))).toBe('CHECKPOINT_MALFORMED:size');
    expect(codeOf(() => formatCheckpoint({ ...ok, size: 1.5 }))).toBe('CHECKPOINT_MALFORMED:size');
    expect(codeOf(() => formatCheckpoint({ ...ok, size: 2 ** 53 }))).toBe('CHECKPOINT_MALFORMED:size');
    expect(codeOf(() => formatCheckpoint({ ...ok, rootHash: new Uint8Array(31) }))).toBe('CHECKPOINT_MALFORMED:rootHash');
    expect(codeOf(() => formatCheckpoint({ ...ok, extensions: ['ok', ''] }))).toBe('CHECKPOINT_MALFORMED:extensions.1');
    expect(codeOf(() => formatCheckpoint({ ...ok, extensions: ['two\nlines'] }))).toBe('CHECKPOINT_MALFORMED:extensions.0');
  });
});

describe('signed checkpoints', () => {
  const log = generateEd25519Key('elc.example/log');
  const body = formatCheckpoint({ origin: 'elc.example/log', size: 42, rootHash: root, extensions: [] });
  const note = signNote(body, [newSigner(log.skey)]);

  it('opens a signed checkpoint and checks its origin', () => {
    const { checkpoint, note: opened } = openCheckpoint(note, [newVerifier(log.vkey)], { origin: 'elc.example/log' });
    expect(checkpoint.size).toBe(42);
    expect(checkpoint.rootHash).toEqual(root);
    expect(opened.verified.map((s) => s.name)).toEqual(['elc.example/log']);
    expect(codeOf(() => openCheckpoint(note, [newVerifier(log.vkey)], { origin: 'elc.example/other' }))).toBe('CHECKPOINT_ORIGIN_MISMATCH:origin');
  });

  it('verifies the signature before reading the body', () => {
    expect(codeOf(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), [newVerifier(log.vkey)]))).toBe('NOTE_BAD_SIGNATURE');
    expect(codeOf(() => openCheckpoint(note, []))).toBe('NOTE_NO_VERIFIED_SIGNATURE');
  });

  it('refuses a validly signed note whose body is not a checkpoint', () => {
    const notCheckpoint = signNote('elc.example/log\n042\nAAAA\n', [newSigner(log.skey)]);
    expect(codeOf(() => openCheckpoint(notCheckpoint, [newVerifier(log.vkey)]))).toBe('CHECKPOINT_MALFORMED:size');
  });

  it('reads the spec example note: its signature is from a key we do not hold', () => {
    expect(codeOf(() => openNote(SPEC_NOTE, [newVerifier(log.vkey)]))).toBe('NOTE_NO_VERIFIED_SIGNATURE');
  });
});
