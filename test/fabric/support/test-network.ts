// A channel for the Fabric adapter's tests: the Gateway test server (a TEST DOUBLE of a peer,
// gateway-server.ts) on 127.0.0.1:<free port> with a self-signed TLS certificate, the MSP of a
// bureau made as Fabric CA makes it (elc.role / elc.region in the certificate), the client
// identity files and the ELC_FABRIC_* settings that point the adapter at it, and the org
// registry bootstrapped as `scripts/network.sh deploy` does.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateIdentity } from '@elc/ledger-sim';
import { openFabricLedger } from '../../../gateway/src/ledger/fabric/index.js';
import type { FabricSettings } from '../../../gateway/src/ledger/fabric/index.js';
import { GatewayTestServer } from './gateway-server.js';
import { selfSignedTls } from './tls.js';

export const TEST_CHANNEL = 'elc';
export const TEST_CHAINCODE = 'elc';
export const BUREAU_MSP = 'BureauMSP';
export const PEER_HOST_ALIAS = 'peer0.bureau.elc.test';

export interface FabricTestNetwork {
  readonly dir: string;
  readonly server: GatewayTestServer;
  readonly settings: FabricSettings;
  /** the same settings as environment variables (docs/fabric.md "Gateway settings") */
  readonly env: Readonly<Record<string, string>>;
  /** another client of the bureau's MSP, for tests that need a second gateway */
  identityFiles(enrollmentId: string): Promise<Pick<FabricSettings, 'certPath' | 'keyPath'>>;
  stop(): Promise<void>;
}

export interface TestNetworkOptions {
  readonly region?: string;
  /** submit Bootstrap(region) as the bureau gateway (default true) */
  readonly bootstrap?: boolean;
}

export async function startFabricTestNetwork(options: TestNetworkOptions = {}): Promise<FabricTestNetwork> {
  const region = options.region ?? '370000';
  const dir = await mkdtemp(join(tmpdir(), 'elc-fabric-'));
  const mspDir = join(dir, 'msp');
  const client = await loadOrCreateIdentity(mspDir, { mspId: BUREAU_MSP, enrollmentId: 'bureau-gateway', role: 'bureau', region });
  const peer = await loadOrCreateIdentity(mspDir, { mspId: BUREAU_MSP, enrollmentId: 'peer0', role: 'peer' });
  const tls = await selfSignedTls(PEER_HOST_ALIAS);
  const tlsCertPath = join(dir, 'tls-ca.pem');
  await writeFile(tlsCertPath, tls.certPem);
  const server = await GatewayTestServer.start({ channel: TEST_CHANNEL, chaincode: TEST_CHAINCODE, msps: new Map([[BUREAU_MSP, client.caPem]]), peer, tls });
  const files = (id: string) => ({ certPath: join(mspDir, BUREAU_MSP, `${id}.pem`), keyPath: join(mspDir, BUREAU_MSP, `${id}-key.pem`) });
  const settings: FabricSettings = {
    peerEndpoint: server.endpoint,
    peerHostAlias: PEER_HOST_ALIAS,
    tlsCertPath,
    mspId: BUREAU_MSP,
    ...files('bureau-gateway'),
    channel: TEST_CHANNEL,
    chaincode: TEST_CHAINCODE,
  };
  const env = {
    ELC_FABRIC_PEER_ENDPOINT: settings.peerEndpoint,
    ELC_FABRIC_PEER_HOST_ALIAS: PEER_HOST_ALIAS,
    ELC_FABRIC_TLS_CERT: tlsCertPath,
    ELC_FABRIC_MSP_ID: BUREAU_MSP,
    ELC_FABRIC_CERT: settings.certPath,
    ELC_FABRIC_KEY: settings.keyPath,
    ELC_FABRIC_CHANNEL: TEST_CHANNEL,
    ELC_FABRIC_CHAINCODE: TEST_CHAINCODE,
  };
  if (options.bootstrap ?? true) {
    const admin = await openFabricLedger(settings);
    try {
      await admin.submit('Bootstrap', region);
    } finally {
      await admin.close();
    }
  }
  return {
    dir,
    server,
    settings,
    env,
    async identityFiles(enrollmentId) {
      await loadOrCreateIdentity(mspDir, { mspId: BUREAU_MSP, enrollmentId, role: 'bureau', region });
      return files(enrollmentId);
    },
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
