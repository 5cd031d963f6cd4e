import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProofJson, inclusionProofJson } from './proof-body.js';

// The hot read path sends these texts where Express sends JSON.stringify of the same body.
const base64Hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64'));
const n = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('proof bodies as JSON text', () => {
  it('an inclusion proof body is JSON.stringify of it, byte for byte', () => {
    fc.assert(
      fc.property(n, n, base64Hash, fc.array(base64Hash, { maxLength: 64 }), base64Hash, (index, size, leafHash, proof, rootHash) => {
        const body = { index, size, leafHash, proof, rootHash };
        expect(inclusionProofJson(body)).toBe(JSON.stringify(body));
      }),
    );
  });

  it('a consistency proof body is JSON.stringify of it, byte for byte', () => {
    fc.assert(
      fc.property(n, n, fc.array(base64Hash, { maxLength: 64 }), base64Hash, base64Hash, (from, to, proof, fromRoot, toRoot) => {
        const body = { from, to, proof, fromRoot, toRoot };
        expect(consistencyProofJson(body)).toBe(JSON.stringify(body));
      }),
    );
    expect(consistencyProofJson({ from: 1, to: 1, proof: [], fromRoot: 'a', toRoot: 'a' })).toBe('{"from":1,"to":1,"proof":[],"fromRoot":"a","toRoot":"a"}');
  });
});
