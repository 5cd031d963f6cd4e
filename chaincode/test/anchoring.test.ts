// AnchorCheckpoint and the anchor queries through the real contract router, with real
// checkpoints and RFC 9162 consistency proofs from core.
import { generateSm2Key, newSigner, signNote } from '@elc/core';
import type { NoteKeyPair } from '@elc/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { ok, refused } from './support/harness.js';
import type { ContractHarness } from './support/harness.js';
import { ids } from './support/identities.js';
import { bootstrappedHarness } from './support/orgs.js';
import { TestLog, logKey } from './support/test-log.js';

interface AnchorJson {
  origin: string;
  size: number;
  rootHash: string;
  note: string;
  keyId: string;
  txId: string;
  timestamp: string;
  mspId: string;
}

const ORIGIN = 'elc.example/log/shandong';
let h: ContractHarness;
let log: TestLog;
let key: NoteKeyPair;

beforeEach(async () => {
  h = await bootstrappedHarness({ start: new Date('2026-03-01T08:00:00.000Z') });
  log = new TestLog(ORIGIN);
  key = logKey(ORIGIN);
  ok(await h.submit(ids.bureau, 'RegisterLog', ORIGIN, key.vkey, 'sha256', '370000'));
});

function anchor(who = ids.bureau, size = 5, from?: number) {
  return h.submit(who, 'AnchorCheckpoint', ORIGIN, log.checkpoint(size, key), from === undefined ? '[]' : log.proof(from, size));
}

