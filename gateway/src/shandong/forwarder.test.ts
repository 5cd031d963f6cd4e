import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPiiCipher } from '../pii/index.js';
import type { SdKind, StreamRecord } from './store.js';
import { FORWARD_BATCH_MAX, forwardRequest, nextBatch } from './forwarder.js';

const cipher = createPiiCipher('aes-256-gcm', new Uint8Array(randomBytes(32)));
type Rec = StreamRecord & { id: string };

function rec(seq: number, kind: SdKind, uscc = 'U1'): Rec {
  const id = `sd.${kind}.${seq}`;
  const value = kind === 'units' ? { uscc, unitName: 'x' } : { uscc, item: { contractNo: `C${seq}` } };
  return { seq, id, kind, uscc, region: '370100', acceptedAt: '2026-11-22T00:00:00.000Z', sealed: cipher.seal(`rec:${id}`, value) };
}

describe('nextBatch', () => {
  it('takes consecutive records of one kind and unit, at most 50', () => {
    const many = Array.from({ length: 120 }, (_, i) => rec(i + 1, 'contracts'));
    expect(nextBatch(many)).toHaveLength(FORWARD_BATCH_MAX);
    expect(FORWARD_BATCH_MAX).toBe(50);
    const mixed = [rec(1, 'contracts'), rec(2, 'contracts'), rec(3, 'rescissions'), rec(4, 'contracts')];
    expect(nextBatch(mixed).map((r) => r.seq)).toEqual([1, 2]);
    expect(nextBatch([rec(1, 'contracts', 'U1'), rec(2, 'contracts', 'U2')]).map((r) => r.seq)).toEqual([1]);
    expect(nextBatch([rec(1, 'units'), rec(2, 'units')]).map((r) => r.seq)).toEqual([1]);
    expect(nextBatch([])).toEqual([]);
  });
});

describe('forwardRequest', () => {
  it('rebuilds the spec body from the sealed records, with a key naming exactly those records', () => {
    const batch = [rec(1, 'rescissions'), rec(2, 'rescissions')];
    const r = forwardRequest(batch, cipher);
    expect(r.path).toBe('/v1/sd/rescissions');
    expect(r.body).toEqual({ uscc: 'U1', rescissions: [{ contractNo: 'C1' }, { contractNo: 'C2' }] });
    expect(forwardRequest(batch, cipher).key).toBe(r.key);
    expect(forwardRequest(batch.slice(0, 1), cipher).key).not.toBe(r.key);
    expect(forwardRequest([rec(7, 'units')], cipher)).toMatchObject({ path: '/v1/sd/units', body: { uscc: 'U1', unitName: 'x' } });
  });
});
