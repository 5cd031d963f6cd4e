// Forwarding upward, on loopback: a city gateway forwards every accepted Shandong record to a
// provincial gateway. The provincial one is restarted mid-stream and, through a test-only fault
// hook, refuses some requests and loses the answer of others (applied, but answered 503). At the
// end the province holds every record exactly once, each contract's records in order.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeLeaf } from '@elc/core';
import { contract, get, post, startSdGateway, UNIT, unitBody, type SdGateway } from './shandong.test-support.js';

const CONTRACTS_PER_BATCH = 20;
const BATCHES = 6;
const SETTLE_MS = 30_000;

function person(i: number): { name: string; id: string; phone: string } {
  return { name: `工人${i}`, id: `A${String(1000000 + i)}`, phone: `139${String(10000000 + i)}` };
}

const open: SdGateway[] = [];
afterAll(async () => {
  for (const g of open.reverse()) await g.close().catch(() => undefined);
});

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + SETTLE_MS;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('city → province forwarding', () => {
  it('ends with every record once upstream, per-contract order kept, through a restart and failing requests', async () => {
    const provinceDir = await mkdtemp(join(tmpdir(), 'elc-sd-province-'));
    let posts = 0;
    const faults: string[] = [];
    // Every third POST refused, every fifth applied with its answer lost.
    const fault = (req: { method: string; path: string }): 'refuse' | 'lose-answer' | undefined => {
      if (req.method !== 'POST') return undefined;
      posts += 1;
      const f = posts % 3 === 0 ? 'refuse' : posts % 5 === 0 ? 'lose-answer' : undefined;
      if (f !== undefined) faults.push(f);
      return f;
    };
    let province = await startSdGateway({ dataDir: provinceDir, region: '370000', fault });
    open.push(province);
    const provincePort = Number(new URL(province.url).port);
    const registry = new Registry();
    const city = await startSdGateway({ region: '370100', upstreamUrl: province.url, upstreamToken: await province.token('bureau', 'JinanBureau', '370100'), registry });
    open.push(city);
    const cityBureau = await city.token('bureau', 'JinanBureau', '370100');
    const vendor = await city.token('vendor', 'VendorA', '370100');

    expect((await post(city, '/v1/sd/units', vendor, unitBody())).status).toBe(200);
    const submitted: { kind: string; contractNo: string }[] = [];
    let n = 0;
    async function batch(): Promise<void> {
      const items = Array.from({ length: CONTRACTS_PER_BATCH }, (): Record<string, string> => ({ ...contract(`HT-${++n}`, person(n)), workerIdType: '08' }));
      const r = await post(city, '/v1/sd/contracts', vendor, { uscc: UNIT, contracts: items });
      expect(r.status).toBe(200);
      for (const item of items) submitted.push({ kind: 'contracts', contractNo: item['contractNo'] ?? '' });
      // rescind one and terminate another of this batch right away: they must arrive after their contracts
      const rescindNo = `HT-${n - 1}`;
      const terminateNo = `HT-${n}`;
      expect((await post(city, '/v1/sd/rescissions', vendor, { uscc: UNIT, rescissions: [{ contractNo: rescindNo, reason: '362', rescindDate: '20250630', noticeDate: '20250601', initiator: '2' }] })).status).toBe(200);
      expect((await post(city, '/v1/sd/terminations', vendor, { uscc: UNIT, terminations: [{ contractNo: terminateNo, reason: '1', terminateDate: '20261231', noticeDate: '20261201' }] })).status).toBe(200);
      submitted.push({ kind: 'rescissions', contractNo: rescindNo }, { kind: 'terminations', contractNo: terminateNo });
    }

    for (let b = 0; b < BATCHES / 2; b++) await batch();
    // The province goes away mid-stream (it has taken some records already); the city keeps accepting.
    await until('a first forwarded batch', async () => ((await get(city, '/v1/sync/status', cityBureau)).body['forwardedSeq'] as number) > 0);
    await province.close();
    open.splice(open.indexOf(province), 1);
    for (let b = BATCHES / 2; b < BATCHES; b++) await batch();
    const down = (await get(city, '/v1/sync/status', cityBureau)).body;
    expect(down['lag']).toBeGreaterThan(0);
    province = await startSdGateway({ dataDir: provinceDir, region: '370000', fault, port: provincePort });
    open.push(province);

    await until('the city to have forwarded everything', async () => (await get(city, '/v1/sync/status', cityBureau)).body['lag'] === 0);
    const status = (await get(city, '/v1/sync/status', cityBureau)).body;
    expect(status).toMatchObject({ enabled: true, lag: 0, oldestPending: null, lastSeq: 1 + submitted.length, forwardedSeq: 1 + submitted.length });
    expect(status['failures']).toBeGreaterThan(0);
    expect(faults).toContain('refuse');
    expect(faults).toContain('lose-answer');
    expect(await registry.getSingleMetricAsString('elc_sync_lag_records')).toMatch(/elc_sync_lag_records 0/);

    // Every record exactly once at the province, in the spec format, each contract's records in order.
    const provinceBureau = await province.token('bureau', 'ShandongBureau', '370000');
    const records: { seq: number; kind: string; record: Record<string, unknown> }[] = [];
    let after = 0;
    for (;;) {
      const page = await get(province, `/v1/sd/export?limit=100&after=${after}`, provinceBureau);
      expect(page.status).toBe(200);
      records.push(...page.body.records);
      if (page.body.next === null) break;
      after = page.body.next;
    }
    expect(records[0]).toMatchObject({ kind: 'units', record: { uscc: UNIT } });
    const got = records.slice(1).map((r) => ({ kind: r.kind, contractNo: (r.record['item'] as { contractNo: string }).contractNo }));
    expect(got.length).toBe(submitted.length);
    expect(new Set(got.map((x) => `${x.kind}/${x.contractNo}`)).size).toBe(submitted.length);
    expect([...got].sort(byKey)).toEqual([...submitted].sort(byKey));
    for (const end of got.filter((x) => x.kind !== 'contracts')) {
      const at = got.findIndex((x) => x === end);
      const concluded = got.findIndex((x) => x.kind === 'contracts' && x.contractNo === end.contractNo);
      expect(concluded).toBeGreaterThanOrEqual(0);
      expect(concluded).toBeLessThan(at);
    }
    // The province's log holds one evidence event per record (none twice), and its ledger the end states.
    const types = new Map<string, number>();
    for (let i = 0; i < province.log.stats().size; i++) {
      const ev = decodeLeaf((await province.log.entry(i)).leaf);
      types.set(ev.type, (types.get(ev.type) ?? 0) + 1);
    }
    expect(types.get('contract.concluded')).toBe(BATCHES * CONTRACTS_PER_BATCH);
    expect(types.get('contract.rescinded')).toBe(BATCHES);
    expect(types.get('contract.terminated')).toBe(BATCHES);
    expect(await province.ledger.getContract(UNIT, `HT-${CONTRACTS_PER_BATCH - 1}`)).toMatchObject({ status: 'rescinded', region: '370100' });
    expect(await province.ledger.getContract(UNIT, `HT-${CONTRACTS_PER_BATCH}`)).toMatchObject({ status: 'terminated' });
  });
});

function byKey(a: { kind: string; contractNo: string }, b: { kind: string; contractNo: string }): number {
  const x = `${a.kind}/${a.contractNo}`;
  const y = `${b.kind}/${b.contractNo}`;
  return x < y ? -1 : x > y ? 1 : 0;
}
