// The Shandong interface as createGateway mounts it (ELC_* configuration, the ledger runtime's
// ledger and log): a unit and a contract in, the worker read back by the bureau, the contract
// visible to the ledger features with its event in the evidence index, /v1/sync/status
// and /metrics report the outbox; and two real
// gateways, a city one configured with ELC_UPSTREAM_URL/ELC_UPSTREAM_TOKEN, forward end to end.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { configFrom } from '../../gateway/src/config.js';
import { startTestGateway, type TestGateway } from '../../gateway/test/support/gateway.js';
import { contract, post, UNIT, unitBody, type SdBody } from './shandong.test-support.js';

const started: TestGateway[] = [];
afterAll(async () => {
  for (const g of started.reverse()) await g.close();
});

/** /v1/sync/status of `g` once its lag is 0, or as it last was after 20 s. */
async function syncedStatus(g: TestGateway, token: string): Promise<Record<string, unknown>> {
  const end = Date.now() + 20_000;
  let status: Record<string, unknown> = {};
  while (Date.now() < end) {
    status = (await (await g.call('/v1/sync/status', { token })).json()) as Record<string, unknown>;
    if (status['lag'] === 0) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  return status;
}

describe('the Shandong interface in createGateway', () => {
  it('serves the routes, seals the worker, reports sync status and metrics; a city gateway forwards to a provincial one', async () => {
    const province = await startTestGateway({ ELC_REGION: '370000', ELC_PII_ALG: 'sm4-gcm' });
    started.push(province);
    const cityToken = await province.token('bureau', { org: 'JinanBureau', region: '370100' });
    const city = await startTestGateway({ ELC_REGION: '370100', ELC_UPSTREAM_URL: province.url, ELC_UPSTREAM_TOKEN: cityToken });
    started.push(city);
    const vendor = await city.token('vendor', { org: 'VendorA', region: '370100' });
    const bureau = await city.token('bureau', { org: 'JinanBureau', region: '370100' });
    expect((await post(city, '/v1/sd/units', vendor, unitBody())).status).toBe(200);
    const worker = { name: '周八', id: '370102199003071238', phone: '13600002222' };
    const r = await post(city, '/v1/sd/contracts', vendor, { uscc: UNIT, contracts: [contract('HT-GW-1', worker)] });
    expect(r.status).toBe(200);
    const read = await city.call(`/v1/sd/contracts/${UNIT}/HT-GW-1/worker`, { token: bureau });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ workerName: worker.name, workerIdNumber: worker.id });
    // The contract as the ledger features see it: on chain, with the Shandong event in the evidence index.
    const view = (await (await city.call(`/v1/contracts/${UNIT}/HT-GW-1`, { token: bureau })).json()) as { state: { status: string }; evidence: { entries: number } };
    expect(view.state.status).toBe('active');
    expect(view.evidence.entries).toBeGreaterThanOrEqual(1);
    const status = await syncedStatus(city, bureau);
    expect(status).toMatchObject({ enabled: true, lag: 0, lastSeq: 2, forwardedSeq: 2 });
    expect(await (await city.call('/metrics')).text()).toMatch(/elc_sync_lag_records 0/);
    const provinceBureau = await province.token('bureau', { org: 'ShandongBureau', region: '370000' });
    const exported = (await (await province.call('/v1/sd/export', { token: provinceBureau })).json()) as SdBody;
    expect(exported.records.map((x) => x.kind)).toEqual(['units', 'contracts']);
    expect((await (await province.call('/v1/sync/status', { token: provinceBureau })).json()) as Record<string, unknown>).toMatchObject({ enabled: false, lastSeq: 2 });
  });

  it('mints the upstream token from a private JWK (ELC_UPSTREAM_JWK, ELC_UPSTREAM_ORG) instead of a fixed one', async () => {
    expect(() => configFrom({ ELC_UPSTREAM_URL: 'http://127.0.0.1:9' })).toThrow(/ELC_UPSTREAM_TOKEN/);
    expect(() => configFrom({ ELC_UPSTREAM_URL: 'http://127.0.0.1:9', ELC_UPSTREAM_JWK: 'k.json' })).toThrow(/ELC_UPSTREAM_ORG/);
    const province = await startTestGateway({ ELC_REGION: '370000' });
    started.push(province);
    // The province trusts its dev issuer's key: the city signs with it, as it would with its own registered key.
    const city = await startTestGateway({
      ELC_REGION: '370200',
      ELC_UPSTREAM_URL: province.url,
      ELC_UPSTREAM_JWK: join(province.dataDir, 'auth', 'dev-issuer.key.json'),
      ELC_UPSTREAM_ORG: 'QingdaoBureau',
    });
    started.push(city);
    const bureau = await city.token('bureau', { org: 'QingdaoBureau', region: '370200' });
    expect((await post(city, '/v1/sd/units', bureau, unitBody())).status).toBe(200);
    const status = await syncedStatus(city, bureau);
    expect(status).toMatchObject({ lag: 0, forwardedSeq: 1, failures: 0 });
    const exported = (await (await province.call('/v1/sd/export', { token: await province.token('bureau', { org: 'ShandongBureau', region: '370000' }) })).json()) as SdBody;
    expect(exported.records).toMatchObject([{ kind: 'units', uscc: UNIT, region: '370200' }]);
  });
});
