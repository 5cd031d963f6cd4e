/**
 * The log key as a signer over node:crypto: core's pure-JS Ed25519 takes over a millisecond a
 * signature here, node:crypto ~40 us. The log key signs one receipt batch per sequencer flush
 * (@elc/core/receipt) and the checkpoints, on the event loop. Ed25519 (RFC 8032) is deterministic: the
 * signatures are byte-identical to core's, which the tests and a start-up probe check.
 */
import { fromBase64, newSigner, SIGNATURE_TYPE_ED25519, utf8 } from '@elc/core';
import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import type { LogSigner } from './types.js';

/** RFC 8410 PKCS#8 prefix of an Ed25519 private key: the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/** A signer for a C2SP note skey: node:crypto for Ed25519 keys, core's signer for the others (SM2). */
export function nativeLogSigner(skey: string): LogSigner {
  const core = newSigner(skey); // validates the key text, its name and key ID
  const pkcs8 = ed25519Pkcs8(skey);
  if (pkcs8 === undefined) return core;
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const native: LogSigner = {
    name: core.name,
    keyId: core.keyId,
    sign: (msg) => toBytes(cryptoSign(null, msg, key)),
  };
  // Refuse to diverge from core: a probe signature must match byte for byte.
  const probe = utf8('elc native signer probe');
  const a = native.sign(probe);
  const b = core.sign(probe);
  return a.length === b.length && a.every((x, i) => x === b[i]) ? native : core;
}

/** The PKCS#8 DER of an Ed25519 skey's seed, or undefined for another key type. */
function ed25519Pkcs8(skey: string): Uint8Array | undefined {
  // PRIVATE+KEY+<name>+<key id>+<base64(type || seed)>; the base64 itself may contain '+'.
  const parts = skey.trim().split('+');
  if (parts.length < 5) return undefined;
  const payload = fromBase64(parts.slice(4).join('+'));
  if (payload[0] !== SIGNATURE_TYPE_ED25519 || payload.length !== 33) return undefined;
  const der = new Uint8Array(ED25519_PKCS8_PREFIX.length + 32);
  der.set(ED25519_PKCS8_PREFIX);
  der.set(payload.subarray(1), ED25519_PKCS8_PREFIX.length);
  return der;
}

function toBytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

