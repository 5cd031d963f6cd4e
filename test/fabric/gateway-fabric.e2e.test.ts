// The whole gateway with ELC_LEDGER=fabric, end to end: the Gateway test server (a TEST DOUBLE of
// a peer's Gateway service running the real chaincode, support/gateway-server.ts) listens on
// 127.0.0.1 with TLS; the ELC_FABRIC_* variables point the gateway's config at it, exactly as
// the env file of `scripts/network.sh deploy` would; createGateway opens the Fabric adapter.
// Events are ingested and anchored through the adapter, a lifecycle record is committed on the
// test server's channel, and a refused one is a 409 that changes nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../gateway/src/app.js';
import { ensureDevIssuer, issueToken } from '../../gateway/src/auth/dev-issuer.js';
import { configFrom } from '../../gateway/src/config.js';
import { EMPLOYER, makeConclude as conclude, makeEvent } from '../../gateway/test/support/events.js';
import { FAST_ANCHORING, type ErrorJson } from '../../gateway/test/support/gateway.js';
import { startFabricTestNetwork, type FabricTestNetwork } from './support/test-network.js';

const ORIGIN = 'elc.test/log/fabric-e2e';
const VALID = 0;

describe('gateway with ELC_LEDGER=fabric against the Gateway test server', () => {
  let net: FabricTestNetwork;
  let dataDir: string;
  let gw: Gateway;
  let url: string;
  let vendor: string;
  let arbitration: string;

  const call = (path: string, init: RequestInit & { bearer?: string } = {}): Promise<Response> => {
    const { bearer, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (bearer !== undefined) headers.set('authorization', `Bearer ${bearer}`);
    return fetch(`${url}${path}`, { ...rest, headers });
  };
  const postJson = (path: string, body: unknown, bearer: string): Promise<Response> =>
    call(path, { method: 'POST', bearer, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    net = await startFabricTestNetwork({ region: '370000' });
    dataDir = await mkdtemp(join(tmpdir(), 'elc-fabric-e2e-'));
    const config = configFrom({
      ...net.env,
      ELC_LEDGER: 'fabric',
      ELC_PORT: '0',
      ELC_HOST: '127.0.0.1',
      ELC_DATA_DIR: dataDir,
      ELC_ORIGIN: ORIGIN,
      ELC_LOG_LEVEL: 'silent',
      ...FAST_ANCHORING,
    });
    expect(config.ledger).toBe('fabric');
    // In fabric mode the gateway makes no dev issuer; the test registers one for its tokens.
    const devKey = await ensureDevIssuer(config.dataDir, config.jwksPath);
    const token = (role: 'vendor' | 'arbitration', org: string, region: string) => issueToken(devKey, { role, org, region }, { issuer: config.jwtIssuer, audience: config.jwtAudience, ttlSeconds: 600 });
    gw = await createGateway(config);
    url = `http://127.0.0.1:${await gw.start()}`;
    vendor = await token('vendor', 'vendor-a', '370102');
    arbitration = await token('arbitration', 'arb-jinan', '370100');
  });

  afterAll(async () => {
    await gw?.close();
    await net?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('anchors ingested events through the Fabric adapter: the anchor is a valid transaction in a block of the test server', async () => {
    const r = await postJson('/v1/events?wait=anchored', { events: [makeEvent(1, { contractId: 'HT-F-1' }), makeEvent(2, { contractId: 'HT-F-1' })] }, vendor);
    expect(r.status, await r.clone().text()).toBe(200);
    const body = (await r.json()) as { anchor: { size: number; txId: string; blockNumber: number; channel: string } };
    expect(body.anchor.channel).toBe(net.settings.channel);
    expect(body.anchor.size).toBeGreaterThanOrEqual(2);
    expect(net.server.ledger.statusOf(body.anchor.txId)).toEqual({ code: VALID, blockNumber: body.anchor.blockNumber });
    const onChain = net.server.ledger.blocks[body.anchor.blockNumber]?.txs.find((t) => t.txId === body.anchor.txId);
    expect(onChain?.event?.name).toBe('elc.anchor');

    const a = await call(`/v1/anchors?size=${body.anchor.size}`, { bearer: arbitration });
    expect(a.status).toBe(200);
    expect(((await a.json()) as { anchor: { txId: string } }).anchor.txId).toBe(body.anchor.txId);
  });

  it('records a lifecycle transition on the channel, and a refused one is 409 with the chaincode code and changes nothing', async () => {
    const t = await postJson('/v1/contracts/transitions', { transitions: [conclude('t-f-1', 'HT-F-2')] }, vendor);
    expect(t.status, await t.clone().text()).toBe(201);
    const recorded = (await t.json()) as { txId: string; blockNumber: number; results: { type: string; status: string }[] };
    expect(recorded.results).toEqual([expect.objectContaining({ type: 'conclude', status: 'active' })]);
    expect(net.server.ledger.statusOf(recorded.txId)).toEqual({ code: VALID, blockNumber: recorded.blockNumber });

    const state = await call(`/v1/contracts/${EMPLOYER}/HT-F-2`, { bearer: arbitration });
    expect(state.status).toBe(200);
    expect(((await state.json()) as { state: { status: string } }).state.status).toBe('active');

    const height = net.server.ledger.height;
    const again = await postJson('/v1/contracts/transitions', { transitions: [conclude('t-f-2', 'HT-F-2')] }, vendor);
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorJson).error).toMatchObject({ code: 'CONTRACT_EXISTS' });
    expect(net.server.ledger.height).toBe(height);
  });
});
