import { readFile, stat, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Certificate } from 'pkijs';
import { ID_KP_TIMESTAMPING, buildTimestampRequest, derToPem, isElcError, parseTimestampResponse, pemToDer, utf8, verifyTimestampToken } from '@elc/core';
import { DEFAULT_LOCAL_TSA_NAME, LOCAL_TSA_FILES, LOCAL_TSA_POLICY_OID, loadOrCreateLocalTsa } from './index.js';
import { FIXED_NOW, fixedClock, tempDir } from './tsa.test-support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
async function dataDir(): Promise<string> {
  const dir = await tempDir('local-tsa');
  cleanups.push(dir.remove);
  return dir.path;
}

describe('loadOrCreateLocalTsa', () => {
  it('creates root, TSA certificate and a 0600 key in <dataDir>/tsa on first start, named local', async () => {
    const dir = await dataDir();
    const tsa = await loadOrCreateLocalTsa(dir, { clock: fixedClock });
    expect(tsa.kind).toBe('local');
    expect(tsa.name).toBe(DEFAULT_LOCAL_TSA_NAME);
    expect(tsa.policy).toBe(LOCAL_TSA_POLICY_OID);
    expect(tsa.directory).toBe(join(dir, 'tsa'));
    expect((await stat(join(dir, 'tsa', LOCAL_TSA_FILES.key))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'tsa'))).mode & 0o777).toBe(0o700);
    expect((await readFile(join(dir, 'tsa', LOCAL_TSA_FILES.key), 'utf8')).startsWith('-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect([...pemToDer(await readFile(join(dir, 'tsa', LOCAL_TSA_FILES.root), 'utf8'))]).toEqual([...tsa.rootCertificateDer]);

    const cert = Certificate.fromBER(new Uint8Array(tsa.certificateDer));
    const eku = cert.extensions?.find((e) => e.extnID === '2.5.29.37');
    expect(eku?.critical).toBe(true);
    expect((eku?.parsedValue as { keyPurposes: string[] }).keyPurposes).toEqual([ID_KP_TIMESTAMPING]);
    const subject = cert.subject.typesAndValues.map((tv) => String(tv.value.valueBlock.value)).join(' ');
    expect(subject).toMatch(/local/i);
    expect(subject).toMatch(/LOCAL development TSA/);
    expect(cert.notBefore.value.getTime()).toBeLessThan(FIXED_NOW.getTime());
  });

  it('loads the same TSA on the next start, and its tokens verify against the first root', async () => {
    const dir = await dataDir();
    const first = await loadOrCreateLocalTsa(dir, { clock: fixedClock });
    const second = await loadOrCreateLocalTsa(dir, { clock: fixedClock, name: 'ignored once created' });
    expect([...second.rootCertificateDer]).toEqual([...first.rootCertificateDer]);
    expect([...second.certificateDer]).toEqual([...first.certificateDer]);
    expect(second.name).toBe(first.name);
    const data = utf8('note\n');
    const token = parseTimestampResponse(await second.issue(buildTimestampRequest(data)));
    const info = await verifyTimestampToken(token, { data, trustedRoots: [first.rootCertificateDer] });
    expect(info.genTime.toISOString()).toBe('2026-03-01T12:34:56.000Z');
  });

  it('keeps "local" in a custom name', async () => {
    expect((await loadOrCreateLocalTsa(await dataDir(), { name: 'Bureau dev TSA', clock: fixedClock })).name).toBe('Bureau dev TSA (local)');
  });

  it('refuses a missing file or a key that is not the certificate’s (TSA_LOCAL_STATE_INVALID)', async () => {
    const dir = await dataDir();
    await loadOrCreateLocalTsa(dir, { clock: fixedClock });
    const other = await dataDir();
    await loadOrCreateLocalTsa(other, { clock: fixedClock });
    await writeFile(join(dir, 'tsa', LOCAL_TSA_FILES.key), await readFile(join(other, 'tsa', LOCAL_TSA_FILES.key)));
    await expect(loadOrCreateLocalTsa(dir)).rejects.toSatisfy((e) => isElcError(e, 'TSA_LOCAL_STATE_INVALID'));
    await rm(join(dir, 'tsa', LOCAL_TSA_FILES.root));
    await expect(loadOrCreateLocalTsa(dir)).rejects.toSatisfy((e) => isElcError(e, 'TSA_LOCAL_STATE_INVALID'));
  });

  it('fails its self-test when the stored root is not the TSA certificate’s issuer', async () => {
    const dir = await dataDir();
    await loadOrCreateLocalTsa(dir, { clock: fixedClock });
    const other = await dataDir();
    const foreign = await loadOrCreateLocalTsa(other, { clock: fixedClock });
    await writeFile(join(dir, 'tsa', LOCAL_TSA_FILES.root), derToPem(foreign.rootCertificateDer));
    await expect(loadOrCreateLocalTsa(dir, { clock: fixedClock })).rejects.toSatisfy((e) => isElcError(e, 'TSA_LOCAL_STATE_INVALID'));
  });
});
