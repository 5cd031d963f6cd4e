// `elc key`: the log's verifier key (C2SP vkey text) from the data dir.
import type { GatewayConfig } from '../config.js';

export function keyCommand(_config: GatewayConfig): Promise<string> {
  return Promise.reject(new Error('the log key module is not available yet'));
}
