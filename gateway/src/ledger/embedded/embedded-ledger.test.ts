// The ledger-port contract suite against the embedded ledger on a real LevelDB in a temp dir, and
// what the adapter adds over @elc/ledger-sim: a vendor gateway's logs registered by the local
// bureau admin, refusals told from chaincode failures, the events range checked.
// (The chain itself, restarts and crashes are ledger-sim/test.)
import { isElcError } from '@elc/core';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs.js';
import { isLedgerRefusal } from '../errors.js';
import { ledgerPortContract } from '../port.contract.test-support.js';
import { EMPLOYER, TestLog, conclude } from '../test-log.test-support.js';
import type { EmbeddedLedger } from './embedded-ledger.js';
import { openEmbeddedLedger } from './embedded-ledger.js';

const dirs = tempDirs('elc-ledger');

ledgerPortContract('embedded (LevelDB)', async () => {
  const dir = await dirs.make();
  const port = await openEmbeddedLedger({ dataDir: dir, region: '370000' });
  return { port, cleanup: () => Promise.resolve() };
});

const open: EmbeddedLedger[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
  await dirs.removeAll();
});

const fresh = (): Promise<string> => dirs.make();

async function openAt(dir: string): Promise<EmbeddedLedger> {
  const l = await openEmbeddedLedger({ dataDir: dir, region: '370000' });
  open.push(l);
  return l;
}

async function closeIt(l: EmbeddedLedger): Promise<void> {
  open.splice(open.indexOf(l), 1);
  await l.close();
}

describe('embedded ledger of a vendor gateway', () => {
  it('acts as a vendor of its region, bootstrapped by a local bureau MSP that also registers its logs', async () => {
    const dir = await fresh();
    const l = await openEmbeddedLedger({ dataDir: dir, region: '370100', role: 'vendor' });
    open.push(l);
    const first = await l.getBlock(0);
    const second = await l.getBlock(1);
    expect([first?.txs[0]?.fn, first?.txs[0]?.creatorMspId]).toEqual(['Bootstrap', 'ElcBureauMSP']);
    expect([second?.txs[0]?.fn, second?.txs[0]?.args]).toEqual(['RegisterOrg', ['ElcGatewayMSP', '["vendor"]', '370100']]);
    const log = new TestLog('elc.example/log/vendor');
    const reg = await l.registerLog({ origin: log.origin, vkey: log.key.vkey, hashAlg: 'sha256', region: '370100' });
    expect(reg.log.mspId).toBe('ElcBureauMSP');
    const a = await l.anchorCheckpoint(log.origin, log.checkpoint(4), []);
    expect(a.mspId).toBe('ElcGatewayMSP');
    const t = await l.recordTransitions([conclude('HT-V1')]);
    expect((await l.getContract(EMPLOYER, 'HT-V1'))?.last.mspId).toBe('ElcGatewayMSP');
    expect(t.results[0]?.status).toBe('active');
    // a vendor of Jinan may not record a contract of Beijing
    expect(await l.recordTransitions([conclude('HT-V2', { region: '110105' })]).catch((e: unknown) => (isLedgerRefusal(e) ? e.code : e))).toBe('REGION_DENIED');
    const height = l.height();
    await closeIt(l);
    // a restart re-registers nothing: the same RegisterOrg writes nothing and cuts no block
    const again = await openEmbeddedLedger({ dataDir: dir, region: '370100', role: 'vendor' });
    open.push(again);
    expect(again.height()).toBe(height);
    expect((await again.recordTransitions([conclude('HT-V3')])).blockNumber).toBe(height);
  });
});

describe('embedded ledger failures', () => {
  it('tells a refusal (JSON code, ledger marker) from a chaincode failure without one (LEDGER_TX_FAILED)', async () => {
    const l = await openAt(await fresh());
    const height = l.height();
    const wrongArity = await l.submit('RegisterLog', 'only-one').catch((e: unknown) => e);
    expect(isElcError(wrongArity, 'LEDGER_TX_FAILED')).toBe(true);
    expect(isLedgerRefusal(wrongArity)).toBe(false);
    const unknownFn = await l.submit('NoSuchTransaction').catch((e: unknown) => e);
    expect(isLedgerRefusal(unknownFn, 'INVALID_ARGUMENT') && unknownFn.field === 'function' && unknownFn.ledger).toBe(true);
    expect(l.height()).toBe(height);
    await expect(l.events(-1)[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'LEDGER_BAD_RANGE' });
  });
});
