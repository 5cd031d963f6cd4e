// The ledger of a gateway config (ELC_LEDGER): the embedded ledger in ELC_DATA_DIR, bound to the
// gateway's region (ELC_REGION). The fabric branch is added with the Fabric adapter.
import type { GatewayConfig } from './config.js';
import { openEmbeddedLedger, type LedgerPort } from './ledger/index.js';

/** GB/T 2260 code of Shandong province: the region of the first deployment (docs/data-spec-shandong.md). */
export const DEFAULT_REGION = '370000';

export async function openLedgerForConfig(config: GatewayConfig, region: string = DEFAULT_REGION): Promise<LedgerPort> {
  if (config.ledger !== 'embedded') throw new Error(`ELC_LEDGER=${config.ledger} is not available in this build`);
  return openEmbeddedLedger({ dataDir: config.dataDir, region, role: 'bureau' });
}
