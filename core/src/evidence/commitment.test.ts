import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WORKER_COMMITMENT_PATTERN } from './fields.js';
import { syntheticCitizenId } from './fixtures.test-support.js';
import { normaliseIdNumber, workerCommitment } from './commitment.js';

const secret = Uint8Array.from({ length: 32 }, (_, i) => i);
// Synthetic: region 110101, birth date 2000-01-01, sequence 000.
const idX = (() => {
  for (let seq = 0; seq < 1000; seq++) {
    const id = syntheticCitizenId(`11010120000101${String(seq).padStart(3, '0')}`);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X check digit');
})();

describe('workerCommitment', () => {
  it('is HMAC-SHA256 over the JCS array [domain, idType, idNumber] (checked with node:crypto)', () => {
    const expected = createHmac('sha256', secret).update(`["elc-worker-commitment/v1","01","${idX}"]`, 'utf8').digest('hex');
    const c = workerCommitment(secret, '01', idX);
    expect(c).toBe(`hmac-sha256:${expected}`);
    expect(WORKER_COMMITMENT_PATTERN.test(c)).toBe(true);
  });

  it('normalises the ID number: lower-case x and surrounding space commit like the canonical form', () => {
    expect(normaliseIdNumber(` ${idX.toLowerCase()} `)).toBe(idX);
    expect(workerCommitment(secret, '01', ` ${idX.toLowerCase()}`)).toBe(workerCommitment(secret, '01', idX));
  });

  it('separates ID types, secrets and framings', () => {
    const a = workerCommitment(secret, '01', idX);
    expect(workerCommitment(secret, '02', idX)).not.toBe(a);
    expect(workerCommitment(secret.map((b) => b ^ 1), '01', idX)).not.toBe(a);
    // "01"+"23" and "012"+"3" concatenate alike; the framing keeps them apart.
    expect(workerCommitment(secret, '01', '23')).not.toBe(workerCommitment(secret, '012', '3'));
  });

  it('refuses short secrets and malformed ID types and numbers', () => {
    const bad = (f: () => unknown, field: string) => expect(f).toThrow(expect.objectContaining({ code: 'EVIDENCE_COMMITMENT_INPUT', field }) as Error);
    bad(() => workerCommitment(secret.subarray(0, 15), '01', idX), 'secret');
    bad(() => workerCommitment(secret, '', idX), 'idType');
    bad(() => workerCommitment(secret, '0 1', idX), 'idType');
    bad(() => workerCommitment(secret, '01', ''), 'idNumber');
    bad(() => workerCommitment(secret, '01', '1101 0120'), 'idNumber');
    bad(() => workerCommitment(secret, '01', 'A'.repeat(33)), 'idNumber');
    expect(workerCommitment(secret.subarray(0, 16), '01', idX)).toMatch(WORKER_COMMITMENT_PATTERN);
  });
});
