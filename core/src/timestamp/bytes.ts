// Byte plumbing between core's Uint8Array API and asn1js/pkijs (which want ArrayBuffer-backed views).
import * as asn1js from 'asn1js';

/** A copy backed by its own ArrayBuffer: pkijs and WebCrypto take BufferSource, not SharedArrayBuffer views. */
export function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

export function bytesOf(buffer: ArrayBuffer | ArrayBufferView): Uint8Array {
  return buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Drops leading zero octets: INTEGER values (nonces, serials) compare by magnitude. */
export function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/**
 * A non-negative INTEGER whose magnitude is `bytes` (big-endian): minimal DER content, with a
 * 0x00 octet in front when the top bit is set so that the value stays positive (X.690 §8.3).
 */
export function unsignedInteger(bytes: Uint8Array): asn1js.Integer {
  const magnitude = stripLeadingZeros(bytes);
  const content = (magnitude[0] ?? 0) & 0x80 ? Uint8Array.of(0, ...magnitude) : Uint8Array.from(magnitude);
  return new asn1js.Integer({ valueHex: content.length === 0 ? new Uint8Array(1) : content });
}

/** Parses exactly one BER element that spans all of `der`; undefined on any error or trailing bytes. */
export function parseWhole(der: Uint8Array): asn1js.AsnType | undefined {
  const parsed = asn1js.fromBER(ownBytes(der));
  if (parsed.offset === -1 || parsed.offset !== der.length) return undefined;
  return parsed.result;
}
