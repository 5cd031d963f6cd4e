import { describe, expect, it } from 'vitest';
import { isElcError } from '../errors.js';
import { derToPem, pemToDer, pemToDerAll } from './index.js';

const der = Uint8Array.from({ length: 100 }, (_, i) => (i * 37) & 0xff);

function code(call: () => unknown): string | undefined {
  try {
    call();
  } catch (e) {
    return isElcError(e) ? e.code : 'not ElcError';
  }
  return undefined;
}

describe('PEM', () => {
  it('round-trips with 64-character lines and the label', () => {
    const pem = derToPem(der);
    expect(pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
    expect(pem.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
    expect(pem.split('\n').every((line) => line.length <= 64)).toBe(true);
    expect([...pemToDer(pem)]).toEqual([...der]);
    expect([...pemToDer(derToPem(der, 'PRIVATE KEY'), 'PRIVATE KEY')]).toEqual([...der]);
  });

  it('reads every block with the label from a bundle, ignoring text between and CRLF', () => {
    const other = der.slice(0, 10);
    const bundle = `root one\r\n${derToPem(der).replace(/\n/g, '\r\n')}junk\n${derToPem(other, 'PRIVATE KEY')}${derToPem(other)}`;
    expect(pemToDerAll(bundle).map((d) => d.length)).toEqual([100, 10]);
    expect(code(() => pemToDer(bundle))).toBe('ENCODING_INVALID_PEM');
  });

  it('rejects absent blocks, mismatched labels, bad base64 and empty input', () => {
    expect(code(() => pemToDer('no pem here'))).toBe('ENCODING_INVALID_PEM');
    expect(code(() => pemToDer(derToPem(der).replace('END CERTIFICATE', 'END X509 CRL')))).toBe('ENCODING_INVALID_PEM');
    expect(code(() => pemToDer('-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n'))).toBe('ENCODING_INVALID_BASE64');
    expect(code(() => derToPem(new Uint8Array(0)))).toBe('ENCODING_INVALID_PEM');
    expect(code(() => derToPem(der, 'bad--label'))).toBe('ENCODING_INVALID_PEM');
  });
});
