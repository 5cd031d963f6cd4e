// The Fabric adapter's protocol behaviour against the Gateway test server (a TEST DOUBLE of a
// peer's Gateway service that runs the real chaincode): MVCC retries, event reconnection from
// the checkpoint, error mapping of chaincode failures, unreachable peers and TLS names, the
// server's signature checks, and that transactions which write nothing are not ordered.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isElcError } from '@elc/core';
import { isLedgerRefusal } from '../../gateway/src/ledger/errors.js';
import type { LedgerEvent } from '../../gateway/src/ledger/port.js';
import { MVCC_READ_CONFLICT, openFabricConnection, openFabricLedger } from '../../gateway/src/ledger/fabric/index.js';
import type { FabricLedger } from '../../gateway/src/ledger/fabric/index.js';
import { loadOrCreateIdentity } from '@elc/ledger-sim';
import { EMPLOYER, TestLog, conclude, docHash, renew } from '../../gateway/src/ledger/test-log.test-support.js';
import { BUREAU_MSP, startFabricTestNetwork } from './support/test-network.js';
import type { FabricTestNetwork } from './support/test-network.js';

const BAD_CREATOR_SIGNATURE = 4;

let net: FabricTestNetwork;
let port: FabricLedger;

beforeEach(async () => {
  net = await startFabricTestNetwork();
  port = await openFabricLedger({ ...net.settings, reconnectInitialMs: 5, reconnectMaxMs: 20 });
});

