/**
 * The log key as a signer that does not stall the event loop. Every appended entry gets a signed
 * receipt, so signing is on the write path: core's pure-JS Ed25519 takes milliseconds a
 * signature here, node:crypto a few percent of that. Batches are signed on a worker thread
 * (sign-worker.ts), single messages in the libuv thread pool, so reads keep flowing while a batch
 * is signed. Ed25519 (RFC 8032) is deterministic: the signatures are byte-identical to core's,
 * which the tests check.
 */
import { fromBase64, newSigner, SIGNATURE_TYPE_ED25519, utf8 } from '@elc/core';
import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { createSignWorker } from './sign-worker.js';
import type { LogSigner } from './types.js';

/** RFC 8410 PKCS#8 prefix of an Ed25519 private key: the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/**
 * A signer for a C2SP note skey: node:crypto for Ed25519 keys (batches on a worker thread unless
 * `worker: false`), core's signer for the others (SM2). Call `close()` when done with it.
 */
export function nativeLogSigner(skey: string, options: { worker?: boolean } = {}): LogSigner {
  const core = newSigner(skey); // validates the key text, its name and key ID
  const pkcs8 = ed25519Pkcs8(skey);
  if (pkcs8 === undefined) return core;
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const signAsync = (msg: Uint8Array): Promise<Uint8Array> =>
    new Promise((resolve, reject) => {
      cryptoSign(null, msg, key, (err, sig) => (err ? reject(err) : resolve(toBytes(sig))));
    });
  const inPool = (msgs: readonly Uint8Array[]): Promise<Uint8Array[]> => signAll({ ...core, signAsync }, msgs);
  const batch = options.worker === false ? undefined : createSignWorker(pkcs8, inPool);
  const native: LogSigner = {
    name: core.name,
    keyId: core.keyId,
    sign: (msg) => toBytes(cryptoSign(null, msg, key)),
    signAsync,
    ...(batch === undefined ? {} : { signBatch: (msgs: readonly Uint8Array[]) => batch.signBatch(msgs), close: () => batch.close() }),
  };
  // Refuse to diverge from core: a probe signature must match byte for byte.
  const probe = utf8('elc native signer probe');
  const a = native.sign(probe);
  const b = core.sign(probe);
  if (a.length === b.length && a.every((x, i) => x === b[i])) return native;
  void batch?.close();
  return core;
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

/**
 * Signs many messages: as one batch when the signer can (a worker thread), else message by
 * message in the thread pool when it can, else synchronously. The last two in
 * slices with a yield to the event loop between them: even queueing a thread-pool signature costs
 * the main thread a fraction of signing, and reads must not wait behind a whole batch of it.
 */
export async function signAll(signer: LogSigner, msgs: readonly Uint8Array[]): Promise<Uint8Array[]> {
  if (signer.signBatch !== undefined) return signer.signBatch(msgs);
  const { signAsync } = signer;
  const slice = signAsync === undefined ? SYNC_SLICE : ASYNC_SLICE;
  const out: Promise<Uint8Array>[] = [];
  for (let i = 0; i < msgs.length; i++) {
    if (i > 0 && i % slice === 0) await new Promise((r) => setImmediate(r));
    const m = msgs[i] as Uint8Array;
    out.push(signAsync === undefined ? Promise.resolve(signer.sign(m)) : signAsync(m));
  }
  return Promise.all(out);
}

/** Signatures between yields to the event loop: synchronous ones, and thread-pool ones queued. */
const SYNC_SLICE = 16;
const ASYNC_SLICE = 32;
