/**
 * One call to open the embedded ledger of a data dir, as `npm start` does by default:
 *
 *   <dataDir>/ledger/chain/          the LevelDB chain store
 *   <dataDir>/ledger/msp/<mspId>/    the MSPs' CAs and client certificates (identity.ts)
 *
 * On first start it creates the identities and bootstraps the org registry: the bureau MSP calls
 * Bootstrap(region) (trust on first use), and a vendor gateway's MSP is then registered by that
 * bureau with the vendor role. Later starts find the chain and reuse everything.
 */
import { join } from 'node:path';
import { isLedgerRefusal } from '../errors.js';
import { openChainStore } from './chain-store.js';
import { createEmbeddedLedger } from './embedded-ledger.js';
import type { EmbeddedLedger } from './embedded-ledger.js';
import { loadOrCreateIdentity } from './identity.js';

export const LEDGER_DIR = 'ledger';
export const DEFAULT_GATEWAY_MSP = 'ElcGatewayMSP';
export const DEFAULT_BUREAU_MSP = 'ElcBureauMSP';

export interface OpenEmbeddedLedgerOptions {
  readonly dataDir: string;
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

export async function openEmbeddedLedger(options: OpenEmbeddedLedgerOptions): Promise<EmbeddedLedger> {
  const dir = join(options.dataDir, LEDGER_DIR);
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
  const ledger = createEmbeddedLedger({
    store,
    identity,
    admin: bureau,
    msps,
    ...(options.channel === undefined ? {} : { channel: options.channel }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  try {
    if (ledger.height() === 0) await bootstrap(ledger, bureau, options.region);
    if (role === 'vendor') await ledger.submitAs(bureau, 'RegisterOrg', mspId, JSON.stringify(['vendor']), options.region);
  } catch (e) {
    await ledger.close();
    throw e;
  }
  return ledger;
}

async function bootstrap(ledger: EmbeddedLedger, bureau: Parameters<EmbeddedLedger['submitAs']>[0], region: string): Promise<void> {
  try {
    await ledger.submitAs(bureau, 'Bootstrap', region);
  } catch (e) {
    if (!isLedgerRefusal(e, 'ALREADY_BOOTSTRAPPED')) throw e;
  }
}