describe('AnchorCheckpoint', () => {
  it('stores the first checkpoint with tx id, tx time and submitter, and emits it', async () => {
    const r = await anchor(ids.bureau, 5);
    const a = ok<AnchorJson>(r);
    expect(a).toEqual({
      origin: ORIGIN,
      size: 5,
      rootHash: Buffer.from(log.root(5)).toString('base64'),
      note: log.checkpoint(5, key),
      keyId: key.vkey.split('+')[1],
      txId: r.txId,
      timestamp: '2026-03-01T08:00:01.000Z',
      mspId: 'BureauMSP',
    });
    expect(r.event).toEqual({ name: 'elc.anchor', payload: a });
    expect(ok(await h.evaluate(ids.arbitration, 'GetLatestAnchor', ORIGIN))).toEqual(a);
    expect(ok(await h.evaluate(ids.regulator, 'GetAnchor', ORIGIN, '5'))).toEqual(a);
  });

  it('accepts a larger checkpoint with a valid consistency proof, from a vendor of the region', async () => {
    ok(await anchor(ids.bureau, 5));
    for (const [from, to] of [[5, 8], [8, 13], [13, 64]] as const) {
      const a = ok<AnchorJson>(await anchor(ids.vendorShandong, to, from));
      expect([a.size, a.mspId]).toEqual([to, 'VendorMSP']);
    }
    expect(ok<AnchorJson>(await h.evaluate(ids.regulator, 'GetLatestAnchor', ORIGIN)).size).toBe(64);
  });

  it('is idempotent for the same size and root: the stored record, no write, no event', async () => {
    const first = ok<AnchorJson>(await anchor(ids.bureau, 5));
    const again = await anchor(ids.bureau, 5);
    expect(ok(again)).toEqual(first);
    expect(again.writtenKeys).toEqual([]);
    expect(again.event).toBeUndefined();
    ok(await anchor(ids.bureau, 9, 5));
    // an older anchored checkpoint replayed is the same record too
    expect(ok(await anchor(ids.bureau, 5))).toEqual(first);
  });

  it('refuses a forked checkpoint of an anchored size: ANCHOR_FORK_SAME_SIZE', async () => {
    ok(await anchor(ids.bureau, 9));
    const fork = new TestLog(ORIGIN, 'sha256', 'fork');
    const r = await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, fork.checkpoint(9, key), '[]');
    expect(refused(r)).toMatchObject({ code: 'ANCHOR_FORK_SAME_SIZE', field: 'note' });
    expect(r.committed).toBe(false);
    // also for an older anchored size
    ok(await anchor(ids.bureau, 12, 9));
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, fork.checkpoint(9, key), '[]')).code).toBe('ANCHOR_FORK_SAME_SIZE');
  });

  it('refuses a larger checkpoint of a forked log, whatever proof comes with it: ANCHOR_INCONSISTENT', async () => {
    ok(await anchor(ids.bureau, 5));
    const fork = new TestLog(ORIGIN, 'sha256', 'fork');
    // the fork's own honest proof, and the main log's proof for the same sizes
    for (const proof of [fork.proof(5, 9), log.proof(5, 9)]) {
      expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, fork.checkpoint(9, key), proof))).toMatchObject({
        code: 'ANCHOR_INCONSISTENT',
        field: 'consistencyProof',
      });
    }
    expect(ok<AnchorJson>(await h.evaluate(ids.bureau, 'GetLatestAnchor', ORIGIN)).size).toBe(5);
  });

  it.each([
    ['an empty proof', () => '[]'],
    ['a proof for other sizes', () => log.proof(4, 9)],
    ['a proof with one hash flipped', () => JSON.stringify((JSON.parse(log.proof(5, 9)) as string[]).map((b, i) => (i === 0 ? Buffer.from(Buffer.from(b, 'base64').map((x) => x ^ 1)).toString('base64') : b)))],
    ['a proof with an extra hash', () => JSON.stringify([...(JSON.parse(log.proof(5, 9)) as string[]), Buffer.alloc(32).toString('base64')])],
  ])('refuses %s: ANCHOR_INCONSISTENT', async (_what, proof) => {
    ok(await anchor(ids.bureau, 5));
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, log.checkpoint(9, key), proof())).code).toBe('ANCHOR_INCONSISTENT');
  });

  it('refuses a checkpoint smaller than the latest that was never anchored: ANCHOR_SHRINKS', async () => {
    ok(await anchor(ids.bureau, 9));
    expect(refused(await anchor(ids.bureau, 7))).toMatchObject({ code: 'ANCHOR_SHRINKS' });
  });

  it('refuses a checkpoint signed by another key: CHECKPOINT_BAD_SIGNATURE', async () => {
    const other = logKey(ORIGIN);
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, log.checkpoint(5, other), '[]'))).toMatchObject({ code: 'CHECKPOINT_BAD_SIGNATURE', field: 'note' });
  });

  it('refuses a checkpoint whose body was altered after signing', async () => {
    const note = log.checkpoint(5, key).replace(/^(.*\n)5\n/, '$16\n');
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, note, '[]')).code).toBe('CHECKPOINT_BAD_SIGNATURE');
  });

  it("refuses a checkpoint of another origin signed with the log's key: CHECKPOINT_ORIGIN_MISMATCH", async () => {
    const note = log.checkpoint(5, key, 'elc.example/log/elsewhere');
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, note, '[]')).code).toBe('CHECKPOINT_ORIGIN_MISMATCH');
  });

  it.each([
    ['text that is no note', () => 'hello'],
    ['a signed note whose body is no checkpoint', () => signNote(`${ORIGIN}\nnot a size\n`, [newSigner(key.skey)])],
    ['an empty note', () => ''],
  ])('refuses %s: CHECKPOINT_MALFORMED', async (_what, note) => {
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, note(), '[]')).code).toBe('CHECKPOINT_MALFORMED');
  });

  it.each([
    ['not JSON', 'nope'],
    ['not an array', '{}'],
    ['a hash that is not base64 of 32 bytes', '["AAAA"]'],
    ['a number', '[1]'],
  ])('refuses a consistency proof that is %s: INVALID_ARGUMENT', async (_what, proof) => {
    ok(await anchor(ids.bureau, 5));
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, log.checkpoint(9, key), proof))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('takes only an empty proof for the first anchor', async () => {
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, log.checkpoint(9, key), log.proof(5, 9)))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'consistencyProof',
    });
  });

  it('refuses an unregistered origin: LOG_UNKNOWN', async () => {
    const other = new TestLog('elc.example/log/unknown');
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', other.origin, other.checkpoint(5, key), '[]')).code).toBe('LOG_UNKNOWN');
  });

  it.each([
    ['arbitration', ids.arbitration, 'ACCESS_DENIED'],
    ['regulator', ids.regulator, 'ACCESS_DENIED'],
    ['a vendor of a city inside the region of a province-wide log', ids.vendorJinan, 'REGION_DENIED'],
    ['a vendor certificate for another province than its org is bound to', ids.vendorBeijing, 'REGION_OUTSIDE_ORG'],
    ["a bureau certificate from the vendor org's CA", ids.vendorClaimsBureau, 'ROLE_NOT_ALLOWED_FOR_ORG'],
    ['a vendor of an unregistered org', ids.otherVendor, 'ORG_UNKNOWN'],
  ])('is refused to %s', async (_who, who, code) => {
    const r = await anchor(who, 5);
    expect(refused(r).code).toBe(code);
    expect(r.committed).toBe(false);
  });

  it('after a key rotation: new checkpoints need the new key; an anchored old one still replays', async () => {
    const first = ok<AnchorJson>(await anchor(ids.bureau, 5));
    const k2 = logKey(ORIGIN);
    const rotated = ok<{ keys: { sinceSize: number }[] }>(await h.submit(ids.bureau, 'RotateLogKey', ORIGIN, k2.vkey));
    expect(rotated.keys.map((k) => k.sinceSize)).toEqual([0, 5]);
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, log.checkpoint(9, key), log.proof(5, 9))).code).toBe('CHECKPOINT_BAD_SIGNATURE');
    expect(ok(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, log.checkpoint(5, key), '[]'))).toEqual(first);
    const a = ok<AnchorJson>(await h.submit(ids.bureau, 'AnchorCheckpoint', ORIGIN, log.checkpoint(9, k2), log.proof(5, 9)));
    expect(a.keyId).toBe(k2.vkey.split('+')[1]);
  });

  it('anchors an SM3 log signed with SM2', async () => {
    const origin = 'elc.example/log/sm';
    const smLog = new TestLog(origin, 'sm3');
    const smKey = generateSm2Key(origin);
    ok(await h.submit(ids.bureau, 'RegisterLog', origin, smKey.vkey, 'sm3', '370000'));
    ok(await h.submit(ids.bureau, 'AnchorCheckpoint', origin, smLog.checkpoint(6, smKey), '[]'));
    ok(await h.submit(ids.bureau, 'AnchorCheckpoint', origin, smLog.checkpoint(11, smKey), smLog.proof(6, 11)));
    // a SHA-256 tree under the same sizes is not this log
    const shaTree = new TestLog(origin, 'sha256');
    expect(refused(await h.submit(ids.bureau, 'AnchorCheckpoint', origin, shaTree.checkpoint(20, smKey), shaTree.proof(11, 20))).code).toBe('ANCHOR_INCONSISTENT');
  });

  it('accepts the empty tree first, then grows from it', async () => {
    ok(await anchor(ids.bureau, 0));
    ok(await anchor(ids.bureau, 3, 0));
  });
});

