// Interoperability with an independent RFC 3161 implementation: OpenSSL's `ts` command verifies
// the local TSA's replies, agrees on what is bad, and its own requests are served by the local TSA.
// Without the openssl CLI the cross-check cannot run; the test says so instead of passing silently.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTimestampRequest, derToPem, parseTimestampResponse, utf8, verifyTimestampToken } from '@elc/core';
import { LOCAL_TSA_POLICY_OID, loadOrCreateLocalTsa, type LocalTsa } from './index.js';
import { fixedClock, tempDir } from './tsa.test-support.js';

const opensslVersion = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const haveOpenssl = opensslVersion.status === 0;

let tsa: LocalTsa;
let dir: string;
let removeDir: () => Promise<void>;
const note = utf8('elc.example/log/1\n42\nq8m5sOQ5kTSdCnpNnPHPnp8SP1h3Uy/2dq9Q0BT0Fqo=\n');
const nonce = Uint8Array.from([0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

function openssl(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  const t = await tempDir('tsa-openssl');
  dir = t.path;
  removeDir = t.remove;
  tsa = await loadOrCreateLocalTsa(join(dir, 'data'), { clock: fixedClock });
  writeFileSync(join(dir, 'root.pem'), tsa.rootCertificatePem);
  writeFileSync(join(dir, 'tsa.pem'), tsa.certificatePem);
  writeFileSync(join(dir, 'note.txt'), note);
  writeFileSync(join(dir, 'resp.der'), await tsa.issue(buildTimestampRequest(note, { nonce })));
});

afterAll(async () => {
  await removeDir();
});

describe('OpenSSL cross-check of the local TSA', () => {
  it('runs only where the openssl CLI is installed, and says so otherwise', () => {
    if (!haveOpenssl) {
      console.warn('openssl CLI not found: the OpenSSL RFC 3161 interoperability checks in this file did NOT run');
      expect(opensslVersion.error ?? opensslVersion.status).toBeTruthy();
      return;
    }
    console.info(`OpenSSL cross-check with ${opensslVersion.stdout.trim()}`);
    expect(opensslVersion.stdout).toMatch(/SSL/);
  });

  it('openssl ts -reply -text reads the reply as core does', async () => {
    if (!haveOpenssl) return;
    const { ok, out } = openssl(['ts', '-reply', '-in', 'resp.der', '-text']);
    expect(ok).toBe(true);
    const info = await verifyTimestampToken(parseTimestampResponse(new Uint8Array(readFileSync(join(dir, 'resp.der')))), {
      data: note,
      trustedRoots: [tsa.rootCertificateDer],
    });
    expect(out).toContain('Status: Granted.');
    expect(out).toContain(`Policy OID: ${LOCAL_TSA_POLICY_OID}`);
    expect(out).toContain('Hash Algorithm: sha256');
    expect(out).toContain(`Serial number: 0x${info.serialNumber.toUpperCase()}`);
    expect(out).toContain('Time stamp: Mar  1 12:34:56 2026 GMT');
    expect(out).toContain(`Nonce: 0x${Buffer.from(nonce).toString('hex').toUpperCase()}`);
    expect(out).toContain('Accuracy: 0x01 seconds');
    expect(out).toMatch(/TSA: DirName:.*CN=ELC Ledger local TSA \(development\)/);
  });

  it('openssl ts -verify accepts the reply for the data, for the query, and for the bare token', () => {
    if (!haveOpenssl) return;
    const withData = openssl(['ts', '-verify', '-data', 'note.txt', '-in', 'resp.der', '-CAfile', 'root.pem', '-untrusted', 'tsa.pem']);
    expect(withData.out).toContain('Verification: OK');
    expect(withData.ok).toBe(true);
    writeFileSync(join(dir, 'query.der'), buildTimestampRequest(note, { nonce }));
    expect(openssl(['ts', '-verify', '-queryfile', 'query.der', '-in', 'resp.der', '-CAfile', 'root.pem']).ok).toBe(true);
    writeFileSync(join(dir, 'token.der'), parseTimestampResponse(new Uint8Array(readFileSync(join(dir, 'resp.der')))));
    expect(openssl(['ts', '-verify', '-data', 'note.txt', '-in', 'token.der', '-token_in', '-CAfile', 'root.pem']).ok).toBe(true);
  });

  it('openssl ts -verify agrees that other data, another root and a tampered token fail', async () => {
    if (!haveOpenssl) return;
    writeFileSync(join(dir, 'other.txt'), utf8('elc.example/log/1\n43\n'));
    expect(openssl(['ts', '-verify', '-data', 'other.txt', '-in', 'resp.der', '-CAfile', 'root.pem']).ok).toBe(false);
    const other = await loadOrCreateLocalTsa(join(dir, 'other'), { clock: fixedClock });
    writeFileSync(join(dir, 'other-root.pem'), derToPem(other.rootCertificateDer));
    expect(openssl(['ts', '-verify', '-data', 'note.txt', '-in', 'resp.der', '-CAfile', 'other-root.pem']).ok).toBe(false);
    const resp = new Uint8Array(readFileSync(join(dir, 'resp.der')));
    resp[resp.length - 5] = (resp[resp.length - 5] ?? 0) ^ 0x01; // inside the ECDSA signature
    writeFileSync(join(dir, 'bad.der'), resp);
    expect(openssl(['ts', '-verify', '-data', 'note.txt', '-in', 'bad.der', '-CAfile', 'root.pem']).ok).toBe(false);
  });

  it('serves a query made by openssl ts -query (SHA-256 and SM3), and openssl verifies the reply', async () => {
    if (!haveOpenssl) return;
    for (const alg of ['sha256', 'sm3'] as const) {
      execFileSync('openssl', ['ts', '-query', '-data', 'note.txt', `-${alg}`, '-cert', '-out', `q-${alg}.der`], { cwd: dir, stdio: 'pipe' });
      const reply = await tsa.issue(new Uint8Array(readFileSync(join(dir, `q-${alg}.der`))));
      writeFileSync(join(dir, `r-${alg}.der`), reply);
      const check = openssl(['ts', '-verify', '-queryfile', `q-${alg}.der`, '-in', `r-${alg}.der`, '-CAfile', 'root.pem']);
      expect(check.out).toContain('Verification: OK');
      const info = await verifyTimestampToken(parseTimestampResponse(reply), { data: note, trustedRoots: [tsa.rootCertificateDer] });
      expect(info.hashAlg).toBe(alg);
    }
  });
});
