// RFC 3161 §2.4.2 TimeStampResp: check the status, hand back the token.
import * as asn1js from 'asn1js';
import { PKIStatus, TimeStampResp } from 'pkijs';
import { timestampError, TimestampErrorCode } from './errors.js';
import { bytesOf, parseWhole } from './bytes.js';

/** PKIFailureInfo bit names (RFC 3161 §2.4.2), by bit number. */
export const PKI_FAILURE_INFO: Readonly<Record<number, string>> = Object.freeze({
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
});

function failureNames(bits: asn1js.BitString | undefined): string[] {
  if (bits === undefined) return [];
  const view = bits.valueBlock.valueHexView;
  const names: string[] = [];
  for (let bit = 0; bit < view.length * 8; bit++) {
    if (((view[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) names.push(PKI_FAILURE_INFO[bit] ?? `bit${bit}`);
  }
  return names;
}

/**
 * The DER TimeStampToken (a CMS ContentInfo) inside a granted TimeStampResp, byte for byte as the
 * TSA sent it. TSA_STATUS_REJECTED for any other status, TSA_MALFORMED for anything unparseable.
 */
export function parseTimestampResponse(der: Uint8Array): Uint8Array {
  const root = parseWhole(der);
  if (!(root instanceof asn1js.Sequence)) throw timestampError(TimestampErrorCode.TSA_MALFORMED, 'not a TimeStampResp');
  let response: TimeStampResp;
  try {
    response = new TimeStampResp({ schema: root });
  } catch (cause) {
    throw timestampError(TimestampErrorCode.TSA_MALFORMED, 'not a TimeStampResp', { cause });
  }
  const { status, statusStrings, failInfo } = response.status;
  if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods) {
    const text = (statusStrings ?? []).map((s) => s.valueBlock.value).join('; ');
    const failures = failureNames(failInfo);
    throw timestampError(
      TimestampErrorCode.TSA_STATUS_REJECTED,
      `TSA status ${status}${failures.length ? ` (${failures.join(', ')})` : ''}${text ? `: ${text}` : ''}`,
    );
  }
  // The token is the second element of the SEQUENCE; take its original bytes, not a re-encoding.
  const token = root.valueBlock.value[1];
  if (response.timeStampToken === undefined || token === undefined) {
    throw timestampError(TimestampErrorCode.TSA_MALFORMED, 'granted TimeStampResp without a token');
  }
  return bytesOf(token.valueBeforeDecodeView).slice();
}
