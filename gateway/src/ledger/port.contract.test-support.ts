/**
 * The ledger-port contract suite: every behaviour the gateway relies on, run against any
 * LedgerPort factory (the embedded ledger here; the Fabric adapter against its test server).
 * Named *.test-support.ts so the build leaves it (and vitest) out of dist.
 */
import { isElcError } from '@elc/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEDGER_ERROR_HTTP_STATUS, isLedgerRefusal } from './errors.js';
import type { LedgerEvent, LedgerPort, RegisterLogInput } from './port.js';
import { EMPLOYER, TestLog, conclude, docHash, renew, rescind } from './test-log.test-support.js';

export interface PortUnderTest {
  readonly port: LedgerPort;
  /** removes what the factory made (after port.close()) */
  cleanup(): Promise<void>;
}

/** The port must act as a bureau of region 370000 (Shandong): it registers logs and records transitions there. */
export type PortFactory = () => Promise<PortUnderTest>;

async function refusal(p: Promise<unknown>): Promise<{ code: string; field: string | undefined; index: number | undefined; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    if (!isLedgerRefusal(e)) throw e;
    expect(e.ledger).toBe(true);
    expect(isElcError(e)).toBe(true);
    return { code: e.code, field: e.field, index: e.index, status: LEDGER_ERROR_HTTP_STATUS[e.code] };
  }
  throw new Error('expected a refusal, the ledger accepted');
}

/** Reads events from `from` until `count` arrived, then stops the iteration. */
async function takeEvents(port: LedgerPort, from: number, count: number): Promise<LedgerEvent[]> {
  const out: LedgerEvent[] = [];
  const stop = new AbortController();
  for await (const e of port.events(from, { signal: stop.signal })) {
    out.push(e);
    if (out.length === count) stop.abort();
  }
  return out;
}

