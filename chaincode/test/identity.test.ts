// The test certificates go through fabric-shim's real ClientIdentity (via a real stub), which
// is where the chaincode reads MSP id, role and region from.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ids } from './support/identities.js';
import type { TestIdentity } from './support/identities.js';
import { MemoryTxHandler } from './support/memory-handler.js';
import { buildProposal } from '@elc/ledger-sim/runtime';
import { MemoryWorldState } from './support/world-state.js';

const requireFromShim = createRequire(createRequire(import.meta.url).resolve('fabric-shim'));
const { ChaincodeStub, ClientIdentity } = requireFromShim('./lib/chaincode.js') as {
  ChaincodeStub: new (...args: unknown[]) => { getTxID(): string; getDateTimestamp(): Date };
  ClientIdentity: new (stub: unknown) => { getMSPID(): string; getID(): string; getAttributeValue(name: string): string | null };
};

function identityOf(who: TestIdentity) {
  const p = buildProposal({ identity: who, channelId: 'elc', chaincodeName: 'elc', args: ['GetLog', 'x'], time: new Date('2026-05-04T03:02:01.250Z'), nonce: new Uint8Array(24) });
  const stub = new ChaincodeStub(new MemoryTxHandler(new MemoryWorldState(), 'elc'), 'elc', p.txId, p.input, p.signedProposal);
  return { stub, txId: p.txId, cid: new ClientIdentity(stub) };
}

describe('test identities through the shim', () => {
  it('carry MSP id, subject and the ELC attributes', () => {
    const { cid } = identityOf(ids.vendorJinan);
    expect(cid.getMSPID()).toBe('VendorMSP');
    expect(cid.getID()).toBe('x509::/C=CN/O=vendor.elc.example/OU=client/CN=vendor-jinan::/C=CN/O=vendor.elc.example/CN=ca.vendor.elc.example');
    expect(cid.getAttributeValue('elc.role')).toBe('vendor');
    expect(cid.getAttributeValue('elc.region')).toBe('370100');
    expect(cid.getAttributeValue('hf.EnrollmentID')).toBe('vendor-jinan');
  });

  it('a certificate without the attribute extension has no role', () => {
    const { cid } = identityOf(ids.noAttributes);
    expect(cid.getAttributeValue('elc.role')).toBeNull();
  });

  it('the stub reads the transaction id and time from the signed proposal', () => {
    const { stub, txId } = identityOf(ids.regulator);
    expect(stub.getTxID()).toBe(txId);
    expect(stub.getDateTimestamp().toISOString()).toBe('2026-05-04T03:02:01.250Z');
  });
});
