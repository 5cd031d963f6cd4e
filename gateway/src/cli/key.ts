// `elc key`: the log's verifier key (C2SP vkey text), from the log key in the data dir. Like the
// gateway's first start, it creates the key when the data dir has none yet.
import type { GatewayConfig } from '../config.js';
import { loadOrCreateLogKey } from '../log/index.js';

export async function keyCommand(config: GatewayConfig): Promise<string> {
  return (await loadOrCreateLogKey(config.dataDir, config.origin)).vkey;
}
