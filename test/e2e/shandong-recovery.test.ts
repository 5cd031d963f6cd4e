// Crash safety of a Shandong write: a failure after the ledger committed but before the store did
// (the client saw a 5xx) leaves a batch in the lifecycle journal; the retry, or the next start,
// completes it without a second log event or ledger transition, and the answer names the
// original log index.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ElcError } from '@elc/core';
import { openEmbeddedLedger, type LedgerPort } from '../../gateway/src/ledger/index.js';
import { openLogService } from '../../gateway/src/log/index.js';
import type { Principal } from '../../gateway/src/auth/principal.js';
import { contract, openSdStack, post, startSdGateway, UNIT, unitBody } from './shandong.test-support.js';

const vendor: Principal = { org: 'VendorA', role: 'vendor', region: '370100', kid: 'test' };
const worker = { name: '孙七', id: '370102199003071238', phone: '13700001111' };
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
});

/** The real ledger, whose next recordTransitions commits and then fails as if the answer were lost. */
function losingOnce(ledger: LedgerPort): { port: LedgerPort; arm: () => void } {
  let armed = false;
  const port = new Proxy(ledger, {
    get(target, prop, receiver) {
      if (prop === 'recordTransitions') {
        return async (batch: readonly unknown[]) => {
          const r = await target.recordTransitions(batch);
          if (armed) {
            armed = false;
            throw new ElcError('LEDGER_UNAVAILABLE', 'test: answer lost after commit');
          }
          return r;
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { port, arm: () => (armed = true) };
}

describe('journal recovery', () => {
  it('a retry completes a batch whose ledger transaction committed before a failure', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'elc-sd-rec-'));
    const log = await openLogService({ dataDir, origin: 'elc.example/log/rec', hashAlg: 'sha256', limits: { batchMaxAgeMs: 5 } });
    const ledger = await openEmbeddedLedger({ dataDir, region: '370000' });
    closers.push(() => ledger.close(), () => log.close());
    const { port, arm } = losingOnce(ledger);
    const stack = await openSdStack({ dataDir, log, ledger: port });
    closers.push(() => stack.close());
    const sd = stack.sd;
    await sd.service.submitUnit(vendor, unitBody());
    const body = { uscc: UNIT, contracts: [contract('HT-REC-1', worker)] };
    const size = log.stats().size;
    arm();
    await expect(sd.service.submitBatch('contracts', vendor, body)).rejects.toMatchObject({ code: 'LEDGER_UNAVAILABLE' });
    expect(await ledger.getContract(UNIT, 'HT-REC-1')).toMatchObject({ status: 'active' });
    const height = ledger.height();
    const again = await sd.service.submitBatch('contracts', vendor, body);
    expect(again.accepted).toBe(0);
    expect(again.items[0]).toMatchObject({ logIndex: size, duplicate: true });
    expect(log.stats().size).toBe(size + 1);
    expect(ledger.height()).toBe(height);
    expect((await sd.status()).lastSeq).toBe(2);
  });

  it('the next start completes a journal left by a crash', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'elc-sd-rec-'));
    const log = await openLogService({ dataDir, origin: 'elc.example/log/rec2', hashAlg: 'sha256', limits: { batchMaxAgeMs: 5 } });
    const ledger = await openEmbeddedLedger({ dataDir, region: '370000' });
    closers.push(() => ledger.close(), () => log.close());
    const { port, arm } = losingOnce(ledger);
    const first = await openSdStack({ dataDir, log, ledger: port });
    await first.sd.service.submitUnit(vendor, unitBody());
    arm();
    await expect(first.sd.service.submitBatch('contracts', vendor, { uscc: UNIT, contracts: [contract('HT-REC-2', worker)] })).rejects.toThrow();
    expect(await first.journal.pending()).toHaveLength(1);
    await first.close();
    const stack = await openSdStack({ dataDir, log, ledger });
    closers.push(() => stack.close());
    const second = stack.sd;
    expect(await stack.journal.pending()).toHaveLength(0);
    expect((await second.status()).lastSeq).toBe(2);
    const exported = await second.service.store.range<{ kind: string; contractNo?: string }>('rec!', 'rec"', 10);
    expect(exported.map((r) => [r.value.kind, r.value.contractNo])).toEqual([['units', undefined], ['contracts', 'HT-REC-2']]);
  });

  it('over HTTP: a lost ledger answer is 503 LEDGER_UNAVAILABLE with Retry-After, and the retry answers 200 once', async () => {
    let arm = (): void => undefined;
    const g = await startSdGateway({
      wrapLedger: (l) => {
        const w = losingOnce(l);
        arm = w.arm;
        return w.port;
      },
    });
    closers.push(() => g.close());
    const token = await g.token('vendor', 'VendorA', '370100');
    expect((await post(g, '/v1/sd/units', token, unitBody())).status).toBe(200);
    const body = { uscc: UNIT, contracts: [contract('HT-REC-3', worker)] };
    arm();
    const res = await fetch(`${g.url}/v1/sd/contracts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('LEDGER_UNAVAILABLE');
    const size = g.log.stats().size;
    const again = await post(g, '/v1/sd/contracts', token, body);
    expect(again.status).toBe(200);
    expect(again.body.items[0]).toMatchObject({ contractNo: 'HT-REC-3', logIndex: size - 1 });
    expect(g.log.stats().size).toBe(size);
  });
});
