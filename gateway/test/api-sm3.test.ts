// A national-crypto deployment (ELC_HASH=sm3): leaf hashes, proofs and checkpoint roots are SM3,
// verified here with core's pure SM3, and a SHA-256 verifier refuses them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogHasher, encodeLeaf, fromBase64, newVerifier, openCheckpoint, parseEvidenceEvent, pureHashProvider, toBase64, verifyInclusion } from '@elc/core';
import { verifyReceipt, type Receipt } from '@elc/core/receipt';
import { makeEvents } from './support/events.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import type { InclusionJson } from './support/verify.js';

describe('gateway with ELC_HASH=sm3', () => {
  let t: TestGateway;
  const origin = 'elc.test/log/sm3';
  beforeAll(async () => {
    t = await startTestGateway({ ELC_HASH: 'sm3', ELC_ORIGIN: origin, ELC_BATCH_MAX_AGE_MS: '10', ELC_CHECKPOINT_INTERVAL_MS: '20' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('returns SM3 leaf hashes, receipts and inclusion proofs that verify with SM3 only', async () => {
    const sm3 = createLogHasher(pureHashProvider('sm3'));
    const sha = createLogHasher(pureHashProvider('sha256'));
    const events = makeEvents(0, 6);
    const r = await t.postEvents({ events }, await t.token('vendor'), '?wait=checkpoint');
    expect(r.status).toBe(200);
    const body = (await r.json()) as { receipts: Receipt[]; checkpoint: string; proofs: InclusionJson[] };
    const vkey = (await (await t.call('/v1/log/key')).text()).trim();
    // receipts: the batch tree is SM3 as well
    for (const rc of body.receipts) {
      verifyReceipt(rc, origin, newVerifier(vkey), sm3);
      expect(() => verifyReceipt(rc, origin, newVerifier(vkey), sha)).toThrow();
    }
    const cp = openCheckpoint(body.checkpoint, [newVerifier(vkey)], { origin }).checkpoint;
    body.proofs.forEach((p, i) => {
      expect(body.receipts[i]?.leafHash).toBe(toBase64(sm3.leafHash(encodeLeaf(parseEvidenceEvent(events[i])))));
      const proof = p.proof.map((h) => fromBase64(h));
      verifyInclusion(sm3, p.index, p.size, fromBase64(p.leafHash), proof, cp.rootHash);
      expect(() => verifyInclusion(sha, p.index, p.size, sha.leafHash(encodeLeaf(parseEvidenceEvent(events[i]))), proof, cp.rootHash)).toThrow();
    });
  });
});
