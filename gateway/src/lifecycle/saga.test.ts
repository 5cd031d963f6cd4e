// The lifecycle saga on the real embedded ledger and the real log engine. Crashes are played by
// TEST DOUBLES wrapped around them (a log whose appends fail, a ledger whose submits fail after
// or before committing, a finisher that throws); recovery then runs against the real parts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ElcError, toBase64, utf8 } from '@elc/core';
import type { Transition } from '@elc/chaincode/domain';
import { openEmbeddedLedger, type EmbeddedLedger, type LedgerPort } from '../ledger/index.js';
import { openLogService, type LogService } from '../log/index.js';
import { EMPLOYER, REGION, hex64 } from '../../test/support/events.js';
import type { JournalItem } from './journal.js';
import { createMemoryJournal, type MemoryJournal } from './memory-journal.js';
import { createLifecycleSaga, type Finisher, type RecordedItem } from './saga.js';

const conclude = (contractId: string): Transition => ({
  type: 'conclude',
  employer: EMPLOYER,
  contractId,
  effectiveDate: '2026-11-01',
  region: REGION,
  docHash: `sha256:${hex64(7)}`,
  term: { kind: 'open_ended', start: '2026-11-01' },
});

const item = (contractId: string, transition: Transition = conclude(contractId)): JournalItem => ({
  appendId: `org/transition/${contractId}-${transition.type}`,
  leaf: toBase64(utf8(JSON.stringify({ test: contractId, type: transition.type }))),
  transition,
  digest: `d-${contractId}`,
});

/** TEST DOUBLE of a crash: the wrapped log refuses appends while `down`. */
function failingLog(log: LogService): LogService & { down: boolean } {
  const w = Object.create(log) as LogService & { down: boolean };
  w.down = true;
  w.append = (entries) => (w.down ? Promise.reject(new ElcError('LOG_STORE_FAILED', 'simulated crash')) : log.append(entries));
  return w;
}

/** TEST DOUBLE of a crash around the ledger's commit: fails before submitting, or after it committed. */
function failingLedger(ledger: LedgerPort, when: 'before' | 'after'): LedgerPort {
  const w = Object.create(ledger) as LedgerPort;
  w.recordTransitions = async (batch) => {
    if (when === 'after') await ledger.recordTransitions(batch);
    throw new ElcError('LEDGER_UNAVAILABLE', 'simulated crash');
  };
  return w;
}

