// Personal data at rest: an AEAD over the clear JSON of a record. AES-256-GCM through node:crypto
// (OpenSSL) by default; SM4-GCM for national-crypto deployments through sm-crypto-v2, because
// this Node's OpenSSL offers sm4 only in CBC/CFB/CTR/ECB/OFB, not GCM. The record id is the
// associated data, so a sealed value copied under another record's key does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { sm4 } from 'sm-crypto-v2';
import { ElcError } from '@elc/core';

export const PII_ALGS = ['aes-256-gcm', 'sm4-gcm'] as const;
export type PiiAlg = (typeof PII_ALGS)[number];

/** What is stored for one record: algorithm, key id, nonce, ciphertext and tag (base64). */
export interface SealedRecord {
  readonly alg: PiiAlg;
  readonly kid: string;
  readonly nonce: string;
  readonly ct: string;
  readonly tag: string;
}

export interface PiiCipher {
  readonly alg: PiiAlg;
  /** 8 hex digits naming the data key (a hash of it), stored with every record */
  readonly kid: string;
  seal(recordId: string, value: unknown): SealedRecord;
  /** PII_OPEN_FAILED when the key, the record id or the bytes do not match */
  open(recordId: string, sealed: SealedRecord): unknown;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function createPiiCipher(alg: PiiAlg, dataKey: Uint8Array): PiiCipher {
  if (dataKey.length < 32) throw new ElcError('PII_SECRET_INVALID', 'the personal-data key must be 32 bytes');
  // SM4 keys are 128 bits: the first 16 bytes of the data key.
  const key = alg === 'aes-256-gcm' ? Buffer.from(dataKey.subarray(0, 32)) : Buffer.from(dataKey.subarray(0, 16));
  const kid = createHash('sha256').update('elc-pii-kid/v1').update(key).digest('hex').slice(0, 8);
  const encrypt = alg === 'aes-256-gcm' ? aesSeal : sm4Seal;
  const decrypt = alg === 'aes-256-gcm' ? aesOpen : sm4Open;
  return {
    alg,
    kid,
    seal(recordId, value) {
      const nonce = randomBytes(NONCE_BYTES);
      const aad = Buffer.from(recordId, 'utf8');
      const { ct, tag } = encrypt(key, nonce, aad, Buffer.from(JSON.stringify(value), 'utf8'));
      return { alg, kid, nonce: nonce.toString('base64'), ct: ct.toString('base64'), tag: tag.toString('base64') };
    },
    open(recordId, sealed) {
      if (sealed.alg !== alg || sealed.kid !== kid) {
        throw new ElcError('PII_OPEN_FAILED', `record sealed with ${sealed.alg}/${sealed.kid}, this gateway has ${alg}/${kid}`);
      }
      try {
        const clear = decrypt(key, Buffer.from(sealed.nonce, 'base64'), Buffer.from(recordId, 'utf8'), Buffer.from(sealed.ct, 'base64'), Buffer.from(sealed.tag, 'base64'));
        return JSON.parse(clear.toString('utf8')) as unknown;
      } catch (e) {
        throw new ElcError('PII_OPEN_FAILED', 'the sealed record does not open under this key and record id', { cause: e });
      }
    },
  };
}

function aesSeal(key: Buffer, nonce: Buffer, aad: Buffer, clear: Buffer): { ct: Buffer; tag: Buffer } {
  const c = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(clear), c.final()]);
  return { ct, tag: c.getAuthTag() };
}

function aesOpen(key: Buffer, nonce: Buffer, aad: Buffer, ct: Buffer, tag: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  d.setAAD(aad);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(ct), d.final()]);
}

function sm4Seal(key: Buffer, nonce: Buffer, aad: Buffer, clear: Buffer): { ct: Buffer; tag: Buffer } {
  const r = sm4.encrypt(clear, key, { mode: 'gcm', iv: nonce, associatedData: aad, output: 'array', outputTag: true });
  if (r.tag === undefined) throw new ElcError('PII_SEAL_FAILED', 'SM4-GCM returned no tag');
  return { ct: Buffer.from(r.output), tag: Buffer.from(r.tag) };
}

function sm4Open(key: Buffer, nonce: Buffer, aad: Buffer, ct: Buffer, tag: Buffer): Buffer {
  if (tag.length !== TAG_BYTES) throw new Error('bad tag length');
  return Buffer.from(sm4.decrypt(ct, key, { mode: 'gcm', iv: nonce, associatedData: aad, tag, output: 'array' }));
}
