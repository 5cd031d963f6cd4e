// The org registry every test channel starts from: the Shandong bureau bootstraps the ledger
// (the deploy-time init call) and registers the fixture orgs. Run through the real router, at a
// time before the tests' own transactions, so their timestamps are as if the setup were not there.
import { ContractHarness, DEFAULT_START } from './harness.js';
import type { HarnessOptions } from './harness.js';
import { ids } from './identities.js';
import type { TestIdentity } from './identities.js';

export const SETUP_TIME = new Date('2026-01-01T00:00:00.000Z');

/** MSP → roles, region, as registered; OtherMSP is deliberately absent. */
export const FIXTURE_ORGS = {
  BureauMSP: { roles: ['bureau'], region: '370000' },
  VendorMSP: { roles: ['vendor'], region: '370000' },
  ArbitrationMSP: { roles: ['arbitration'], region: '370100' },
  RegulatorMSP: { roles: ['regulator'], region: '370000' },
  JinanBureauMSP: { roles: ['bureau'], region: '370100' },
} as const;

export type SetupStep = readonly [who: TestIdentity, fcn: string, ...args: string[]];

/** Bootstrap by the Shandong bureau, then RegisterOrg for every other fixture org. */
export const ORG_SETUP: readonly SetupStep[] = [
  [ids.bureau, 'Bootstrap', FIXTURE_ORGS.BureauMSP.region],
  ...Object.entries(FIXTURE_ORGS)
    .filter(([mspId]) => mspId !== 'BureauMSP')
    .map(([mspId, org]): SetupStep => [ids.bureau, 'RegisterOrg', mspId, JSON.stringify(org.roles), org.region]),
];

/** Runs the setup on anything that submits (the in-process harness or the gRPC peer double). */
export async function registerFixtureOrgs(peer: { submit(who: TestIdentity, fcn: string, ...args: string[]): Promise<{ status: number; message: string }> }): Promise<void> {
  for (const [who, fcn, ...args] of ORG_SETUP) {
    const r = await peer.submit(who, fcn, ...args);
    if (r.status !== 200) throw new Error(`org setup ${fcn} ${args.join(' ')} failed: ${r.message}`);
  }
}

/** A harness whose channel is bootstrapped with the fixture orgs; the tests' clock starts at `options.start`. */
export async function bootstrappedHarness(options: HarnessOptions = {}): Promise<ContractHarness> {
  const h = new ContractHarness(options);
  h.setTime(SETUP_TIME);
  await registerFixtureOrgs(h);
  h.setTime(options.start ?? DEFAULT_START);
  return h;
}
