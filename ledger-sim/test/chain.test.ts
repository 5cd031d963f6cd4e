// The simulated peer's chain: hash-chained blocks, restart, tamper detection, the single writer,
// closing mid-stream. Real LevelDB in temp dirs.
import { isElcError } from '@elc/core';
import { Level } from 'level';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDirs } from '../../test/support/temp-dirs.js';
import { GENESIS_PREVIOUS_HASH, blockHashOf, dataHashOf, decodeBlock, encodeBlock } from '../src/block.js';
import type { Block } from '../src/block.js';
import { openLedgerSim } from '../src/open.js';
import type { LedgerSim } from '../src/peer.js';
import { EMPLOYER, SignedLog, batch, conclude, contractHistory, json, latestAnchor, refusalCode, renew } from './support/elc.js';

const dirs = tempDirs('elc-chain');
const open: LedgerSim[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
  await dirs.removeAll();
});

const fresh = (): Promise<string> => dirs.make();

async function openAt(dir: string): Promise<LedgerSim> {
  const l = await openLedgerSim({ dir, region: '370000' });
  open.push(l);
  return l;
}

async function closeIt(l: LedgerSim): Promise<void> {
  open.splice(open.indexOf(l), 1);
  await l.close();
}

/** A few transactions of every kind. */
async function populate(l: LedgerSim, log: SignedLog): Promise<void> {
  await l.submit('RegisterLog', log.origin, log.vkey, 'sha256', '370000');
  await l.submit('AnchorCheckpoint', log.origin, log.checkpoint(5), log.proof(0, 5));
  await l.submit('RecordTransitions', batch(conclude('HT-1')));
  await l.submit('AnchorCheckpoint', log.origin, log.checkpoint(9), log.proof(5, 9));
  await l.submit('RecordTransitions', batch(renew('HT-1')));
}

/** Rewrites stored block `n` (the ledger must be closed). */
async function rewriteBlock(dir: string, n: number, edit: (b: Block) => Block): Promise<void> {
  const db = new Level<Uint8Array, string>(join(dir, 'chain'), { keyEncoding: 'view', valueEncoding: 'utf8' });
  const blocks = db.sublevel<Uint8Array, string>('block', { keyEncoding: 'view', valueEncoding: 'utf8' });
  const key = new Uint8Array(8);
  new DataView(key.buffer).setBigUint64(0, BigInt(n));
  const text = await blocks.get(key);
  if (text === undefined) throw new Error(`no block ${n}`);
  await blocks.put(key, encodeBlock(edit(decodeBlock(text))));
  await db.close();
}

