// The gateway as a value: createGateway(config) wires config, auth, the log and the routes into
// an Express app; start() listens, close() drains and closes the log. main.ts and tests use it.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { authenticate } from './auth/middleware.js';
import { ensureDevIssuer } from './auth/dev-issuer.js';
import { loadKeyRegistry } from './auth/key-registry.js';
import { createTokenVerifier } from './auth/token-verifier.js';
import type { GatewayConfig } from './config.js';
import { errorMiddleware, notFoundHandler } from './errors/middleware.js';
import { createPreparer } from './features/ingest/preparer.js';
import { ingestRoutes } from './features/ingest/routes.js';
import { createHotReadPath, recordHeaders, type HotReadStats } from './features/log-read/hot-path.js';
import { authenticatedLogRoutes, publicLogRoutes } from './features/log-read/routes.js';
import type { LogService } from './log/index.js';
import { healthRoutes } from './ops/health.js';
import { createLogger } from './ops/logger.js';
import { createMetrics, type GatewayMetrics } from './ops/metrics.js';
import { createRateLimit } from './ops/rate-limit.js';
import { requestLog } from './ops/request-log.js';
import { openLogForConfig } from './open-log.js';
import { openLedgerRuntime, type LedgerRuntime } from './features/anchors/ledger-runtime.js';
import { openShandong, type Shandong } from './features/shandong/open.js';
import { readPrivateJwk } from './features/sync/index.js';

export interface GatewayDeps {
  readonly logger?: Logger;
  /** Opens the log; default: the embedded log engine in config.dataDir. */
  readonly openLog?: (config: GatewayConfig) => Promise<LogService>;
  /** ms since the epoch, for token checks and metrics. */
  readonly now?: () => number;
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
  /** Stops taking requests, lets in-flight ones finish, then closes the log. Idempotent. */
  close(): Promise<void>;
}

/** Connections idle this long are closed; a drain never waits on a slow client longer. */
const SHUTDOWN_GRACE_MS = 5000;

export async function createGateway(config: GatewayConfig, deps: GatewayDeps = {}): Promise<Gateway> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const now = deps.now ?? Date.now;
  if (config.ledger === 'embedded') await ensureDevIssuer(config.dataDir, config.jwksPath);
  const registry = await loadKeyRegistry(config.jwksPath, now);
  const verify = createTokenVerifier({ registry, issuer: config.jwtIssuer, audience: config.jwtAudience, now });
  const openedLog = await (deps.openLog ?? openLogForConfig)(config);
  const metrics = createMetrics(() => openedLog, now);
  // The ledger, anchorer, timestamper and evidence index (issue 5); routes use its wrapped log.
  let ledgerRuntime: LedgerRuntime;
  try {
    ledgerRuntime = await openLedgerRuntime({ config, log: openedLog, registry: metrics.registry, logger, region: config.region, tsaUrl: config.tsaUrl, tsaRootsPath: config.tsaRootsPath, now });
  } catch (e) {
    await openedLog.close();
    throw e;
  }
  const log = ledgerRuntime.log;
  // The Shandong data interface and its upstream forwarding (issue 6), on the ledger and the wrapped log.
  let shandong: Shandong;
  try {
    shandong = await openShandong({
      dataDir: config.dataDir,
      log,
      ledger: ledgerRuntime.features.ledger,
      piiAlg: config.piiAlg,
      ...(config.piiKey === undefined ? {} : { piiKey: config.piiKey }),
      ...(config.commitmentSecret === undefined ? {} : { commitmentSecret: config.commitmentSecret }),
      ...(config.upstreamUrl === undefined ? {} : { upstreamUrl: config.upstreamUrl, upstreamToken: config.upstreamToken ?? '' }),
      ...(config.upstreamUrl === undefined || config.upstreamToken !== undefined || config.upstreamJwkPath === undefined
        ? {}
        : {
            upstreamMinter: {
              jwk: await readPrivateJwk(config.upstreamJwkPath),
              claims: { org: config.upstreamOrg ?? '', role: 'bureau' as const, region: config.region },
              issuer: config.jwtIssuer,
              audience: config.jwtAudience,
              now,
            },
          }),
      bodyLimitBytes: config.bodyLimitBytes,
      registry: metrics.registry,
      now,
    });
  } catch (e) {
    await ledgerRuntime.close();
    await openedLog.close();
    throw e;
  }
  const preparer = createPreparer(config.ingestWorkers, config.maxEventsPerRequest);
  await preparer.ready();
  let closing = false;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const securityHeaders = helmet();
  app.use(securityHeaders);
  app.use(requestLog(logger, metrics));
  app.use(healthRoutes(() => log, () => closing));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const byIp = createRateLimit(config.rateLimitPerMinute, 'ip');
  const byOrg = createRateLimit(config.rateLimitPerMinute, 'org');
  // Public reads are limited per client IP, authenticated routes per org (after authenticate).
  app.use(['/v1/log/checkpoint', '/v1/log/key', '/tile'], byIp.middleware);
  app.use(publicLogRoutes(log));
  app.use(['/v1/lookup', '/tsa'], byIp.middleware);
  app.use(ledgerRuntime.publicRoutes());
  app.use('/v1', authenticate(verify), byOrg.middleware);
  app.use(authenticatedLogRoutes(log));
  app.use(ledgerRuntime.routes(preparer, metrics));
  app.use(shandong.routes);
  app.use(ingestRoutes(log, preparer, metrics, { bodyLimitBytes: config.bodyLimitBytes, waitTimeoutMs: config.waitTimeoutMs }));
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));
  // The successful proof reads are answered ahead of Express, as the routes above would answer
  // them (features/log-read/hot-path.ts); keep it in step when adding middleware in front of them.
  const hot = createHotReadPath(
    { log, verify, securityHeaders: recordHeaders(securityHeaders), rateLimit: byOrg.counter, metrics, logger, closing: () => closing },
    app,
  );

  let server: Server | undefined;
  let closed: Promise<void> | undefined;
  const gateway: Gateway = {
    app,
    config,
    log,
    metrics,
    get port() {
      const addr = server?.address();
      return addr !== null && typeof addr === 'object' ? addr.port : config.port;
    },
    hotReads: () => hot.stats(),
    async start() {
      if (server !== undefined) return gateway.port;
      server = createServer(hot.listener);
      server.listen(config.port, config.host);
      server.keepAliveTimeout = 65_000;
      await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e as Error))]);
      logger.info(
        { host: config.host, port: gateway.port, dataDir: config.dataDir, origin: config.origin, hash: config.hash, ingest: preparer.kind },
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
        await preparer.close();
        await shandong.close();
        await ledgerRuntime.close();
        await log.close();
        logger.info('gateway closed');
      })();
      return closed;
    },
  };
  return gateway;
}
