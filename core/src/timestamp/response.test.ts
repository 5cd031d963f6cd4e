import * as asn1js from 'asn1js';
import { ContentInfo, PKIStatus, PKIStatusInfo, TimeStampResp } from 'pkijs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { TimestampErrorCode, parseTimestampResponse } from './index.js';

const token = new Uint8Array(readFileSync(new URL('./testdata/openssl/token-essv1.der', import.meta.url)));

function respond(status: PKIStatus, options: { token?: boolean; failBit?: number; text?: string } = {}): Uint8Array {
  const failInfo =
    options.failBit === undefined
      ? undefined
      : new asn1js.BitString({
          valueHex: Uint8Array.from({ length: (options.failBit >> 3) + 1 }, (_, i) => (i === options.failBit! >> 3 ? 0x80 >> (options.failBit! & 7) : 0)),
          unusedBits: 7 - (options.failBit & 7),
        });
  const response = new TimeStampResp({
    status: new PKIStatusInfo({
      status,
      ...(options.text === undefined ? {} : { statusStrings: [new asn1js.Utf8String({ value: options.text })] }),
      ...(failInfo === undefined ? {} : { failInfo }),
    }),
    ...(options.token === true ? { timeStampToken: ContentInfo.fromBER(token) } : {}),
  });
  return new Uint8Array(response.toSchema().toBER());
}

function codeAndMessage(der: Uint8Array): [string, string] {
  try {
    parseTimestampResponse(der);
  } catch (e) {
    if (isElcError(e)) return [e.code, e.message];
    throw e;
  }
  return ['OK', ''];
}

describe('parseTimestampResponse', () => {
  it('returns the token bytes exactly as sent when granted or grantedWithMods', () => {
    expect([...parseTimestampResponse(respond(PKIStatus.granted, { token: true }))]).toEqual([...token]);
    expect([...parseTimestampResponse(respond(PKIStatus.grantedWithMods, { token: true }))]).toEqual([...token]);
  });

  it('throws TSA_STATUS_REJECTED naming the failure bit and the TSA text', () => {
    const [code, message] = codeAndMessage(respond(PKIStatus.rejection, { failBit: 15, text: 'policy not accepted' }));
    expect(code).toBe(TimestampErrorCode.TSA_STATUS_REJECTED);
    expect(message).toContain('unacceptedPolicy');
    expect(message).toContain('policy not accepted');
    expect(codeAndMessage(respond(PKIStatus.waiting))[0]).toBe(TimestampErrorCode.TSA_STATUS_REJECTED);
  });

  it('throws TSA_MALFORMED for a granted status without a token, garbage and trailing bytes', () => {
    expect(codeAndMessage(respond(PKIStatus.granted))[0]).toBe(TimestampErrorCode.TSA_MALFORMED);
    expect(codeAndMessage(Uint8Array.of(0x30, 0x03, 0x02, 0x01))[0]).toBe(TimestampErrorCode.TSA_MALFORMED);
    expect(codeAndMessage(Uint8Array.of(...respond(PKIStatus.granted, { token: true }), 0))[0]).toBe(TimestampErrorCode.TSA_MALFORMED);
    expect(codeAndMessage(token)[0]).toBe(TimestampErrorCode.TSA_MALFORMED);
  });
});