export function ledgerPortContract(name: string, factory: PortFactory): void {
  describe(`LedgerPort contract: ${name}`, () => {
    let sut: PortUnderTest;
    let port: LedgerPort;
    let log: TestLog;
    let reg: RegisterLogInput;

    beforeEach(async () => {
      sut = await factory();
      port = sut.port;
      log = new TestLog('elc.example/log/contract-suite');
      reg = { origin: log.origin, vkey: log.key.vkey, hashAlg: 'sha256', region: '370000' };
    });

    afterEach(async () => {
      await port.close();
      await sut.cleanup();
    });

    describe('log registry', () => {
      it('registers a log once; the same registration again creates nothing; ensureLogRegistered returns it', async () => {
        expect(await port.getLog(log.origin)).toBeUndefined();
        const first = await port.registerLog(reg);
        expect(first.created).toBe(true);
        expect(first.log).toMatchObject({ origin: log.origin, hashAlg: 'sha256', region: '370000', mspId: port.mspId });
        expect(first.log.keys.map((k) => k.vkey)).toEqual([log.key.vkey]);
        const again = await port.registerLog(reg);
        expect(again).toEqual({ log: first.log, created: false });
        expect(await port.ensureLogRegistered(reg)).toEqual(first.log);
        expect(await port.getLog(log.origin)).toEqual(first.log);
      });

      it('ensureLogRegistered registers an unknown log', async () => {
        const got = await port.ensureLogRegistered(reg);
        expect(got.origin).toBe(log.origin);
        expect(await port.getLog(log.origin)).toEqual(got);
      });

      it('refuses another key (LOG_EXISTS) or another hash algorithm (HASH_ALG_MISMATCH) for a registered origin', async () => {
        await port.registerLog(reg);
        const other = new TestLog(log.origin);
        expect(await refusal(port.registerLog({ ...reg, vkey: other.key.vkey }))).toMatchObject({ code: 'LOG_EXISTS', status: 409 });
        expect(await refusal(port.ensureLogRegistered({ ...reg, hashAlg: 'sm3' }))).toMatchObject({ code: 'HASH_ALG_MISMATCH', field: 'hashAlg', status: 409 });
        expect(await refusal(port.registerLog({ ...reg, origin: 'elc.example/other', region: '99' }))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'region', status: 400 });
      });
    });

    describe('anchors', () => {
      beforeEach(async () => {
        await port.registerLog(reg);
      });

      it('anchors a first checkpoint: channel, tx id, block, size, root, time, note', async () => {
        expect(await port.getLatestAnchor(log.origin)).toBeUndefined();
        const a = await port.anchorCheckpoint(log.origin, log.checkpoint(5), []);
        expect(a).toMatchObject({ channel: port.channel, origin: log.origin, size: 5, rootHash: log.rootB64(5), note: log.checkpoint(5), mspId: port.mspId });
        expect(a.txId).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isSafeInteger(a.blockNumber) && a.blockNumber >= 0).toBe(true);
        expect(Number.isNaN(Date.parse(a.txTime))).toBe(false);
        expect(await port.getAnchor(log.origin, 5)).toEqual(a);
        expect(await port.getLatestAnchor(log.origin)).toEqual(a);
        expect(await port.getAnchor(log.origin, 6)).toBeUndefined();
      });

      it('anchors larger checkpoints with real consistency proofs from the last anchored size, in later blocks', async () => {
        let prev = await port.anchorCheckpoint(log.origin, log.checkpoint(5), []);
        for (const [from, to] of [[5, 8], [8, 13], [13, 64]] as const) {
          const a = await port.anchorCheckpoint(log.origin, log.checkpoint(to), log.proof(from, to));
          expect([a.size, a.rootHash]).toEqual([to, log.rootB64(to)]);
          expect(a.blockNumber).toBeGreaterThan(prev.blockNumber);
          prev = a;
        }
        expect((await port.getLatestAnchor(log.origin))?.size).toBe(64);
      });

      it('is idempotent: the same checkpoint again returns the stored anchor (same tx, same block)', async () => {
        const first = await port.anchorCheckpoint(log.origin, log.checkpoint(9), []);
        expect(await port.anchorCheckpoint(log.origin, log.checkpoint(9), [])).toEqual(first);
        await port.anchorCheckpoint(log.origin, log.checkpoint(12), log.proof(9, 12));
        expect(await port.anchorCheckpoint(log.origin, log.checkpoint(9), [])).toEqual(first);
      });

      it('refuses a fork of an anchored size (ANCHOR_FORK_SAME_SIZE) and a larger checkpoint of a forked log (ANCHOR_INCONSISTENT)', async () => {
        await port.anchorCheckpoint(log.origin, log.checkpoint(9), []);
        const fork = log.fork();
        expect(await refusal(port.anchorCheckpoint(log.origin, fork.checkpoint(9), []))).toMatchObject({ code: 'ANCHOR_FORK_SAME_SIZE', field: 'note', status: 409 });
        for (const proof of [fork.proof(9, 20), log.proof(9, 20)]) {
          expect(await refusal(port.anchorCheckpoint(log.origin, fork.checkpoint(20), proof))).toMatchObject({ code: 'ANCHOR_INCONSISTENT', status: 409 });
        }
        expect(await refusal(port.anchorCheckpoint(log.origin, log.checkpoint(20), []))).toMatchObject({ code: 'ANCHOR_INCONSISTENT' });
        expect((await port.getLatestAnchor(log.origin))?.size).toBe(9);
        expect(await port.getAnchor(log.origin, 20)).toBeUndefined();
      });

      it('refuses a shrinking checkpoint, another key, an unknown log', async () => {
        await port.anchorCheckpoint(log.origin, log.checkpoint(9), []);
        expect((await refusal(port.anchorCheckpoint(log.origin, log.checkpoint(7), []))).code).toBe('ANCHOR_SHRINKS');
        const stranger = new TestLog(log.origin);
        expect(await refusal(port.anchorCheckpoint(log.origin, stranger.checkpoint(12), log.proof(9, 12)))).toMatchObject({ code: 'CHECKPOINT_BAD_SIGNATURE', status: 422 });
        const unknown = new TestLog('elc.example/log/unregistered');
        expect(await refusal(port.anchorCheckpoint(unknown.origin, unknown.checkpoint(3), []))).toMatchObject({ code: 'LOG_UNKNOWN', status: 404 });
        expect(await refusal(port.getLatestAnchor(unknown.origin))).toMatchObject({ code: 'LOG_UNKNOWN' });
      });

      it('lists anchors in size order, a page at a time', async () => {
        const sizes = [3, 5, 8, 13, 21];
        let from = 0;
        for (const s of sizes) {
          await port.anchorCheckpoint(log.origin, log.checkpoint(s), log.proof(from, s));
          from = s;
        }
        const seen: number[] = [];
        let bookmark = '';
        let pages = 0;
        do {
          const page = await port.listAnchors(log.origin, { pageSize: 2, bookmark });
          expect(page.anchors.length).toBeLessThanOrEqual(2);
          for (const a of page.anchors) {
            expect(a).toEqual(await port.getAnchor(log.origin, a.size));
            seen.push(a.size);
          }
          bookmark = page.bookmark;
          pages++;
        } while (bookmark !== '' && pages < 10);
        expect(seen).toEqual(sizes);
        expect(pages).toBe(3);
        expect(await refusal(port.listAnchors(log.origin, { pageSize: 0 }))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'pageSize' });
      });
    });

    describe('contract transitions', () => {
      it('records a batch and reads the state and its history with tx ids and blocks', async () => {
        const r1 = await port.recordTransitions([conclude('HT-1'), conclude('HT-2')]);
        expect(r1.results.map((r) => [r.contractId, r.type, r.status])).toEqual([
          ['HT-1', 'conclude', 'active'],
          ['HT-2', 'conclude', 'active'],
        ]);
        expect(r1.channel).toBe(port.channel);
        const r2 = await port.recordTransitions([renew('HT-1')]);
        expect(r2.blockNumber).toBeGreaterThan(r1.blockNumber);
        const state = await port.getContract(EMPLOYER, 'HT-1');
        expect(state).toMatchObject({ status: 'active', docHash: docHash('HT-1 renewal'), transitions: 2, last: { type: 'renew', txId: r2.txId } });
        const history = await port.getContractHistory(EMPLOYER, 'HT-1');
        expect(history.map((h) => [h.txId, h.blockNumber, h.isDelete])).toEqual([
          [r2.txId, r2.blockNumber, false],
          [r1.txId, r1.blockNumber, false],
        ]);
        expect(history[0]?.value).toEqual(state);
        expect(history[1]?.value).toMatchObject({ transitions: 1, docHash: docHash('HT-1 contract') });
      });

      it('refuses a whole batch when one item fails, with its code and index; nothing is written', async () => {
        await port.recordTransitions([conclude('HT-1')]);
        expect(await refusal(port.recordTransitions([conclude('HT-3'), renew('HT-404')]))).toMatchObject({ code: 'CONTRACT_UNKNOWN', index: 1, status: 409 });
        expect(await port.getContract(EMPLOYER, 'HT-3')).toBeUndefined();
        expect(await refusal(port.recordTransitions([renew('HT-1'), conclude('HT-1')]))).toMatchObject({ code: 'CONTRACT_EXISTS', index: 1 });
        expect((await port.getContract(EMPLOYER, 'HT-1'))?.transitions).toBe(1);
        expect(await refusal(port.recordTransitions([conclude('HT-5', { term: { kind: 'fixed', start: '2026-03-01', end: '2025-01-01' } })]))).toMatchObject({
          code: 'END_BEFORE_START',
          field: 'term.end',
          index: 0,
          status: 400,
        });
        await port.recordTransitions([rescind('HT-1')]);
        expect(await refusal(port.recordTransitions([renew('HT-1')]))).toMatchObject({ code: 'CONTRACT_ENDED' });
        expect(await refusal(port.recordTransitions([]))).toMatchObject({ code: 'BATCH_EMPTY', status: 400 });
        expect(await refusal(port.recordTransitions(Array.from({ length: 51 }, (_, i) => conclude(`HT-B${i}`))))).toMatchObject({ code: 'BATCH_TOO_LARGE', status: 413 });
      });

      it('checkTransitions answers what RecordTransitions would, and commits nothing', async () => {
        await port.recordTransitions([conclude('HT-1')]);
        const results = await port.checkTransitions([renew('HT-1'), conclude('HT-6')]);
        expect(results.map((r) => [r.contractId, r.type, r.status, r.transitions])).toEqual([
          ['HT-1', 'renew', 'active', 2],
          ['HT-6', 'conclude', 'active', 1],
        ]);
        expect((await port.getContract(EMPLOYER, 'HT-1'))?.transitions).toBe(1);
        expect(await port.getContract(EMPLOYER, 'HT-6')).toBeUndefined();
        expect(await refusal(port.checkTransitions([conclude('HT-7'), renew('HT-404')]))).toMatchObject({ code: 'CONTRACT_UNKNOWN', index: 1, status: 409 });
        expect(await refusal(port.checkTransitions([conclude('HT-1')]))).toMatchObject({ code: 'CONTRACT_EXISTS', index: 0 });
      });

      it('grants, reads, lists and revokes a mandate, idempotently', async () => {
        const actor = { role: 'bureau' as const, org: 'rsj-370000' };
        expect(await port.getMandate(EMPLOYER, 'vendor-a')).toBeUndefined();
        const m = await port.grantMandate({ employer: EMPLOYER, platform: 'vendor-a', region: '370102', actor });
        expect(m).toMatchObject({ employer: EMPLOYER, platform: 'vendor-a', region: '370102', status: 'active', grantedBy: actor, mspId: port.mspId });
        expect(await port.grantMandate({ employer: EMPLOYER, platform: 'vendor-a', region: '370102', actor })).toEqual(m);
        expect(await port.getMandate(EMPLOYER, 'vendor-a')).toEqual(m);
        const revoked = await port.revokeMandate({ employer: EMPLOYER, platform: 'vendor-a', actor: { role: 'employer', org: EMPLOYER } });
        expect(revoked).toMatchObject({ status: 'revoked', revokedBy: { role: 'employer', org: EMPLOYER } });
        expect((await port.listMandates(EMPLOYER)).map((x) => [x.platform, x.status])).toEqual([['vendor-a', 'revoked']]);
        expect(await refusal(port.revokeMandate({ employer: EMPLOYER, platform: 'vendor-z', actor }))).toMatchObject({ code: 'MANDATE_UNKNOWN', status: 404 });
        expect(await refusal(port.grantMandate({ employer: EMPLOYER, platform: 'vendor-a', region: '370102', actor: { role: 'employer', org: '91110105MA01XYQ9K1' } }))).toMatchObject({ code: 'ACCESS_DENIED' });
      });

      it('a contract never concluded has no state and no history', async () => {
        expect(await port.getContract(EMPLOYER, 'HT-none')).toBeUndefined();
        expect(await port.getContractHistory(EMPLOYER, 'HT-none')).toEqual([]);
        expect(await refusal(port.getContract('not-a-uscc', 'HT-1'))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'employer' });
      });
    });

    describe('events', () => {
      it('delivers the chaincode events of committed transactions in block order, resumable from a block', async () => {
        await port.registerLog(reg);
        const a5 = await port.anchorCheckpoint(log.origin, log.checkpoint(5), []);
        await port.anchorCheckpoint(log.origin, log.checkpoint(5), []); // idempotent: no event
        const t = await port.recordTransitions([conclude('HT-E1')]);
        const a9 = await port.anchorCheckpoint(log.origin, log.checkpoint(9), log.proof(5, 9));

        const all: LedgerEvent[] = [];
        const stop = new AbortController();
        for await (const e of port.events(0, { signal: stop.signal })) {
          all.push(e);
          if (e.txId === a9.txId) stop.abort();
        }
        const ours = all.filter((e) => [a5.txId, t.txId, a9.txId].includes(e.txId));
        expect(ours.map((e) => [e.name, e.blockNumber])).toEqual([
          ['elc.anchor', a5.blockNumber],
          ['elc.transitions', t.blockNumber],
          ['elc.anchor', a9.blockNumber],
        ]);
        expect(ours[0]?.payload).toMatchObject({ origin: log.origin, size: 5, txId: a5.txId });
        expect(ours[1]?.payload).toMatchObject({ txId: t.txId, transitions: [{ index: 0, contractId: 'HT-E1', type: 'conclude' }] });
        const blocks = all.map((e) => e.blockNumber);
        expect([...blocks].sort((x, y) => x - y)).toEqual(blocks);
        expect(all.some((e) => e.name === 'elc.log.registered')).toBe(true);

        // resume after the transitions' block: only the later anchor
        expect((await takeEvents(port, t.blockNumber + 1, 1)).map((e) => e.txId)).toEqual([a9.txId]);
      });

      it('follows new blocks live', async () => {
        await port.registerLog(reg);
        const start = (await takeEvents(port, 0, 1))[0];
        expect(start?.name).toBeDefined();
        const live = (async () => {
          const got: LedgerEvent[] = [];
          const stop = new AbortController();
          for await (const e of port.events(0, { signal: stop.signal })) {
            if (e.name === 'elc.anchor') {
              got.push(e);
              stop.abort();
            }
          }
          return got;
        })();
        const a = await port.anchorCheckpoint(log.origin, log.checkpoint(4), []);
        expect((await live).map((e) => [e.txId, e.blockNumber])).toEqual([[a.txId, a.blockNumber]]);
      });

      it('ends an iteration when its signal aborts while waiting', async () => {
        const stop = new AbortController();
        const it = port.events(10_000, { signal: stop.signal })[Symbol.asyncIterator]();
        const next = it.next();
        stop.abort();
        expect(await next).toEqual({ done: true, value: undefined });
      });
    });
  });
}
