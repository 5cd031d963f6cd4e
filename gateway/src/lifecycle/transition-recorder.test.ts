// POST /v1/contracts/transitions as a format of the lifecycle saga, on the real embedded ledger
// and the real log engine. Crashes are played by TEST DOUBLES of the ledger (a submit whose
// answer is lost after the commit) and of the log (appends that fail).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ElcError } from '@elc/core';
import type { Principal } from '../auth/principal.js';
import { openEmbeddedLedger, type EmbeddedLedger, type LedgerPort } from '../ledger/index.js';
import { openLogService, type LogService } from '../log/index.js';
import { EMPLOYER, makeConclude } from '../../test/support/events.js';
import { createMemoryJournal, type MemoryJournal } from './memory-journal.js';
import { createLifecycleSaga } from './saga.js';
import { createTransitionRecorder, type TransitionRecorder } from './transition-recorder.js';

const vendor: Principal = { org: 'vendor-a', role: 'vendor', region: '370102', kid: 'k' };
const conclude = (id: string, contractId: string): Record<string, unknown> =>
  makeConclude(id, contractId, { docHash: `sha256:${'1f'.repeat(32)}`, term: { kind: 'open_ended', start: '2026-11-01' }, worker: `hmac-sha256:${'2e'.repeat(32)}` });
const renew = (id: string, contractId: string): Record<string, unknown> => ({
  ...conclude(id, contractId),
  type: 'renew',
  region: undefined,
  effectiveDate: '2027-01-01',
  term: { kind: 'open_ended', start: '2027-01-01' },
});

/** TEST DOUBLE: the ledger commits, then the answer is lost while `lose` is set. */
function lossyLedger(ledger: LedgerPort): LedgerPort & { lose: boolean } {
  const w = Object.create(ledger) as LedgerPort & { lose: boolean };
  w.lose = true;
  w.recordTransitions = async (batch) => {
    const r = await ledger.recordTransitions(batch);
    if (w.lose) throw new ElcError('LEDGER_UNAVAILABLE', 'simulated lost answer');
    return r;
  };
  return w;
}

describe('transition recorder', () => {
  let dir: string;
  let ledger: EmbeddedLedger;
  let log: LogService;
  let journal: MemoryJournal;
  const now = () => Date.parse('2026-11-22T08:00:00Z');
  const recorder = (l: LedgerPort = ledger): TransitionRecorder =>
    createTransitionRecorder({ saga: createLifecycleSaga({ log, ledger: l, journal }), ledger: l, now });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-tr-'));
    ledger = await openEmbeddedLedger({ dataDir: dir, region: '370000' });
    log = await openLogService({ dataDir: dir, origin: 'elc.test/log/tr', hashAlg: 'sha256', limits: { batchMaxAgeMs: 1 } });
    journal = createMemoryJournal();
  });
  afterEach(async () => {
    await log.close();
    await ledger.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('records a batch (event, then the transition with its index) and answers a retry with the first answer', async () => {
    const first = await recorder().record({ transitions: [conclude('c1', 'HT-TR-1')] }, vendor);
    expect(first.replayed).toBe(false);
    expect(first.response).toMatchObject({ channel: ledger.channel, receipts: [{ id: 'vendor-a/transition/c1', index: 0 }], results: [{ contractId: 'HT-TR-1', status: 'active' }] });
    expect((await ledger.getContract(EMPLOYER, 'HT-TR-1'))?.last.evidenceIndex).toBe(0);
    const again = await recorder().record({ transitions: [conclude('c1', 'HT-TR-1')] }, vendor);
    expect(again).toEqual({ replayed: true, response: first.response });
    expect(log.stats().size).toBe(1);
  });

  it('answers a retry after a lost ledger answer from the journal, without submitting again', async () => {
    const lossy = lossyLedger(ledger);
    await recorder().record({ transitions: [conclude('c4', 'HT-TR-4')] }, vendor);
    await expect(recorder(lossy).record({ transitions: [renew('r1', 'HT-TR-4')] }, vendor)).rejects.toMatchObject({ code: 'LEDGER_UNAVAILABLE' });
    lossy.lose = false;
    const retry = await recorder(lossy).record({ transitions: [renew('r1', 'HT-TR-4')] }, vendor);
    expect(retry.replayed).toBe(true);
    expect(retry.response.receipts).toMatchObject([{ id: 'vendor-a/transition/r1', index: 1 }]);
    expect((await ledger.getContract(EMPLOYER, 'HT-TR-4'))?.transitions).toBe(2);
    expect(log.stats().size).toBe(2);
    expect(await journal.pending()).toEqual([]);
  });

  it('gives an identical batch sent while the first is in flight the first answer, not a conflict', async () => {
    const r = recorder();
    const [a, b] = await Promise.all([r.record({ transitions: [conclude('c2', 'HT-TR-2')] }, vendor), r.record({ transitions: [conclude('c2', 'HT-TR-2')] }, vendor)]);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(a.response).toEqual(b.response);
    expect(log.stats().size).toBe(1);
  });

  it('refuses a reused id with other content, another region, and a refused transition, changing nothing', async () => {
    const r = recorder();
    await r.record({ transitions: [conclude('c3', 'HT-TR-3')] }, vendor);
    await expect(r.record({ transitions: [conclude('c3', 'HT-TR-33')] }, vendor)).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'transitions.0.id' });
    await expect(r.record({ transitions: [conclude('c5', 'HT-TR-5')] }, { ...vendor, region: '440100' })).rejects.toMatchObject({
      code: 'FORBIDDEN_REGION',
      field: 'transitions.0.region',
    });
    await expect(r.record({ transitions: [conclude('c6', 'HT-TR-6'), conclude('c7', 'HT-TR-3')] }, vendor)).rejects.toMatchObject({ code: 'CONTRACT_EXISTS', field: 'transitions.1.contractId' });
    expect(log.stats().size).toBe(1);
    expect(await ledger.getContract(EMPLOYER, 'HT-TR-6')).toBeUndefined();
  });
});
