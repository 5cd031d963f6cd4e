import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPiiCipher, PII_ALGS } from './cipher.js';
import { loadOrCreateSecret } from './secret-file.js';

const record = { workerName: '张三', workerIdNumber: '11010519491231002X', workerPhone: '13800138000' };

describe.each(PII_ALGS)('personal-data cipher %s', (alg) => {
  const cipher = createPiiCipher(alg, new Uint8Array(randomBytes(32)));

  it('opens what it sealed, and the sealed bytes do not hold the clear text', () => {
    const sealed = cipher.seal('contract/91350100M000100Y43/HT-1', record);
    expect(sealed.alg).toBe(alg);
    expect(sealed.kid).toMatch(/^[0-9a-f]{8}$/);
    expect(Buffer.from(sealed.nonce, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(sealed)).not.toContain('11010519491231002X');
    expect(Buffer.from(sealed.ct, 'base64').toString('utf8')).not.toContain('1101051949');
    expect(cipher.open('contract/91350100M000100Y43/HT-1', sealed)).toEqual(record);
  });

  it('uses a fresh nonce per seal', () => {
    expect(cipher.seal('r', record).nonce).not.toBe(cipher.seal('r', record).nonce);
  });

  it('refuses another record id (AAD), a flipped bit, a cut tag and another key', () => {
    const sealed = cipher.seal('r1', record);
    expect(() => cipher.open('r2', sealed)).toThrow(expect.objectContaining({ code: 'PII_OPEN_FAILED' }));
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0] = (ct[0] ?? 0) ^ 1;
    expect(() => cipher.open('r1', { ...sealed, ct: ct.toString('base64') })).toThrow(expect.objectContaining({ code: 'PII_OPEN_FAILED' }));
    const tag = Buffer.from(sealed.tag, 'base64');
    tag[15] = (tag[15] ?? 0) ^ 0x80;
    expect(() => cipher.open('r1', { ...sealed, tag: tag.toString('base64') })).toThrow(expect.objectContaining({ code: 'PII_OPEN_FAILED' }));
    const other = createPiiCipher(alg, new Uint8Array(randomBytes(32)));
    expect(() => other.open('r1', sealed)).toThrow(expect.objectContaining({ code: 'PII_OPEN_FAILED' }));
  });
});

describe('SM4-GCM through sm-crypto-v2', () => {
  it('matches GB/T 32907 SM4 on its published block vector (ECB of one block)', async () => {
    const { sm4 } = await import('sm-crypto-v2');
    // GB/T 32907-2016 Appendix A example 1: key = plaintext = 0123456789abcdeffedcba9876543210.
    const k = '0123456789abcdeffedcba9876543210';
    expect(sm4.encrypt(Buffer.from(k, 'hex'), k, { mode: 'ecb', padding: 'none' })).toBe('681edf34d206965e86b3e94f536e4246');
  });
});

describe('secret files', () => {
  it('creates 32 random bytes in a 0600 file once and reads the same secret again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'elc-pii-'));
    const path = join(dir, 'pii', 'data.key');
    const a = await loadOrCreateSecret(path, 'ELC_PII_KEY', undefined);
    const b = await loadOrCreateSecret(path, 'ELC_PII_KEY', undefined);
    expect(a).toHaveLength(32);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readFile(path, 'utf8')).trim()).toBe(Buffer.from(a).toString('base64'));
  });

  it('takes the environment value first and refuses a short one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'elc-pii-'));
    const hex = 'ab'.repeat(32);
    const s = await loadOrCreateSecret(join(dir, 'k'), 'ELC_PII_KEY', hex);
    expect(Buffer.from(s).toString('hex')).toBe(hex);
    await expect(loadOrCreateSecret(join(dir, 'k'), 'ELC_PII_KEY', 'abcd')).rejects.toMatchObject({ code: 'PII_SECRET_INVALID' });
  });
});