describe('lifecycle saga', () => {
  let dir: string;
  let ledger: EmbeddedLedger;
  let log: LogService;
  let journal: MemoryJournal;
  const finished: { key: string; recorded: readonly RecordedItem[] }[] = [];
  const finisher: Finisher = (batch, recorded) => {
    finished.push({ key: batch.key, recorded });
    return Promise.resolve();
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-saga-'));
    ledger = await openEmbeddedLedger({ dataDir: dir, region: '370000' });
    log = await openLogService({ dataDir: dir, origin: 'elc.test/log/saga', hashAlg: 'sha256', limits: { batchMaxAgeMs: 1 } });
    journal = createMemoryJournal();
    finished.length = 0;
  });
  afterEach(async () => {
    await log.close();
    await ledger.close();
    await rm(dir, { recursive: true, force: true });
  });

  const sagaWith = (o: { log?: LogService; ledger?: LedgerPort; finish?: Finisher } = {}) => {
    const saga = createLifecycleSaga({ log: o.log ?? log, ledger: o.ledger ?? ledger, journal });
    saga.register('test', o.finish ?? finisher);
    return saga;
  };

  it('appends the events, records each transition with its event index, finishes and keeps done records', async () => {
    const saga = sagaWith();
    const recorded = await saga.record({ format: 'test', items: [item('HT-S1'), item('HT-S2')], attachment: { x: 1 } });
    expect(recorded.map((r) => [r.position, r.receipt.index])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(log.stats().size).toBe(2);
    expect((await ledger.getContract(EMPLOYER, 'HT-S2'))?.last.evidenceIndex).toBe(1);
    expect(recorded[0]?.tx).toMatchObject({ channel: ledger.channel, result: { contractId: 'HT-S1', status: 'active', transitions: 1 } });
    expect(finished).toHaveLength(1);
    expect(await journal.pending()).toEqual([]);
    expect((await saga.done(['org/transition/HT-S1-conclude', 'nope'])).map((d) => d?.receipt.index)).toEqual([0, undefined]);
  });

  it('a refusal of the check changes nothing: no event, no journal entry, the position of the refused item', async () => {
    const saga = sagaWith();
    await saga.record({ format: 'test', items: [item('HT-R1')] });
    const refused = saga.record({ format: 'test', items: [item('HT-R2'), item('HT-R1')] });
    await expect(refused).rejects.toMatchObject({ code: 'CONTRACT_EXISTS', index: 1 });
    expect(log.stats().size).toBe(1);
    expect(await ledger.getContract(EMPLOYER, 'HT-R2')).toBeUndefined();
    expect(await journal.pending()).toEqual([]);
  });

  it.each([
    ['the log failed the append', 'log'],
    ['the ledger failed before committing', 'before'],
    ['the ledger committed but the answer was lost', 'after'],
    ['the finisher failed', 'finisher'],
  ] as const)('recovers a batch after %s: once in the log, once on the ledger, finished once', async (_, where) => {
    const broken =
      where === 'log'
        ? sagaWith({ log: failingLog(log) })
        : where === 'finisher'
          ? sagaWith({ finish: () => Promise.reject(new Error('simulated crash')) })
          : sagaWith({ ledger: failingLedger(ledger, where) });
    await expect(broken.record({ format: 'test', items: [item('HT-C1'), item('HT-C2')] })).rejects.toThrow('simulated crash');
    expect(await journal.pending()).toHaveLength(1);

    journal = journal.reopen();
    const saga = sagaWith();
    expect(await saga.recover()).toBe(1);
    expect(log.stats().size).toBe(2);
    const state = await ledger.getContract(EMPLOYER, 'HT-C2');
    expect(state).toMatchObject({ transitions: 1, last: { evidenceIndex: 1 } });
    expect(finished).toHaveLength(1);
    expect(finished[0]?.recorded.map((r) => r.tx.txId)).toEqual([state?.last.txId, state?.last.txId]);
    expect(await journal.pending()).toEqual([]);
    expect(await saga.recover()).toBe(0);
    expect(log.stats().size).toBe(2);
  });

  it('settle() finishes the pending batch of a retry instead of submitting it again', async () => {
    await expect(sagaWith({ ledger: failingLedger(ledger, 'after') }).record({ format: 'test', items: [item('HT-T1')] })).rejects.toThrow('simulated crash');
    const saga = sagaWith();
    await saga.settle(['org/transition/HT-T1-conclude']);
    expect((await saga.done(['org/transition/HT-T1-conclude']))[0]?.receipt.index).toBe(0);
    expect((await ledger.getContract(EMPLOYER, 'HT-T1'))?.transitions).toBe(1);
  });

  it('a write by another gateway between check and commit: the refused item is reported, the committed ones are finished', async () => {
    // Two gateways on one ledger: this one's append is held while the other concludes HT-X2.
    let release = (): void => undefined;
    let reached = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const atAppend = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const slowLog = Object.create(log) as LogService;
    slowLog.append = async (entries) => {
      reached();
      await held;
      return log.append(entries);
    };
    const items = Array.from({ length: 51 }, (_, i) => item(`HT-X${i}`));
    const running = sagaWith({ log: slowLog }).record({ format: 'test', items });
    await atAppend;
    await ledger.recordTransitions([conclude('HT-X50')]);
    release();
    await expect(running).rejects.toMatchObject({ code: 'CONTRACT_EXISTS', index: 50 });
    expect(finished[0]?.recorded).toHaveLength(50);
    expect(await journal.pending()).toEqual([]);
    expect((await journal.done([items[49]?.appendId ?? '', items[50]?.appendId ?? ''])).map((d) => d !== undefined)).toEqual([true, false]);
    // The refused event stays in the log (it is append-only): 51 events, 50 records on the ledger from this batch.
    expect(log.stats().size).toBe(51);
  });

  it('refuses a batch of a format nobody registered, and leaves a pending one of such a format for a start that knows it', async () => {
    await expect(sagaWith().record({ format: 'other', items: [item('HT-U1')] })).rejects.toMatchObject({ code: 'LIFECYCLE_FORMAT_UNKNOWN' });
    expect(log.stats().size).toBe(0);
    await journal.putPending({ key: '1', createdAt: 1, format: 'other', items: [item('HT-U2')] });
    await expect(sagaWith().recover()).rejects.toMatchObject({ code: 'LIFECYCLE_FORMAT_UNKNOWN' });
    expect(await journal.pending()).toHaveLength(1);
  });

  it('locked() runs holders of one contract one after the other', async () => {
    const saga = sagaWith();
    const order: string[] = [];
    const a = saga.locked([{ employer: EMPLOYER, contractId: 'L' }], async () => {
      order.push('a start');
      await new Promise((r) => setTimeout(r, 20));
      order.push('a end');
    });
    const b = saga.locked([{ employer: EMPLOYER, contractId: 'L' }], () => {
      order.push('b');
      return Promise.resolve();
    });
    await Promise.all([a, b]);
    expect(order).toEqual(['a start', 'a end', 'b']);
  });
});
