// The BUILT gateway (node gateway/dist/main.js, plain Node, no vitest transforms) started with
// ELC_LEDGER=fabric and the ELC_FABRIC_* variables of the Gateway test server (a TEST DOUBLE of a
// peer's Gateway service running the real chaincode): it anchors through the Fabric adapter, is
// SIGKILLed, and after the restart learns the anchored size from the channel and goes on — the
// log registered once, no size anchored twice, every anchor a valid transaction.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevIssuer } from '../../gateway/src/auth/dev-issuer.js';
import { makeEvent } from '../../gateway/test/support/events.js';
import { FAST_ANCHORING } from '../../gateway/test/support/gateway.js';
import { devToken, startChildGateway, type ChildGateway } from '../e2e/support/child-gateway.js';
import { startFabricTestNetwork, type FabricTestNetwork } from './support/test-network.js';

const ORIGIN = 'elc.test/log/fabric-process';
const VALID = 0;

interface Anchored {
  anchor: { size: number; txId: string; blockNumber: number };
}

describe('the built gateway with ELC_LEDGER=fabric, killed and restarted', () => {
  let net: FabricTestNetwork;
  let dataDir: string;
  let gw: ChildGateway | undefined;

  const env = (): Record<string, string> => ({
    ...net.env,
    ELC_LEDGER: 'fabric',
    ELC_ORIGIN: ORIGIN,
    ...FAST_ANCHORING,
  });

  async function ingestAnchored(g: ChildGateway, from: number, count: number): Promise<Anchored> {
    const token = await devToken(dataDir, { org: 'vendor-a', role: 'vendor', region: '370102' });
    const events = Array.from({ length: count }, (_, i) => makeEvent(from + i, { contractId: 'HT-P-1' }));
    const r = await fetch(`${g.url}/v1/events?wait=anchored`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ events }),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    return (await r.json()) as Anchored;
  }

  beforeAll(async () => {
    net = await startFabricTestNetwork();
    dataDir = await mkdtemp(join(tmpdir(), 'elc-fabric-proc-'));
    // no dev issuer is made in fabric mode: the test registers one for its tokens
    await ensureDevIssuer(dataDir, join(dataDir, 'auth', 'jwks.json'));
  });

  afterAll(async () => {
    gw?.child.kill('SIGKILL');
    await gw?.exited;
    await net?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('anchors through the adapter, and after kill -9 and a restart neither registers the log again nor anchors a size twice', async () => {
    gw = await startChildGateway(dataDir, env());
    const first = await ingestAnchored(gw, 1, 5);
    expect(net.server.ledger.statusOf(first.anchor.txId)).toEqual({ code: VALID, blockNumber: first.anchor.blockNumber });

    gw.child.kill('SIGKILL');
    expect((await gw.exited).signal).toBe('SIGKILL');

    gw = await startChildGateway(dataDir, env());
    const second = await ingestAnchored(gw, 6, 5);
    expect(second.anchor.size).toBeGreaterThan(first.anchor.size);
    expect(net.server.ledger.statusOf(second.anchor.txId)).toEqual({ code: VALID, blockNumber: second.anchor.blockNumber });

    const committed = net.server.ledger.blocks.flatMap((b) => b.txs).filter((t) => t.code === VALID && t.event !== undefined);
    const names = committed.map((t) => t.event?.name);
    expect(names.filter((n) => n === 'elc.log.registered')).toHaveLength(1);
    const sizes = committed.filter((t) => t.event?.name === 'elc.anchor').map((t) => (JSON.parse(new TextDecoder().decode(t.event?.payload)) as { size: number }).size);
    expect(new Set(sizes).size).toBe(sizes.length);
    expect(sizes).toContain(first.anchor.size);
    expect(sizes).toContain(second.anchor.size);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  });
});
