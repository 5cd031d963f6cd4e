/**
 * The log's signing key: an Ed25519 C2SP note key named after the origin, created on first start
 * in the data dir and reused after. `log.skey` is the secret (mode 0600), `log.vkey` the verifier
 * key for /v1/log/key (always re-derived from the secret, so the two cannot disagree).
 */
import { generateEd25519Key, isValidKeyName, newVerifier, vkeyFromSkey, type NoteVerifier } from '@elc/core';
import { chmod, link, mkdir, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logError } from './errors.js';
import { nativeLogSigner } from './native-signer.js';
import type { LogSigner } from './types.js';

export const LOG_SKEY_FILE = 'log.skey';
export const LOG_VKEY_FILE = 'log.vkey';
const SECRET_MODE = 0o600;

export interface LogKey {
  readonly signer: LogSigner;
  readonly verifier: NoteVerifier;
  /** C2SP vkey text */
  readonly vkey: string;
}

export async function loadOrCreateLogKey(dataDir: string, origin: string): Promise<LogKey> {
  if (!isValidKeyName(origin)) throw logError('LOG_KEY_INVALID', `origin "${origin}" is not a valid note key name`, { field: 'origin' });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const skeyPath = join(dataDir, LOG_SKEY_FILE);
  const skey = (await readSecret(skeyPath)) ?? (await createSecret(skeyPath, origin));

  let signer: LogSigner;
  let vkey: string;
  try {
    signer = nativeLogSigner(skey);
    vkey = vkeyFromSkey(skey);
  } catch (cause) {
    throw logError('LOG_KEY_INVALID', `${skeyPath} is not a note signing key`, { cause });
  }
  if (signer.name !== origin) {
    throw logError('LOG_KEY_INVALID', `${skeyPath} is the key of "${signer.name}", not of origin "${origin}"`, { field: 'origin' });
  }
  const vkeyPath = join(dataDir, LOG_VKEY_FILE);
  const onDisk = await readFile(vkeyPath, 'utf8').catch(() => undefined);
  if (onDisk?.trim() !== vkey) await writeFile(vkeyPath, `${vkey}\n`, { mode: 0o644 });
  return { signer, verifier: newVerifier(vkey), vkey };
}

async function readSecret(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw logError('LOG_KEY_INVALID', `cannot read ${path}`, { cause: e });
  }
  // An over-readable secret (a copy, a restore) is tightened rather than refused.
  if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, SECRET_MODE);
  return text.trim();
}

/** Writes the new secret to a temporary file, syncs it, then links it into place: never half a key, never overwritten. */
async function createSecret(path: string, origin: string): Promise<string> {
  const { skey } = generateEd25519Key(origin);
  const tmp = `${path}.${process.pid}.tmp`;
  const fh = await open(tmp, 'wx', SECRET_MODE);
  try {
    await fh.writeFile(`${skey}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another process created it first: use theirs.
    await unlink(tmp);
    return (await readSecret(path)) ?? skey;
  }
  await unlink(tmp);
  return skey;
}
