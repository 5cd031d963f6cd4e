// The chaincode as a service, over the wire: `fabric-chaincode-node server` runs in its own
// process on CHAINCODE_SERVER_ADDRESS, a peer double dials it over gRPC and drives transactions
// through the chaincode shim protocol. The same proposals also go through the in-process harness:
// both "endorsers" must return the same bytes and the same write sets (determinism).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amend, batch, conclude, EMPLOYER_JINAN, rescind } from './support/fixtures.js';
import { GrpcPeer } from './support/grpc-peer.js';
import { ContractHarness } from './support/harness.js';
import type { TxResult } from './support/harness.js';
import { ids } from './support/identities.js';
import type { TestIdentity } from './support/identities.js';
import { ORG_SETUP } from './support/orgs.js';
import { TestLog, logKey } from './support/test-log.js';

const CHAINCODE_DIR = fileURLToPath(new URL('..', import.meta.url));
const CLI = createRequire(createRequire(import.meta.url).resolve('fabric-shim')).resolve('./cli.js');
const CCID = 'elc_1.0:0123456789abcdef';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let child: ChildProcess;
let grpcPeer: GrpcPeer;
let output = '';

beforeAll(async () => {
  const port = await freePort();
  child = spawn(process.execPath, [CLI, 'server', `--chaincode-address=127.0.0.1:${port}`, `--chaincode-id=${CCID}`], {
    cwd: CHAINCODE_DIR,
    env: { ...process.env, CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  grpcPeer = new GrpcPeer(`127.0.0.1:${port}`);
  await grpcPeer.connect(30_000);
});

afterAll(() => {
  grpcPeer.close();
  child.kill('SIGTERM');
});

type Step = [who: TestIdentity, kind: 'submit' | 'evaluate', fcn: string, ...args: string[]];

function comparable(r: TxResult) {
  return {
    txId: r.txId,
    status: r.status,
    message: r.message,
    payload: r.payload,
    event: r.event,
    committed: r.committed,
    writeSet: [...r.writeSet].map(([k, v]) => [k, v === null ? null : Buffer.from(v).toString('hex')]),
  };
}

describe('chaincode as a service over gRPC', () => {
  it('registers with the peer under CHAINCODE_ID', () => {
    expect(grpcPeer.registeredAs, output).toBe(CCID);
  });

  it('answers every transaction as the in-process router does, byte for byte', async () => {
    const origin = 'elc.example/log/grpc';
    const log = new TestLog(origin);
    const fork = new TestLog(origin, 'sha256', 'fork');
    const key = logKey(origin);
    const steps: Step[] = [
      ...ORG_SETUP.map(([who, fcn, ...args]): Step => [who, 'submit', fcn, ...args]),
      [ids.bureau, 'submit', 'Bootstrap', '370000'],
      [ids.vendorClaimsBureau, 'submit', 'RegisterOrg', 'OtherMSP', '["vendor"]', '370100'],
      [ids.bureau, 'submit', 'RegisterLog', origin, key.vkey, 'sha256', '370000'],
      [ids.bureau, 'submit', 'AnchorCheckpoint', origin, log.checkpoint(5, key), '[]'],
      [ids.vendorShandong, 'submit', 'AnchorCheckpoint', origin, log.checkpoint(12, key), log.proof(5, 12)],
      [ids.bureau, 'submit', 'AnchorCheckpoint', origin, fork.checkpoint(12, key), '[]'],
      [ids.bureau, 'submit', 'AnchorCheckpoint', origin, fork.checkpoint(20, key), fork.proof(12, 20)],
      [ids.vendorJinan, 'submit', 'RecordTransitions', batch(conclude('G-1'), conclude('G-2'), amend('G-1'))],
      [ids.vendorJinan, 'submit', 'RecordTransitions', batch(rescind('G-2'), conclude('G-1'))],
      [ids.vendorJinan, 'submit', 'RecordTransitions', batch(rescind('G-2'))],
      [ids.regulator, 'submit', 'RecordTransitions', batch(amend('G-1'))],
      [ids.arbitration, 'evaluate', 'GetContract', EMPLOYER_JINAN, 'G-1'],
      [ids.arbitration, 'evaluate', 'GetContractHistory', EMPLOYER_JINAN, 'G-2'],
      [ids.regulator, 'evaluate', 'ListAnchors', origin, '1', ''],
      [ids.regulator, 'evaluate', 'GetLatestAnchor', origin],
      [ids.regulator, 'evaluate', 'GetAnchor', origin, '6'],
      [ids.arbitration, 'evaluate', 'ListOrgs'],
      [ids.otherVendor, 'evaluate', 'GetOrg', 'VendorMSP'],
      [ids.bureauJinan, 'submit', 'RegisterOrg', 'OtherMSP', '["vendor"]', '370100'],
      [ids.bureauJinan, 'submit', 'UpdateOrg', 'OtherMSP', '["vendor","arbitration"]', '370102'],
      [ids.otherVendor, 'submit', 'RecordTransitions', batch(amend('G-1'))],
      [ids.bureau, 'submit', 'RemoveOrg', 'OtherMSP'],
      [ids.otherVendor, 'evaluate', 'GetContract', EMPLOYER_JINAN, 'G-1'],
    ];
    const local = new ContractHarness();
    const codes: number[] = [];
    const eventsOverWire: string[] = [];
    for (const [who, kind, fcn, ...args] of steps) {
      const [overWire, inProcess] = [await grpcPeer[kind](who, fcn, ...args), await local[kind](who, fcn, ...args)];
      expect(comparable(overWire), `${fcn} over gRPC`).toEqual(comparable(inProcess));
      codes.push(overWire.status);
      if (overWire.event !== undefined) eventsOverWire.push(overWire.event.name);
    }
    // chaincode events travel in the shim's COMPLETED message: the comparison above is not vacuous
    expect(eventsOverWire).toEqual(expect.arrayContaining(['elc.log.registered', 'elc.anchor', 'elc.transitions']));
    expect(codes).toEqual([...ORG_SETUP.map(() => 200), 500, 500, 200, 200, 200, 500, 500, 200, 500, 200, 500, 200, 200, 200, 200, 500, 200, 500, 200, 200, 500, 200, 500]);
    expect(grpcPeer.world.keys()).toEqual(local.world.keys());
    for (const k of local.world.keys()) expect(grpcPeer.world.get(k)).toEqual(local.world.get(k));
  });
});
