// Core's verifier against tokens from an independent implementation (OpenSSL `ts`, RSA TSA),
// made by testdata/make-openssl-fixtures.sh. The gateway's tests cover tokens from the local TSA.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { fromHex } from '../encoding/index.js';
import { pureHashProvider } from '../hash/index.js';
import { TimestampErrorCode, pemToDer, verifyTimestampToken, type TimestampInfo } from './index.js';

const dir = new URL('./testdata/openssl/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const text = (name: string) => readFileSync(new URL(name, dir), 'utf8');

const data = file('data.txt');
const root = pemToDer(text('root.pem'));
const tsaCert = pemToDer(text('tsa.pem'));
const otherRoot = pemToDer(text('other-root.pem'));
const evenHex = (hex: string) => (hex.length % 2 === 1 ? `0${hex}` : hex).toLowerCase();
const nonce = fromHex(evenHex(text('nonce-essv1.txt').trim()));

/** genTime and serial as OpenSSL printed them when it made the token. */
function opensslSays(name: string): { genTime: Date; serial: string } {
  const t = text(name);
  const time = /Time stamp: (.+)/.exec(t)?.[1];
  const serial = /Serial number: 0x([0-9A-F]+)/.exec(t)?.[1];
  if (time === undefined || serial === undefined) throw new Error(`cannot read ${name}`);
  return { genTime: new Date(time), serial: evenHex(serial) };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isElcError(e)) return e.code;
    throw e;
  }
  return 'OK';
}

function flipByte(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

describe('verifyTimestampToken on OpenSSL tokens', () => {
  it('verifies an ESSCertID v1 token with nonce and reports what OpenSSL printed', async () => {
    const info: TimestampInfo = await verifyTimestampToken(file('token-essv1.der'), { data, trustedRoots: [root], nonce });
    const expected = opensslSays('token-essv1.txt');
    expect(info.genTime.getTime()).toBe(expected.genTime.getTime());
    expect(info.serialNumber).toBe(expected.serial);
    expect(info.policy).toBe('2.999.3161.1');
    expect(info.hashAlg).toBe('sha256');
    expect(info.tsaName).toBe('O=ELC Ledger test fixtures, CN=OpenSSL fixture TSA');
    expect(info.signerCertificateSha256).toBe(Buffer.from(pureHashProvider('sha256').hash(tsaCert)).toString('hex'));
    expect(info.accuracyMs).toBe(1500);
  });

  it('verifies an SM3-imprint token (ESSCertIDv2)', async () => {
    const info = await verifyTimestampToken(file('token-sm3.der'), { data, trustedRoots: [root] });
    expect(info.hashAlg).toBe('sm3');
    expect(info.serialNumber).toBe(opensslSays('token-sm3.txt').serial);
  });

  it('needs the TSA certificate supplied when the token omits it', async () => {
    const token = file('token-essv2-nocert.der');
    expect(await codeOf(verifyTimestampToken(token, { data, trustedRoots: [root] }))).toBe(TimestampErrorCode.TSA_UNTRUSTED_CHAIN);
    const info = await verifyTimestampToken(token, { data, trustedRoots: [root], certificates: [tsaCert] });
    expect(info.genTime.getTime()).toBe(opensslSays('token-essv2-nocert.txt').genTime.getTime());
  });

  it('rejects other data with TSA_IMPRINT_MISMATCH', async () => {
    const other = flipByte(data, 3);
    expect(await codeOf(verifyTimestampToken(file('token-essv1.der'), { data: other, trustedRoots: [root] }))).toBe(
      TimestampErrorCode.TSA_IMPRINT_MISMATCH,
    );
    expect(await codeOf(verifyTimestampToken(file('token-sm3.der'), { data: other, trustedRoots: [root] }))).toBe(
      TimestampErrorCode.TSA_IMPRINT_MISMATCH,
    );
  });

  it('rejects an unrelated root, and no roots at all, with TSA_UNTRUSTED_CHAIN', async () => {
    const token = file('token-essv1.der');
    expect(await codeOf(verifyTimestampToken(token, { data, trustedRoots: [otherRoot] }))).toBe(TimestampErrorCode.TSA_UNTRUSTED_CHAIN);
    expect(await codeOf(verifyTimestampToken(token, { data, trustedRoots: [] }))).toBe(TimestampErrorCode.TSA_UNTRUSTED_CHAIN);
  });

  it('rejects a certificate checked after it expired with TSA_UNTRUSTED_CHAIN', async () => {
    const now = new Date(Date.UTC(2200, 0, 1));
    expect(await codeOf(verifyTimestampToken(file('token-essv1.der'), { data, trustedRoots: [root], now }))).toBe(
      TimestampErrorCode.TSA_UNTRUSTED_CHAIN,
    );
  });

  it('rejects another nonce, and a token without one, with TSA_NONCE_MISMATCH', async () => {
    const wrong = flipByte(nonce, nonce.length - 1);
    expect(await codeOf(verifyTimestampToken(file('token-essv1.der'), { data, trustedRoots: [root], nonce: wrong }))).toBe(
      TimestampErrorCode.TSA_NONCE_MISMATCH,
    );
    // OpenSSL put its own random nonce into the second query: not the first query's.
    expect(
      await codeOf(verifyTimestampToken(file('token-essv2-nocert.der'), { data, trustedRoots: [root], certificates: [tsaCert], nonce })),
    ).toBe(TimestampErrorCode.TSA_NONCE_MISMATCH);
  });

  it('rejects a changed signature byte with TSA_BAD_SIGNATURE', async () => {
    const token = file('token-essv1.der');
    // The RSA signature is the last 256 bytes of the token (no unsigned attributes).
    expect(await codeOf(verifyTimestampToken(flipByte(token, token.length - 10), { data, trustedRoots: [root] }))).toBe(
      TimestampErrorCode.TSA_BAD_SIGNATURE,
    );
  });

  it('rejects truncated, padded and non-token input with TSA_MALFORMED', async () => {
    const token = file('token-essv1.der');
    for (const bad of [token.subarray(0, token.length - 1), Uint8Array.of(...token, 0), new Uint8Array(0), data, root]) {
      expect(await codeOf(verifyTimestampToken(bad, { data, trustedRoots: [root] }))).toBe(TimestampErrorCode.TSA_MALFORMED);
    }
  });

  it('refuses a CMS signature over SHA-1 (OpenSSL accepts it) with TSA_MALFORMED', async () => {
    expect(await codeOf(verifyTimestampToken(file('token-sha1-signature.der'), { data, trustedRoots: [root] }))).toBe(
      TimestampErrorCode.TSA_MALFORMED,
    );
  });

  it('rejects a trusted root that is not a certificate with TSA_MALFORMED', async () => {
    expect(await codeOf(verifyTimestampToken(file('token-essv1.der'), { data, trustedRoots: [data] }))).toBe(TimestampErrorCode.TSA_MALFORMED);
  });
});
