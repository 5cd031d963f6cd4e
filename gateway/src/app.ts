// The gateway as a value: createGateway(config) composes the subsystems and features
// (compose/) into the HTTP app (http/); start() listens, close() drains in-flight requests and
// closes everything in reverse order. main.ts and tests use it.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { composeGateway, type ComposeDeps } from './compose/index.js';
import type { GatewayConfig } from './config.js';
import type { HotReadStats } from './http/hot-path.js';
import { createHttpApp } from './http/http-app.js';
import type { LogService } from './log/index.js';
import { createLogger } from './ops/logger.js';
import type { GatewayMetrics } from './ops/metrics.js';

export interface GatewayDeps extends Partial<ComposeDeps> {
  readonly logger?: Logger;
}

export interface Gateway {
  readonly app: Express;
  readonly config: GatewayConfig;
  readonly log: LogService;
  readonly metrics: GatewayMetrics;
  /** The bound port once started (config.port may be 0). */
  readonly port: number;
  /** How many proof requests the hot read path answered, and how many it handed to Express. */
  hotReads(): HotReadStats;
  start(): Promise<number>;
  /** Stops taking requests, lets in-flight ones finish, then closes everything. Idempotent. */
  close(): Promise<void>;
}

/** Connections idle this long are closed; a drain never waits on a slow client longer. */
const SHUTDOWN_GRACE_MS = 5000;

export async function createGateway(config: GatewayConfig, deps: GatewayDeps = {}): Promise<Gateway> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const composed = await composeGateway(config, { ...deps, logger, now: deps.now ?? Date.now });
  let closing = false;
  const http = createHttpApp({
    features: composed.features,
    log: composed.log,
    verify: composed.verify,
    metrics: composed.metrics,
    logger,
    rateLimitPerMinute: config.rateLimitPerMinute,
    closing: () => closing,
  });

  let server: Server | undefined;
  let closed: Promise<void> | undefined;
  const gateway: Gateway = {
    app: http.app,
    config,
    log: composed.log,
    metrics: composed.metrics,
    get port() {
      const addr = server?.address();
      return addr !== null && typeof addr === 'object' ? addr.port : config.port;
    },
    hotReads: () => http.hotReads(),
    async start() {
      if (server !== undefined) return gateway.port;
      server = createServer(http.listener);
      server.listen(config.port, config.host);
      server.keepAliveTimeout = 65_000;
      await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e as Error))]);
      logger.info(
        { host: config.host, port: gateway.port, dataDir: config.dataDir, origin: config.origin, hash: config.hash, ingest: composed.preparer.kind },
        'gateway listening',
      );
      return gateway.port;
    },
    close() {
      closed ??= (async () => {
        closing = true;
        if (server !== undefined) {
          const s = server;
          const done = new Promise<void>((resolve) => s.close(() => resolve()));
          s.closeIdleConnections();
          const timer = setTimeout(() => s.closeAllConnections(), SHUTDOWN_GRACE_MS);
          await done;
          clearTimeout(timer);
        }
        await composed.close();
        logger.info('gateway closed');
      })();
      return closed;
    },
  };
  return gateway;
}
