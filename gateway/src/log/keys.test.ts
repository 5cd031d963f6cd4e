import { newVerifier, utf8 } from '@elc/core';
import { readFile, stat, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateLogKey, LOG_SKEY_FILE, LOG_VKEY_FILE } from './keys.js';
import { expectCode, removeAll, tempDir } from './log-service.test-support.js';

const dirs: string[] = [];
afterAll(() => removeAll(dirs));
const ORIGIN = 'elc.example.cn/keys';

describe('loadOrCreateLogKey', () => {
  it('creates an Ed25519 note key on first start, secret mode 0600, and reuses it after', async () => {
    const dir = join(await tempDir(dirs), 'data');
    const first = await loadOrCreateLogKey(dir, ORIGIN);
    expect((await stat(join(dir, LOG_SKEY_FILE))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(dir, LOG_VKEY_FILE), 'utf8')).trim()).toBe(first.vkey);
    expect(first.signer.name).toBe(ORIGIN);
    const second = await loadOrCreateLogKey(dir, ORIGIN);
    expect(second.vkey).toBe(first.vkey);
    const msg = utf8('hello');
    expect(newVerifier(first.vkey).verify(msg, second.signer.sign(msg))).toBe(true);
    expect(first.verifier.verify(msg, second.signer.sign(msg))).toBe(true);
  });

  it('refuses a key made for another origin and an invalid origin', async () => {
    const dir = await tempDir(dirs);
    await loadOrCreateLogKey(dir, ORIGIN);
    await expectCode(loadOrCreateLogKey(dir, 'elc.example.cn/other'), 'LOG_KEY_INVALID');
    await expectCode(loadOrCreateLogKey(await tempDir(dirs), 'has space'), 'LOG_KEY_INVALID');
  });

  it('refuses a damaged secret, tightens an over-readable one and rewrites a wrong vkey file', async () => {
    const dir = await tempDir(dirs);
    const key = await loadOrCreateLogKey(dir, ORIGIN);
    await chmod(join(dir, LOG_SKEY_FILE), 0o644);
    await writeFile(join(dir, LOG_VKEY_FILE), 'stale\n');
    expect((await loadOrCreateLogKey(dir, ORIGIN)).vkey).toBe(key.vkey);
    expect((await stat(join(dir, LOG_SKEY_FILE))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(dir, LOG_VKEY_FILE), 'utf8')).trim()).toBe(key.vkey);
    await writeFile(join(dir, LOG_SKEY_FILE), 'PRIVATE+KEY+garbage\n');
    await expectCode(loadOrCreateLogKey(dir, ORIGIN), 'LOG_KEY_INVALID');
  });
});
