// `npm start`: the gateway on the embedded defaults (port 8080, data in ./data), configured by
// ELC_* variables. SIGTERM/SIGINT drain in-flight requests and close the log cleanly.
import { createGateway } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './ops/logger.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`elc-gateway: bad configuration: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const gateway = await createGateway(config, { logger });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    gateway.close().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await gateway.start();
}

main().catch((e: unknown) => {
  console.error(`elc-gateway: failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
