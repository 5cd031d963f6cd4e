// The ledger of a gateway config (ELC_LEDGER): the embedded ledger in ELC_DATA_DIR, bound to the
// gateway's region (ELC_REGION); or, with ELC_LEDGER=fabric, the Fabric adapter to the org's peer
// (the ELC_FABRIC_* settings; the network's deploy step bootstrapped the org registry).
import type { GatewayConfig } from '../config.js';
import { openEmbeddedLedger, type LedgerPort } from '../ledger/index.js';
import { openFabricLedger } from '../ledger/fabric/index.js';

/** GB/T 2260 code of Shandong province: the region of the first deployment (docs/data-spec-shandong.md). */
export const DEFAULT_REGION = '370000';

export async function openLedgerForConfig(config: GatewayConfig, region: string = DEFAULT_REGION): Promise<LedgerPort> {
  if (config.ledger === 'fabric') {
    if (config.fabric === undefined) throw new Error('ELC_LEDGER=fabric needs the ELC_FABRIC_* settings');
    return openFabricLedger(config.fabric);
  }
  return openEmbeddedLedger({ dataDir: config.dataDir, region, role: 'bureau' });
}
