// Per-deployment secrets kept in the data dir: 32 random bytes in a 0600 file, created on first
// start, or given by an environment variable (base64 or hex of at least 32 bytes). Used for the
// personal-data key and the worker-commitment secret.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ElcError } from '@elc/core';

export const SECRET_BYTES = 32;

/** Reads a secret from its environment value when set, else from `path`, creating that file on first use. */
export async function loadOrCreateSecret(path: string, envName: string, envValue: string | undefined): Promise<Uint8Array> {
  if (envValue !== undefined && envValue !== '') return parseSecret(envName, envValue.trim());
  try {
    return parseSecret(path, (await readFile(path, 'utf8')).trim());
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const secret = randomBytes(SECRET_BYTES);
  // 'wx': two gateways starting on one data dir never overwrite each other's secret.
  await writeFile(path, secret.toString('base64') + '\n', { mode: 0o600, flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  await chmod(path, 0o600);
  return parseSecret(path, (await readFile(path, 'utf8')).trim());
}

function parseSecret(source: string, text: string): Uint8Array {
  const bytes = /^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (bytes.length < SECRET_BYTES) {
    throw new ElcError('PII_SECRET_INVALID', `${source} must hold at least ${SECRET_BYTES} bytes (base64 or hex)`);
  }
  return new Uint8Array(bytes.subarray(0, SECRET_BYTES));
}