afterEach(async () => {
  await port.close();
  await net.stop();
});

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('submit', () => {
  it('endorses again after MVCC_READ_CONFLICT: two transitions endorsed on the same state both commit, one of them after a retry', async () => {
    await port.recordTransitions([conclude('HT-M')]);
    net.server.ledger.pauseOrdering();
    const first = port.recordTransitions([renew('HT-M')]);
    const second = port.recordTransitions([renew('HT-M', { docHash: docHash('HT-M second renewal') })]);
    // both were endorsed against the same version of the contract before either was ordered
    await net.server.ledger.waitForPending(2);
    net.server.ledger.resumeOrdering();
    const [a, b] = await Promise.all([first, second]);

    expect(net.server.ledger.counts.mvccReadConflicts).toBe(1);
    expect(port.stats().mvccRetries).toBe(1);
    const invalid = net.server.ledger.blocks.flatMap((blk) => blk.txs).filter((t) => t.code === MVCC_READ_CONFLICT);
    expect(invalid).toHaveLength(1);
    expect([a.txId, b.txId]).not.toContain(invalid[0]?.txId); // the retry is a new transaction
    const history = await port.getContractHistory(EMPLOYER, 'HT-M');
    expect(history).toHaveLength(3);
    expect(history.slice(0, 2).map((h) => h.txId).sort()).toEqual([a.txId, b.txId].sort());
    expect((await port.getContract(EMPLOYER, 'HT-M'))?.transitions).toBe(3);
  });

  it('gives up after maxMvccAttempts with LEDGER_UNAVAILABLE, and nothing of it is written', async () => {
    const once = await openFabricLedger({ ...net.settings, maxMvccAttempts: 1 });
    try {
      await once.recordTransitions([conclude('HT-N')]);
      net.server.ledger.pauseOrdering();
      const first = once.recordTransitions([renew('HT-N')]);
      const second = once.recordTransitions([renew('HT-N', { docHash: docHash('HT-N other') })]);
      await net.server.ledger.waitForPending(2);
      net.server.ledger.resumeOrdering();
      const results = await Promise.allSettled([first, second]);
      const failed = results.filter((r) => r.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect(isElcError((failed[0] as PromiseRejectedResult).reason, 'LEDGER_UNAVAILABLE')).toBe(true);
      expect((await once.getContract(EMPLOYER, 'HT-N'))?.transitions).toBe(2);
      expect(once.stats().mvccRetries).toBe(0);
    } finally {
      await once.close();
    }
  });

  it('does not order a transaction that writes nothing (an idempotent anchor): no Submit, no block', async () => {
    const log = new TestLog('elc.example/log/no-op');
    await port.registerLog({ origin: log.origin, vkey: log.key.vkey, hashAlg: 'sha256', region: '370000' });
    const a = await port.anchorCheckpoint(log.origin, log.checkpoint(4), []);
    const [submits, height] = [net.server.calls.submit, net.server.ledger.height];
    expect(await port.anchorCheckpoint(log.origin, log.checkpoint(4), [])).toEqual(a);
    expect(await port.registerLog({ origin: log.origin, vkey: log.key.vkey, hashAlg: 'sha256', region: '370000' })).toMatchObject({ created: false });
    expect([net.server.calls.submit, net.server.ledger.height]).toEqual([submits, height]);
  });
});

describe('errors', () => {
  it('maps a chaincode failure without a refusal code to LEDGER_TX_FAILED and an unknown function to its refusal; nothing is ordered', async () => {
    const [height, submits] = [net.server.ledger.height, net.server.calls.submit];
    const wrongArity = await caught(port.submit('RegisterLog', 'only-one'));
    expect(isElcError(wrongArity, 'LEDGER_TX_FAILED')).toBe(true);
    expect(isLedgerRefusal(wrongArity)).toBe(false);
    const unknownFn = await caught(port.submit('NoSuchTransaction'));
    expect(isLedgerRefusal(unknownFn, 'INVALID_ARGUMENT') && unknownFn.field === 'function').toBe(true);
    expect([net.server.ledger.height, net.server.calls.submit]).toEqual([height, submits]);
  });

  it('a peer that does not answer is LEDGER_UNAVAILABLE', async () => {
    await net.server.stop();
    const down = await openFabricLedger({ ...net.settings, deadlines: { evaluateMs: 2_000, endorseMs: 2_000, submitMs: 2_000, commitStatusMs: 2_000 } });
    try {
      expect(isElcError(await caught(down.getLog('elc.example/log/x')), 'LEDGER_UNAVAILABLE')).toBe(true);
      expect(isElcError(await caught(down.recordTransitions([conclude('HT-D')])), 'LEDGER_UNAVAILABLE')).toBe(true);
    } finally {
      await down.close();
    }
  });

  it('checks the peer TLS name: a host alias the certificate does not name fails to connect', async () => {
    const wrong = await openFabricLedger({ ...net.settings, peerHostAlias: 'peer0.other.elc.test', deadlines: { evaluateMs: 2_000, endorseMs: 2_000, submitMs: 2_000, commitStatusMs: 2_000 } });
    try {
      expect(isElcError(await caught(wrong.getLog('elc.example/log/x')), 'LEDGER_UNAVAILABLE')).toBe(true);
      expect(net.server.calls.evaluate).toBe(0);
    } finally {
      await wrong.close();
    }
  });

  it('a closed adapter refuses work with LEDGER_CLOSED', async () => {
    await port.close();
    expect(isElcError(await caught(port.getLog('elc.example/log/x')), 'LEDGER_CLOSED')).toBe(true);
    expect(isElcError(await caught(port.recordTransitions([conclude('HT-C')])), 'LEDGER_CLOSED')).toBe(true);
  });
});

describe('the test server checks signatures', () => {
  it('rejects proposals of a client whose certificate its MSP did not issue; nothing is written', async () => {
    const strangerDir = `${net.dir}/stranger`;
    const stranger = await loadOrCreateIdentity(strangerDir, { mspId: BUREAU_MSP, enrollmentId: 'mallory', role: 'bureau', region: '370000' });
    const own = await readFile(`${net.dir}/msp/${BUREAU_MSP}/ca.pem`, 'utf8');
    expect(new X509Certificate(stranger.certPem).verify(new X509Certificate(own).publicKey)).toBe(false);
    const other = await openFabricLedger({ ...net.settings, certPath: `${strangerDir}/${BUREAU_MSP}/mallory.pem`, keyPath: `${strangerDir}/${BUREAU_MSP}/mallory-key.pem` });
    try {
      const height = net.server.ledger.height;
      const [endorsements, submits] = [net.server.calls.endorse, net.server.calls.submit];
      const e = await caught(other.recordTransitions([conclude('HT-X')]));
      expect(isElcError(e, 'LEDGER_UNAVAILABLE') && !isLedgerRefusal(e)).toBe(true);
      expect(net.server.calls.endorse).toBe(endorsements + 1);
      expect(net.server.calls.submit).toBe(submits);
      expect(await port.getContract(EMPLOYER, 'HT-X')).toBeUndefined();
      expect(net.server.ledger.height).toBe(height);
    } finally {
      await other.close();
    }
  });

  it('invalidates a transaction whose envelope signature is not the creator\'s (BAD_CREATOR_SIGNATURE); its writes are not applied', async () => {
    const conn = await openFabricConnection(net.settings);
    try {
      const contract = conn.gateway.getNetwork(net.settings.channel).getContract(net.settings.chaincode);
      const tx = await contract.newProposal('RecordTransitions', { arguments: [JSON.stringify([conclude('HT-S')])] }).endorse();
      const forged = conn.gateway.newSignedTransaction(tx.getBytes(), new Uint8Array(70).fill(1));
      const status = await (await forged.submit()).getStatus();
      expect([status.successful, status.code]).toEqual([false, BAD_CREATOR_SIGNATURE]);
      expect(net.server.ledger.counts.badSignatures).toBe(1);
      expect(await port.getContract(EMPLOYER, 'HT-S')).toBeUndefined();
    } finally {
      conn.close();
    }
  });
});

describe('events', () => {
  it('reconnects a broken stream from its checkpoint: every event once, in block order', async () => {
    const log = new TestLog('elc.example/log/reconnect');
    await port.registerLog({ origin: log.origin, vkey: log.key.vkey, hashAlg: 'sha256', region: '370000' });
    const a1 = await port.anchorCheckpoint(log.origin, log.checkpoint(3), []);
    const got: LedgerEvent[] = [];
    const stop = new AbortController();
    let broken = 0;
    const done = (async () => {
      for await (const e of port.events(0, { signal: stop.signal })) {
        got.push(e);
        if (e.txId === a1.txId) {
          // the peer drops the stream right after delivering a1; later transactions must still arrive
          broken = net.server.breakEventStreams();
          await port.recordTransitions([conclude('HT-R1')]);
          await port.anchorCheckpoint(log.origin, log.checkpoint(7), log.proof(3, 7));
        }
        if (e.name === 'elc.anchor' && (e.payload as { size?: number }).size === 7) stop.abort();
      }
    })();
    await done;
    expect(broken).toBe(1);
    expect(port.stats().eventReconnects).toBeGreaterThanOrEqual(1);
    expect(net.server.calls.chaincodeEvents).toBeGreaterThanOrEqual(2);
    const txIds = got.map((e) => e.txId);
    expect(new Set(txIds).size).toBe(txIds.length);
    // after the bootstrap's events: exactly ours, once each
    expect(got.slice(-4).map((e) => e.name)).toEqual(['elc.log.registered', 'elc.anchor', 'elc.transitions', 'elc.anchor']);
    const blocks = got.map((e) => e.blockNumber);
    expect([...blocks].sort((x, y) => x - y)).toEqual(blocks);
  });

  it('refuses a negative start block', async () => {
    await expect(port.events(-1)[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'LEDGER_BAD_RANGE' });
  });
});
