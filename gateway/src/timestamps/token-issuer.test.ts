// Round trips through the local TSA's issuer and core's verifier; every failure code comes from a
// real tampered input.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, MessageImprint, TimeStampReq, TimeStampResp } from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TimestampErrorCode, buildTimestampRequest, isElcError, parseTimestampResponse, utf8, verifyTimestampToken } from '@elc/core';
import { codeOf } from '../../test/support/errors.js';
import { tamperAt, testHierarchy, type TestHierarchy } from './tsa.test-support.js';

const note = utf8('elc.example/log/1\n42\nq8m5sOQ5kTSdCnpNnPHPnp8SP1h3Uy/2dq9Q0BT0Fqo=\n\n— elc.example/log/1 AAAA\n');
const nonce = Uint8Array.from([0x9a, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

let pki: TestHierarchy;
let tsa: Awaited<ReturnType<TestHierarchy['tsa']>>;
let token: Uint8Array;

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

async function stamp(data: Uint8Array, options: Parameters<typeof buildTimestampRequest>[1] = {}, issuer = tsa.issuer): Promise<Uint8Array> {
  return parseTimestampResponse(await issuer.issue(buildTimestampRequest(data, options)));
}

function rejectionOf(response: Uint8Array): string {
  try {
    parseTimestampResponse(response);
  } catch (e) {
    if (isElcError(e, TimestampErrorCode.TSA_STATUS_REJECTED)) return e.message;
    throw e;
  }
  throw new Error('not rejected');
}

beforeAll(async () => {
  pki = await testHierarchy();
  tsa = await pki.tsa();
  token = await stamp(note, { nonce });
});

describe('local TSA tokens', () => {
  it('verify, with genTime from the injected clock, the nonce echoed and the TSA certificate named', async () => {
    const info = await verifyTimestampToken(token, { data: note, trustedRoots: [pki.rootDer], nonce });
    expect(info.genTime.toISOString()).toBe('2026-03-01T12:34:56.000Z');
    expect(info.policy).toBe('2.999.3161');
    expect(info.hashAlg).toBe('sha256');
    expect(info.tsaName).toBe('CN=test TSA');
    expect(info.signerCertificateSha256).toBe(Buffer.from(sha256(tsa.der)).toString('hex'));
    expect(info.accuracyMs).toBe(1000);
    expect(info.serialNumber).toMatch(/^[0-9a-f]{32}$/);
  });

  it('carry a fresh serial number each time', async () => {
    const a = await verifyTimestampToken(await stamp(note), { data: note, trustedRoots: [pki.rootDer] });
    const b = await verifyTimestampToken(await stamp(note), { data: note, trustedRoots: [pki.rootDer] });
    expect(a.serialNumber).not.toBe(b.serialNumber);
  });

  it('verify with an SM3 imprint', async () => {
    const info = await verifyTimestampToken(await stamp(note, { hashAlg: 'sm3' }), { data: note, trustedRoots: [pki.rootDer] });
    expect(info.hashAlg).toBe('sm3');
  });

  it('leave the certificate out when certReq is false; it can then be supplied', async () => {
    const bare = await stamp(note, { certReq: false });
    expect(bare.length).toBeLessThan(token.length - 200);
    expect(await codeOf(verifyTimestampToken(bare, { data: note, trustedRoots: [pki.rootDer] }))).toBe(TimestampErrorCode.TSA_UNTRUSTED_CHAIN);
    expect(await codeOf(verifyTimestampToken(bare, { data: note, trustedRoots: [pki.rootDer], certificates: [tsa.der] }))).toBe('OK');
  });

  it('TSA_IMPRINT_MISMATCH: one changed byte of the data', async () => {
    const changed = note.slice();
    changed[5] = (changed[5] ?? 0) ^ 0x20;
    expect(await codeOf(verifyTimestampToken(token, { data: changed, trustedRoots: [pki.rootDer] }))).toBe(TimestampErrorCode.TSA_IMPRINT_MISMATCH);
  });

  it('TSA_UNTRUSTED_CHAIN: another root, or certificates checked after they expire', async () => {
    const other = await testHierarchy('other');
    expect(await codeOf(verifyTimestampToken(token, { data: note, trustedRoots: [other.rootDer] }))).toBe(TimestampErrorCode.TSA_UNTRUSTED_CHAIN);
    const late = new Date(Date.UTC(2031, 0, 1));
    expect(await codeOf(verifyTimestampToken(token, { data: note, trustedRoots: [pki.rootDer], now: late }))).toBe(
      TimestampErrorCode.TSA_UNTRUSTED_CHAIN,
    );
  });

  it('TSA_UNTRUSTED_CHAIN: the TSA (leaf) certificate given as a trusted root is not a root', async () => {
    expect(await codeOf(verifyTimestampToken(token, { data: note, trustedRoots: [tsa.der] }))).toBe(TimestampErrorCode.TSA_UNTRUSTED_CHAIN);
  });

  it('TSA_NONCE_MISMATCH: another nonce, or none in the token', async () => {
    const other = nonce.slice();
    other[15] = 0;
    expect(await codeOf(verifyTimestampToken(token, { data: note, trustedRoots: [pki.rootDer], nonce: other }))).toBe(
      TimestampErrorCode.TSA_NONCE_MISMATCH,
    );
    const without = await stamp(note);
    expect(await codeOf(verifyTimestampToken(without, { data: note, trustedRoots: [pki.rootDer], nonce }))).toBe(
      TimestampErrorCode.TSA_NONCE_MISMATCH,
    );
  });

  it('TSA_NOT_TIMESTAMPING_CERT: a TSA certificate without the EKU', async () => {
    const plain = await pki.tsa({ timestamping: false });
    const t = await stamp(note, {}, plain.issuer);
    expect(await codeOf(verifyTimestampToken(t, { data: note, trustedRoots: [pki.rootDer] }))).toBe(TimestampErrorCode.TSA_NOT_TIMESTAMPING_CERT);
  });

  it('TSA_BAD_SIGNATURE: a modified signed attribute (the ESSCertIDv2 hash)', async () => {
    const tampered = tamperAt(token, sha256(tsa.der), 7);
    expect(await codeOf(verifyTimestampToken(tampered, { data: note, trustedRoots: [pki.rootDer] }))).toBe(TimestampErrorCode.TSA_BAD_SIGNATURE);
  });

  it('TSA_BAD_SIGNATURE: a modified TSTInfo (genTime) no longer matches the signed message digest', async () => {
    // Still a valid GeneralizedTime (…56Z -> …57Z), so the TSTInfo parses (not TSA_MALFORMED).
    const tampered = tamperAt(token, utf8('20260301123456Z'), 13);
    expect(await codeOf(verifyTimestampToken(tampered, { data: note, trustedRoots: [pki.rootDer] }))).toBe(TimestampErrorCode.TSA_BAD_SIGNATURE);
  });

  it('TSA_BAD_SIGNATURE: the signing-certificate attribute names another certificate (same key, issuer and serial)', async () => {
    // A second certificate for the TSA key with the same issuer and serial: the sid matches both,
    // the signature verifies with both; only ESSCertIDv2 tells them apart (RFC 5035 §1).
    const twin = await pki.tsa({ keys: tsa.keys, serialNumber: new asn1js.Integer({ valueHex: tsa.certificate.serialNumber.valueBlock.valueHexView.slice() }), years: 1 });
    const bare = await stamp(note, { certReq: false });
    expect(await codeOf(verifyTimestampToken(bare, { data: note, trustedRoots: [pki.rootDer], certificates: [twin.der] }))).toBe(
      TimestampErrorCode.TSA_BAD_SIGNATURE,
    );
    expect(await codeOf(verifyTimestampToken(bare, { data: note, trustedRoots: [pki.rootDer], certificates: [tsa.der] }))).toBe('OK');
  });

  it('TSA_MALFORMED: a truncated token', async () => {
    expect(await codeOf(verifyTimestampToken(token.subarray(0, 100), { data: note, trustedRoots: [pki.rootDer] }))).toBe(TimestampErrorCode.TSA_MALFORMED);
  });
});

describe('local TSA rejections (TSA_STATUS_REJECTED)', () => {
  function requestWith(algorithmId: string, digestLength: number, extra: Partial<ConstructorParameters<typeof TimeStampReq>[0]> = {}): Uint8Array {
    const req = new TimeStampReq({
      version: 1,
      messageImprint: new MessageImprint({
        hashAlgorithm: new AlgorithmIdentifier({ algorithmId }),
        hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(digestLength) }),
      }),
      ...extra,
    });
    return new Uint8Array(req.toSchema().toBER());
  }

  it('badAlg for a SHA-1 imprint', async () => {
    expect(rejectionOf(await tsa.issuer.issue(requestWith('1.3.14.3.2.26', 20)))).toContain('badAlg');
  });

  it('badDataFormat for garbage and for an imprint of the wrong length', async () => {
    expect(rejectionOf(await tsa.issuer.issue(utf8('not a request')))).toContain('badDataFormat');
    expect(rejectionOf(await tsa.issuer.issue(requestWith('2.16.840.1.101.3.4.2.1', 20)))).toContain('badDataFormat');
  });

  it('unacceptedPolicy for another reqPolicy; the TSA policy itself is accepted', async () => {
    expect(rejectionOf(await tsa.issuer.issue(buildTimestampRequest(note, { policy: '2.999.1' })))).toContain('unacceptedPolicy');
    const ok = await stamp(note, { policy: '2.999.3161' });
    expect((await verifyTimestampToken(ok, { data: note, trustedRoots: [pki.rootDer] })).policy).toBe('2.999.3161');
  });

  it('the rejection is a well-formed TimeStampResp without a token', async () => {
    const resp = TimeStampResp.fromBER(new Uint8Array(await tsa.issuer.issue(utf8('x'))));
    expect(resp.status.status).toBe(2);
    expect(resp.timeStampToken).toBeUndefined();
  });
});
