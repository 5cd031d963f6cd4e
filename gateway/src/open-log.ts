// Placeholder until the log engine's factory lands.
import type { GatewayConfig } from './config.js';
import type { LogService } from './log/index.js';

export function openLogForConfig(_config: GatewayConfig): Promise<LogService> {
  return Promise.reject(new Error('the log engine is not available yet'));
}
