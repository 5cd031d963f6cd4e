import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../encoding/index.js';
import {
  NOTE_ERROR_CODES,
  computeKeyId,
  generateCosignerKey,
  generateEd25519Key,
  generateSm2Key,
  isValidKeyName,
  newSigner,
  newVerifier,
  vkeyFromSkey,
} from './index.js';
import { formatKeyId } from './key-text.js';
import { thrownCode } from '../errors.test-support.js';

const codeOf = (f: () => unknown): string | undefined => thrownCode(f);

const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';

describe('key names', () => {
  it('follows the spec: non-empty, no Unicode space, no plus', () => {
    expect(isValidKeyName('example.com/foo')).toBe(true);
    expect(isValidKeyName('人社部门/log')).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\nb', 'a\u00A0b', 'a\u2003b', 'a\u3000b', 'a\u0085b', 'a\u0001b', 'a\uD800b']) {
      expect(isValidKeyName(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses to generate a key with an invalid name', () => {
    expect(codeOf(() => generateEd25519Key('has space'))).toBe('NOTE_KEY_NAME_INVALID');
    expect(codeOf(() => generateEd25519Key('has+plus'))).toBe('NOTE_KEY_NAME_INVALID');
    expect(codeOf(() => generateEd25519Key(''))).toBe('NOTE_KEY_NAME_INVALID');
  });
});

describe('vkey and skey text', () => {
  it('generates keys in the spec formats whose IDs match', () => {
    const { skey, vkey } = generateEd25519Key('log.example/x');
    expect(vkey).toMatch(/^log\.example\/x\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(skey).toMatch(/^PRIVATE\+KEY\+log\.example\/x\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const payload = fromBase64(vkey.split('+').slice(2).join('+'));
    expect(payload[0]).toBe(0x01);
    expect(payload).toHaveLength(33);
    const id = formatKeyId(computeKeyId('log.example/x', payload));
    expect(vkey.split('+')[1]).toBe(id);
    expect(skey.split('+')[3]).toBe(id);
    expect(newSigner(skey).keyId).toBe(newVerifier(vkey).keyId);
  });

  it('accepts an upper-case hex key ID', () => {
    expect(newVerifier(GO_VKEY.replace('c74f20a3', 'C74F20A3')).keyId).toBe(0xc74f20a3);
  });

  it('formats key IDs as 8 lower-case hex digits', () => {
    expect(formatKeyId(0x0000abcd)).toBe('0000abcd');
    expect(formatKeyId(0xffffffff)).toBe('ffffffff');
  });

  const payload = GO_VKEY.split('+')[2] ?? '';
  const vkeyCases: [string, string, string][] = [
    ['one part', 'PeterNeumann', 'NOTE_KEY_MALFORMED'],
    ['two parts', 'PeterNeumann+c74f20a3', 'NOTE_KEY_MALFORMED'],
    ['short key ID', `PeterNeumann+c74f20a+${payload}`, 'NOTE_KEY_MALFORMED'],
    ['non-hex key ID', `PeterNeumann+c74f20ag+${payload}`, 'NOTE_KEY_MALFORMED'],
    ['bad base64', `PeterNeumann+c74f20a3+${payload.slice(1)}`, 'NOTE_KEY_MALFORMED'],
    ['empty key', 'PeterNeumann+c74f20a3+', 'NOTE_KEY_MALFORMED'],
    ['empty name', `+c74f20a3+${payload}`, 'NOTE_KEY_NAME_INVALID'],
    ['name with space', `Peter Neumann+c74f20a3+${payload}`, 'NOTE_KEY_NAME_INVALID'],
    ['wrong key ID', `PeterNeumann+c74f20a4+${payload}`, 'NOTE_KEY_ID_MISMATCH'],
    ['other name', `PaulNeumann+c74f20a3+${payload}`, 'NOTE_KEY_ID_MISMATCH'],
  ];
  it.each(vkeyCases)('vkey: %s', (_label, vkey, code) => {
    expect(codeOf(() => newVerifier(vkey))).toBe(code);
  });

  it('vkey: wrong key length or unknown type (with a consistent key ID)', () => {
    const short = new Uint8Array(32).fill(7);
    short[0] = 0x01;
    expect(codeOf(() => newVerifier(`n+${formatKeyId(computeKeyId('n', short))}+${toBase64(short)}`))).toBe('NOTE_KEY_MALFORMED');
    const unknown = fromBase64(payload);
    unknown[0] = 0x02;
    expect(codeOf(() => newVerifier(`n+${formatKeyId(computeKeyId('n', unknown))}+${toBase64(unknown)}`))).toBe('NOTE_KEY_UNSUPPORTED');
  });

  const skeyPayload = GO_SKEY.split('+').slice(4).join('+');
  const skeyCases: [string, string, string][] = [
    ['missing PRIVATE+KEY', GO_SKEY.slice('PRIVATE+KEY+'.length), 'NOTE_KEY_MALFORMED'],
    ['lower-case prefix', GO_SKEY.replace('PRIVATE+KEY', 'private+key'), 'NOTE_KEY_MALFORMED'],
    ['vkey given as skey', GO_VKEY, 'NOTE_KEY_MALFORMED'],
    ['wrong key ID', GO_SKEY.replace('c74f20a3', 'c74f20a4'), 'NOTE_KEY_ID_MISMATCH'],
    ['other name', GO_SKEY.replace('PeterNeumann', 'PaulNeumann'), 'NOTE_KEY_ID_MISMATCH'],
    ['short seed', `PRIVATE+KEY+PeterNeumann+c74f20a3+${toBase64(fromBase64(skeyPayload).slice(0, 30))}`, 'NOTE_KEY_MALFORMED'],
    ['name with plus', `PRIVATE+KEY+Peter+Neumann+c74f20a3+${skeyPayload}`, 'NOTE_KEY_MALFORMED'],
  ];
  it.each(skeyCases)('skey: %s', (_label, skey, code) => {
    expect(codeOf(() => newSigner(skey))).toBe(code);
  });

  it('derives the vkey from an skey for every key type', () => {
    expect(vkeyFromSkey(GO_SKEY)).toBe(GO_VKEY);
    for (const pair of [generateEd25519Key('a/ed'), generateSm2Key('a/sm2'), generateCosignerKey('a/w')]) {
      expect(vkeyFromSkey(pair.skey)).toBe(pair.vkey);
    }
    expect(codeOf(() => vkeyFromSkey(GO_SKEY.replace('c74f20a3', 'c74f20a4')))).toBe('NOTE_KEY_ID_MISMATCH');
    expect(codeOf(() => vkeyFromSkey(GO_VKEY))).toBe('NOTE_KEY_MALFORMED');
  });

  it('exports its error codes as one closed list', () => {
    expect(NOTE_ERROR_CODES).toContain('NOTE_MALFORMED');
    expect(NOTE_ERROR_CODES).toContain('CHECKPOINT_ORIGIN_MISMATCH');
    expect(new Set(NOTE_ERROR_CODES).size).toBe(NOTE_ERROR_CODES.length);
  });
});
