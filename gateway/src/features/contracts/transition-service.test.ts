// The transitions outbox on the real embedded ledger and the real log engine: a crash between
// the ledger's commit and the log's append (played by a log wrapper that fails the append, a
// TEST DOUBLE of the crash) is repaired by recover() — the events are appended once and a retry
// is answered with the recorded result; a batch that never reached the ledger is dropped.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ElcError } from '@elc/core';
import type { Principal } from '../../auth/principal.js';
import { openEmbeddedLedger, type EmbeddedLedger } from '../../ledger/index.js';
import { openLogService, type LogService } from '../../log/index.js';
import { EMPLOYER, makeConclude } from '../../../test/support/events.js';
import { createTransitionService } from './transition-service.js';
import { openTransitionStore, type TransitionStore } from './transition-store.js';

const vendor: Principal = { org: 'vendor-a', role: 'vendor', region: '370102', kid: 'k' };
const conclude = (id: string, contractId: string): Record<string, unknown> =>
  makeConclude(id, contractId, { docHash: `sha256:${'1f'.repeat(32)}`, term: { kind: 'open_ended', start: '2026-11-01' }, worker: `hmac-sha256:${'2e'.repeat(32)}` });

/** TEST DOUBLE of a crash after the ledger's commit: the log refuses appends while `down`. */
function crashingLog(log: LogService): LogService & { down: boolean } {
  const w = Object.create(log) as LogService & { down: boolean };
  w.down = true;
  w.append = (entries) => (w.down ? Promise.reject(new ElcError('LOG_STORE_FAILED', 'simulated crash')) : log.append(entries));
  return w;
}

describe('transitions outbox', () => {
  let dir: string;
  let ledger: EmbeddedLedger;
  let log: LogService;
  let store: TransitionStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elc-tr-'));
    ledger = await openEmbeddedLedger({ dataDir: dir, region: '370000' });
    log = await openLogService({ dataDir: dir, origin: 'elc.test/log/tr', hashAlg: 'sha256', limits: { batchMaxAgeMs: 1 } });
    store = await openTransitionStore(join(dir, 'transitions'));
  });
  afterEach(async () => {
    await store.close();
    await log.close();
    await ledger.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('appends the events of a committed batch after a crash, once, and answers the retry from the record', async () => {
    const crashing = crashingLog(log);
    const now = () => Date.parse('2026-11-22T08:00:00Z');
    const broken = createTransitionService({ ledger, log: crashing, store, now });
    await expect(broken.record({ transitions: [conclude('c1', 'HT-TR-1')] }, vendor)).rejects.toMatchObject({ code: 'LOG_STORE_FAILED' });
    expect((await ledger.getContract(EMPLOYER, 'HT-TR-1'))?.status).toBe('active');
    expect(log.stats().size).toBe(0);
    expect(await store.pending()).toHaveLength(1);

    // While the log still fails, a retry does not submit the transition again.
    await expect(broken.record({ transitions: [conclude('c1', 'HT-TR-1')] }, vendor)).rejects.toMatchObject({ code: 'LOG_STORE_FAILED' });
    expect((await ledger.getContract(EMPLOYER, 'HT-TR-1'))?.transitions).toBe(1);

    const service = createTransitionService({ ledger, log, store, now });
    await service.recover();
    expect(log.stats().size).toBe(1);
    expect(await store.pending()).toEqual([]);
    await service.recover();
    expect(log.stats().size).toBe(1);

    const retry = await service.record({ transitions: [conclude('c1', 'HT-TR-1')] }, vendor);
    expect(retry.replayed).toBe(true);
    expect(retry.response).toMatchObject({ receipts: [{ id: 'vendor-a/transition/c1', index: 0 }] });
    expect(log.stats().size).toBe(1);
  });

  it('finishes a committed batch on a retry after the log failed the append, without submitting it again', async () => {
    const crashing = crashingLog(log);
    const service = createTransitionService({ ledger, log: crashing, store, now: Date.now });
    const renew = { ...conclude('r1', 'HT-TR-4'), type: 'renew', region: undefined, effectiveDate: '2027-01-01', term: { kind: 'open_ended', start: '2027-01-01' } };
    await createTransitionService({ ledger, log, store, now: Date.now }).record({ transitions: [conclude('c4', 'HT-TR-4')] }, vendor);
    await expect(service.record({ transitions: [renew] }, vendor)).rejects.toMatchObject({ code: 'LOG_STORE_FAILED' });
    crashing.down = false;
    const retry = await service.record({ transitions: [renew] }, vendor);
    expect(retry.replayed).toBe(true);
    expect((await ledger.getContract(EMPLOYER, 'HT-TR-4'))?.transitions).toBe(2);
    expect(log.stats().size).toBe(2);
    expect(await store.pending()).toEqual([]);
  });

  it('drops a batch the ledger never committed (a crash before the submit)', async () => {
    await store.putPending({
      key: '0000000000000001-x',
      createdAt: Date.now(),
      transitions: [{ type: 'conclude', employer: EMPLOYER, contractId: 'HT-TR-2', effectiveDate: '2026-11-01', region: '370102', docHash: `sha256:${'1f'.repeat(32)}`, term: { kind: 'open_ended', start: '2026-11-01' } }],
      entries: [{ id: 'vendor-a/transition/c2', leaf: 'e30=' }],
      digests: ['x'],
    });
    await createTransitionService({ ledger, log, store, now: Date.now }).recover();
    expect(await store.pending()).toEqual([]);
    expect(log.stats().size).toBe(0);
    expect(await ledger.getContract(EMPLOYER, 'HT-TR-2')).toBeUndefined();
  });

  it('finds an unmarked batch that the ledger did commit (a crash before the committed mark) and appends its events', async () => {
    // Record through a service whose store forgets the committed mark, as a crash right after the commit would.
    const forgetful: TransitionStore = { ...store, putPending: (p) => (p.committed === undefined ? store.putPending(p) : Promise.resolve()) };
    const crashing = crashingLog(log);
    await expect(
      createTransitionService({ ledger, log: crashing, store: forgetful, now: Date.now }).record({ transitions: [conclude('c3', 'HT-TR-3')] }, vendor),
    ).rejects.toMatchObject({ code: 'LOG_STORE_FAILED' });
    const [pending] = await store.pending();
    expect(pending?.committed).toBeUndefined();
    await createTransitionService({ ledger, log, store, now: Date.now }).recover();
    expect(log.stats().size).toBe(1);
    expect(await store.done('vendor-a/transition/c3')).toBeDefined();
  });
});