describe('anchor queries', () => {
  it('GetAnchor: ANCHOR_UNKNOWN for a size never anchored, INVALID_ARGUMENT for a bad size', async () => {
    ok(await anchor(ids.bureau, 5));
    expect(refused(await h.evaluate(ids.regulator, 'GetAnchor', ORIGIN, '6')).code).toBe('ANCHOR_UNKNOWN');
    for (const size of ['-1', '05', '1e3', '', '9007199254740993']) {
      expect(refused(await h.evaluate(ids.regulator, 'GetAnchor', ORIGIN, size))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'size' });
    }
  });

  it('GetLatestAnchor: ANCHOR_UNKNOWN before the first anchor, LOG_UNKNOWN for an unknown origin', async () => {
    expect(refused(await h.evaluate(ids.regulator, 'GetLatestAnchor', ORIGIN)).code).toBe('ANCHOR_UNKNOWN');
    expect(refused(await h.evaluate(ids.regulator, 'GetLatestAnchor', 'elc.example/nope')).code).toBe('LOG_UNKNOWN');
  });

  it('ListAnchors pages through the anchors in size order (sizes ordered numerically, not as text)', async () => {
    const sizes = [2, 9, 10, 64];
    let prev: number | undefined;
    for (const s of sizes) {
      ok(await anchor(ids.bureau, s, prev));
      prev = s;
    }
    const seen: number[] = [];
    let bookmark = '';
    let pages = 0;
    do {
      const page = ok<{ anchors: AnchorJson[]; bookmark: string }>(await h.evaluate(ids.arbitration, 'ListAnchors', ORIGIN, '3', bookmark));
      seen.push(...page.anchors.map((a) => a.size));
      bookmark = page.bookmark;
      pages++;
    } while (bookmark !== '' && pages < 10);
    expect(seen).toEqual(sizes);
    expect(pages).toBe(2);
  });

  it('ListAnchors refuses a bad page size and a bookmark it did not hand out', async () => {
    for (const pageSize of ['0', '101', 'x', '']) {
      expect(refused(await h.evaluate(ids.regulator, 'ListAnchors', ORIGIN, pageSize, ''))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'pageSize' });
    }
    expect(refused(await h.evaluate(ids.regulator, 'ListAnchors', ORIGIN, '10', '\u0000elc.contract\u0000'))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'bookmark' });
  });

  it('does not list the anchors of an origin that merely starts the same', async () => {
    const longer = `${ORIGIN}-2`;
    const k = logKey(longer);
    const other = new TestLog(longer);
    ok(await h.submit(ids.bureau, 'RegisterLog', longer, k.vkey, 'sha256', '370000'));
    ok(await h.submit(ids.bureau, 'AnchorCheckpoint', longer, other.checkpoint(4, k), '[]'));
    ok(await anchor(ids.bureau, 5));
    const page = ok<{ anchors: AnchorJson[] }>(await h.evaluate(ids.regulator, 'ListAnchors', ORIGIN, '10', ''));
    expect(page.anchors.map((a) => [a.origin, a.size])).toEqual([[ORIGIN, 5]]);
  });
});
