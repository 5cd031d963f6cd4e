import type * as asn1js from 'asn1js';
import { TimeStampReq } from 'pkijs';
import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { pureHashProvider } from '../hash/index.js';
import { utf8 } from '../encoding/index.js';
import { ID_SHA256, ID_SM3 } from './oids.js';
import { TimestampErrorCode, buildTimestampRequest } from './index.js';

const data = utf8('elc.example/log\n7\nAAAA\n');

function parse(der: Uint8Array): TimeStampReq {
  return TimeStampReq.fromBER(new Uint8Array(der));
}

describe('buildTimestampRequest', () => {
  it('carries version 1, the SHA-256 imprint without parameters, the nonce and certReq', () => {
    const nonce = Uint8Array.from([0x01, 2, 3, 4, 5, 6, 7, 8]);
    const req = parse(buildTimestampRequest(data, { nonce }));
    expect(req.version).toBe(1);
    expect(req.messageImprint.hashAlgorithm.algorithmId).toBe(ID_SHA256);
    expect(req.messageImprint.hashAlgorithm.algorithmParams).toBeUndefined();
    expect([...req.messageImprint.hashedMessage.valueBlock.valueHexView]).toEqual([...pureHashProvider('sha256').hash(data)]);
    expect([...(req.nonce?.valueBlock.valueHexView ?? [])]).toEqual([...nonce]);
    expect(req.certReq).toBe(true);
    expect(req.reqPolicy).toBeUndefined();
  });

  it('keeps a nonce with the top bit set positive (0x00 prefix) and strips redundant leading zeros', () => {
    const high = Uint8Array.from([0xff, 1, 2, 3, 4, 5, 6, 7]);
    const integer = parse(buildTimestampRequest(data, { nonce: high })).nonce as asn1js.Integer;
    expect([...integer.valueBlock.valueHexView]).toEqual([0x00, ...high]);
    expect(integer.valueBlock.valueDec > 0 || integer.valueBlock.isHexOnly).toBe(true);
    const zeros = Uint8Array.from([0, 0, 0x12, 3, 4, 5, 6, 7]);
    expect([...(parse(buildTimestampRequest(data, { nonce: zeros })).nonce?.valueBlock.valueHexView ?? [])]).toEqual([0x12, 3, 4, 5, 6, 7]);
  });

  it('builds an SM3 imprint, a reqPolicy and certReq false when asked', () => {
    const req = parse(buildTimestampRequest(data, { hashAlg: 'sm3', certReq: false, policy: '2.999.1' }));
    expect(req.messageImprint.hashAlgorithm.algorithmId).toBe(ID_SM3);
    expect([...req.messageImprint.hashedMessage.valueBlock.valueHexView]).toEqual([...pureHashProvider('sm3').hash(data)]);
    expect(req.certReq ?? false).toBe(false); // DEFAULT FALSE: DER omits it
    expect(req.reqPolicy).toBe('2.999.1');
    expect(req.nonce).toBeUndefined();
  });

  it('rejects bad input with TSA_REQUEST_INVALID and the field', () => {
    const cases: [() => unknown, string][] = [
      [() => buildTimestampRequest('text' as unknown as Uint8Array), 'data'],
      [() => buildTimestampRequest(data, { hashAlg: 'md5' as 'sha256' }), 'hashAlg'],
      [() => buildTimestampRequest(data, { nonce: new Uint8Array(7) }), 'nonce'],
      [() => buildTimestampRequest(data, { nonce: new Uint8Array(33) }), 'nonce'],
      [() => buildTimestampRequest(data, { policy: 'not.an.oid' }), 'policy'],
    ];
    for (const [call, field] of cases) {
      try {
        call();
        expect.unreachable(`accepted bad ${field}`);
      } catch (e) {
        expect(isElcError(e, TimestampErrorCode.TSA_REQUEST_INVALID) && e.field).toBe(field);
      }
    }
  });
});
