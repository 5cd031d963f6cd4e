/**
 * One call to open the simulated peer of a directory, as the gateway's `npm start` does by
 * default (in `<dataDir>/ledger`):
 *
 *   <dir>/chain/          the LevelDB chain store
 *   <dir>/msp/<mspId>/    the MSPs' CAs and client certificates (identity.ts)
 *
 * On first start it creates the identities and bootstraps the org registry: the bureau MSP calls
 * Bootstrap(region) (trust on first use), and a vendor gateway's MSP is then registered by that
 * bureau with the vendor role. Later starts find the chain and reuse everything.
 */
import { join } from 'node:path';
import { openChainStore } from './chain-store.js';
import { refusalCode } from './errors.js';
import { loadOrCreateIdentity } from './identity.js';
import { createLedgerSim } from './peer.js';
import type { LedgerSim } from './peer.js';
import type { SigningIdentity } from './runtime/index.js';

export const DEFAULT_GATEWAY_MSP = 'ElcGatewayMSP';
export const DEFAULT_BUREAU_MSP = 'ElcBureauMSP';

export interface OpenLedgerSimOptions {
  /** the ledger's own directory (chain/ and msp/) */
  readonly dir: string;
  /** GB/T 2260 region of the gateway's org (and of the bootstrapped bureau) */
  readonly region: string;
  /** elc.role the gateway acts with (default bureau) */
  readonly role?: 'bureau' | 'vendor';
  readonly mspId?: string;
  /** the bureau MSP that bootstraps the ledger when the gateway itself is a vendor */
  readonly bureauMspId?: string;
  readonly channel?: string;
  readonly clock?: () => number;
}

export async function openLedgerSim(options: OpenLedgerSimOptions): Promise<LedgerSim> {
  const { dir } = options;
  const role = options.role ?? 'bureau';
  const mspId = options.mspId ?? DEFAULT_GATEWAY_MSP;
  const mspDir = join(dir, 'msp');
  const identity = await loadOrCreateIdentity(mspDir, { mspId, enrollmentId: 'gateway', role, region: options.region });
  const bureau =
    role === 'bureau'
      ? identity
      : await loadOrCreateIdentity(mspDir, { mspId: options.bureauMspId ?? DEFAULT_BUREAU_MSP, enrollmentId: 'admin', role: 'bureau', region: options.region });
  const msps = new Map([
    [identity.mspId, identity.caPem],
    [bureau.mspId, bureau.caPem],
  ]);
  const store = await openChainStore(join(dir, 'chain'));
  const sim = createLedgerSim({
    store,
    identity,
    admin: bureau,
    msps,
    ...(options.channel === undefined ? {} : { channel: options.channel }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  try {
    if (sim.height() === 0) await bootstrap(sim, bureau, options.region);
    if (role === 'vendor') await sim.submitAs(bureau, 'RegisterOrg', mspId, JSON.stringify(['vendor']), options.region);
  } catch (e) {
    await sim.close();
    throw e;
  }
  return sim;
}

async function bootstrap(sim: LedgerSim, bureau: SigningIdentity, region: string): Promise<void> {
  try {
    await sim.submitAs(bureau, 'Bootstrap', region);
  } catch (e) {
    if (refusalCode(e) !== 'ALREADY_BOOTSTRAPPED') throw e;
  }
}