describe('embedded ledger chain', () => {
  it('bootstraps once on first start (block 0) and hash-chains every block after it', async () => {
    const l = await openAt(await fresh());
    await populate(l, new SignedLog('elc.example/log/chain'));
    expect(l.height()).toBe(6);
    const blocks: Block[] = [];
    for (let n = 0; n < l.height(); n++) blocks.push((await l.getBlock(n)) as Block);
    expect(blocks[0]?.txs[0]?.fn).toBe('Bootstrap');
    expect(blocks[0]?.header.previousHash).toBe(GENESIS_PREVIOUS_HASH);
    for (const [n, b] of blocks.entries()) {
      expect(b.header.number).toBe(n);
      expect(b.header.dataHash).toBe(dataHashOf(b.txs));
      if (n > 0) expect(b.header.previousHash).toBe(blockHashOf((blocks[n - 1] as Block).header));
      for (const tx of b.txs) expect(tx.rwset.writes.length).toBeGreaterThan(0);
    }
    // the anchor of size 9 read the latest anchor (written by block 2) and wrote both anchor keys
    const anchor9 = blocks[4]?.txs[0];
    expect(anchor9?.fn).toBe('AnchorCheckpoint');
    expect(anchor9?.rwset.reads.some((r) => r.version?.blockNumber === 2)).toBe(true);
    expect(anchor9?.rwset.writes).toHaveLength(2);
    expect(await l.verifyChain()).toEqual({ ok: true, height: 6, problems: [] });
  });

  it('keeps state, history, anchors, blocks and its identity across a restart, and extends the same chain', async () => {
    const dir = await fresh();
    const log = new SignedLog('elc.example/log/restart');
    const first = await openAt(dir);
    await populate(first, log);
    const before = {
      height: first.height(),
      tip: await first.getBlock(first.height() - 1),
      contract: json(await first.evaluate('GetContract', EMPLOYER, 'HT-1')),
      history: await contractHistory(first, EMPLOYER, 'HT-1'),
      anchor: await latestAnchor(first, log.origin),
    };
    await closeIt(first);

    const again = await openAt(dir);
    expect(again.height()).toBe(before.height); // no second bootstrap
    expect(await again.getBlock(before.height - 1)).toEqual(before.tip);
    expect(json(await again.evaluate('GetContract', EMPLOYER, 'HT-1'))).toEqual(before.contract);
    expect(await contractHistory(again, EMPLOYER, 'HT-1')).toEqual(before.history);
    expect(await latestAnchor(again, log.origin)).toEqual(before.anchor);
    const a = await again.submit('AnchorCheckpoint', log.origin, log.checkpoint(20), log.proof(9, 20));
    expect(a.blockNumber).toBe(before.height);
    expect((await again.getBlock(a.blockNumber as number))?.header.previousHash).toBe(blockHashOf((before.tip as Block).header));
    expect((await again.verifyChain()).ok).toBe(true);
  });

  it('detects a tampered block: transactions that no longer hash to the header', async () => {
    const dir = await fresh();
    const l = await openAt(dir);
    await populate(l, new SignedLog('elc.example/log/tamper'));
    await closeIt(l);
    await rewriteBlock(dir, 3, (b) => ({ ...b, txs: b.txs.map((tx) => ({ ...tx, args: [batch(conclude('HT-forged'))] })) }));
    const reopened = await openAt(dir);
    const report = await reopened.verifyChain();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.blockNumber, p.problem])).toEqual(expect.arrayContaining([[3, 'data-hash']]));
  });

  it('detects a forged block even when every hash after it is recomputed: the signed proposal does not match', async () => {
    const dir = await fresh();
    const l = await openAt(dir);
    await populate(l, new SignedLog('elc.example/log/forge'));
    const height = l.height();
    await closeIt(l);
    // rewrite block 3's arguments, then re-hash it and re-link every later block and the tip
    let previous = '';
    for (let n = 3; n < height; n++) {
      await rewriteBlock(dir, n, (b) => {
        const txs = n === 3 ? b.txs.map((tx) => ({ ...tx, args: ['[]'] })) : b.txs;
        const header = { number: b.header.number, previousHash: n === 3 ? b.header.previousHash : previous, dataHash: dataHashOf(txs) };
        previous = blockHashOf(header);
        return { header, txs };
      });
    }
    const db = new Level<string, string>(join(dir, 'chain'), { keyEncoding: 'utf8', valueEncoding: 'utf8' });
    await db.sublevel<string, string>('meta', { keyEncoding: 'utf8', valueEncoding: 'utf8' }).put('tip', JSON.stringify({ number: height - 1, hash: previous }));
    await db.close();

    const reopened = await openAt(dir);
    const report = await reopened.verifyChain();
    expect(report.problems.map((p) => [p.blockNumber, p.problem])).toEqual([[3, 'proposal']]);
  });

  it('refuses to open a store whose tip block was altered', async () => {
    const dir = await fresh();
    const l = await openAt(dir);
    await populate(l, new SignedLog('elc.example/log/tip'));
    const tip = l.height() - 1;
    await closeIt(l);
    await rewriteBlock(dir, tip, (b) => ({ ...b, header: { ...b.header, previousHash: GENESIS_PREVIOUS_HASH } }));
    const e = await openLedgerSim({ dir, region: '370000' }).then(
      (x) => {
        open.push(x);
        return undefined;
      },
      (err: unknown) => err,
    );
    expect(isElcError(e, 'LEDGER_CORRUPT')).toBe(true);
  });

  it('serializes concurrent submits through one writer: of ten concurrent conclusions of one contract exactly one wins', async () => {
    const l = await openAt(await fresh());
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => l.submit('RecordTransitions', batch(conclude('HT-race')))));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost.every((e) => refusalCode(e) === 'CONTRACT_EXISTS')).toBe(true);
    expect((await contractHistory(l, EMPLOYER, 'HT-race')).length).toBe(1);
    expect((await l.verifyChain()).ok).toBe(true);
  });

  it('closing mid-stream finishes what was queued, refuses the rest, and reopens to a verified chain holding every acknowledged transaction', async () => {
    const dir = await fresh();
    const l = await openAt(dir);
    const pending = Array.from({ length: 12 }, (_, i) => l.submit('RecordTransitions', batch(conclude(`HT-stream-${i}`))));
    const closing = closeIt(l);
    const late = l.submit('RecordTransitions', batch(conclude('HT-late'))).then(
      () => 'accepted',
      (e: unknown) => (isElcError(e, 'LEDGER_CLOSED') ? 'closed' : e),
    );
    const settled = await Promise.allSettled(pending);
    await closing;
    expect(await late).toBe('closed');
    const acknowledged = settled.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, txId: r.value.txId, block: r.value.blockNumber }] : []));
    expect(acknowledged.length).toBe(12);

    const reopened = await openAt(dir);
    expect((await reopened.verifyChain()).ok).toBe(true);
    for (const a of acknowledged) {
      const history = await contractHistory(reopened, EMPLOYER, `HT-stream-${a.i}`);
      expect(history.map((h) => [h.txId, h.blockNumber])).toEqual([[a.txId, a.block]]);
    }
    // the port answers undefined for a contract the chaincode does not know
    expect(await reopened.evaluate('GetContract', EMPLOYER, 'HT-late').then(() => 'found', refusalCode)).toBe('CONTRACT_UNKNOWN');
  });
});
