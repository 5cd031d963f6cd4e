/**
 * The one place that opens and wires every subsystem of a gateway, in dependency order, and
 * closes them in reverse: auth, the log, the ledger, the evidence index (whose wrapped log every
 * writer uses), anchoring (timestamps and the anchorer), the lifecycle saga with its formats
 * (transitions, Shandong), the ingest validation pool; then the features, each given only what it
 * uses. A subsystem that fails to open closes everything opened before it.
 */
import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { GatewayConfig } from '../config.js';
import { createEvidenceService } from '../evidence/service.js';
import { createAnchorsFeature } from '../features/anchors/routes.js';
import { createContractsFeature } from '../features/contracts/routes.js';
import { createEventsFeature } from '../features/events/routes.js';
import { createLogReadFeature } from '../features/log-read/routes.js';
import { createLookupFeature } from '../features/lookup/routes.js';
import { createShandongFeature } from '../features/shandong/routes.js';
import { createTsaFeature } from '../features/tsa/routes.js';
import type { Feature } from '../http/feature.js';
import { createPreparer, type BatchPreparer } from '../ingest/validation-pool.js';
import type { LedgerPort } from '../ledger/index.js';
import type { LogService } from '../log/index.js';
import { createMetrics, type GatewayMetrics } from '../ops/metrics.js';
import { openAnchoring, type AnchoringOptions } from './anchoring.js';
import { openAuth } from './auth.js';
import { createClosers } from './closers.js';
import { openEvidenceIndex } from './evidence-index.js';
import { openLedgerForConfig } from './ledger.js';
import { openLifecycle } from './lifecycle.js';
import { openLogForConfig } from './log.js';
import { openShandongForConfig } from './shandong.js';

export interface ComposeDeps extends AnchoringOptions {
  readonly logger: Logger;
  /** ms since the epoch, for token checks, event times and metrics */
  readonly now: () => number;
  /** Opens the log; default: the embedded log engine in config.dataDir. */
  readonly openLog?: (config: GatewayConfig) => Promise<LogService>;
  /** Opens the ledger; default: ELC_LEDGER's (embedded in config.dataDir, or Fabric). */
  readonly openLedger?: (config: GatewayConfig) => Promise<LedgerPort>;
}

export interface Composed {
  /** the log as the writers see it (appends noted for the evidence index) */
  readonly log: LogService;
  readonly verify: TokenVerifier;
  readonly metrics: GatewayMetrics;
  readonly features: readonly Feature[];
  readonly preparer: BatchPreparer;
  close(): Promise<void>;
}

export async function composeGateway(config: GatewayConfig, deps: ComposeDeps): Promise<Composed> {
  const { logger, now } = deps;
  const closers = createClosers((e) => logger.error({ err: e }, 'closing a subsystem failed'));
  try {
    const verify = await openAuth(config, now);
    const rawLog = closers.add(await (deps.openLog ?? openLogForConfig)(config), (l) => l.close());
    const metrics = createMetrics(() => rawLog, now);
    const ledger = closers.add(await (deps.openLedger ?? ((c) => openLedgerForConfig(c, c.region)))(config), (l) => l.close());
    const indexer = await openEvidenceIndex(config.dataDir, rawLog, closers, logger, metrics.registry);
    const log = indexer.log;
    const anchoring = await openAnchoring(config, rawLog, ledger, closers, logger, metrics.registry, now, deps);
    const lifecycle = await openLifecycle(config.dataDir, log, ledger, closers, now);
    const shandong = await openShandongForConfig(config, { log, ledger, saga: lifecycle.saga, registry: metrics.registry, now }, closers);
    // Every format is registered now: finish what a crash left before anything is served.
    await lifecycle.saga.recover();
    const preparer = closers.add(createPreparer(config.ingestWorkers, config.maxEventsPerRequest), (p) => p.close());
    await preparer.ready();

    const evidence = createEvidenceService({
      log,
      ledger,
      index: indexer,
      anchorCovering: anchoring.anchorCovering,
      latestAnchor: () => anchoring.anchorer.latestAnchor(),
      timestamper: anchoring.timestamper,
      tsa: anchoring.tsa,
      now,
    });
    const local = anchoring.tsa.local;
    const features: Feature[] = [
      createLogReadFeature(log),
      createLookupFeature({ evidence }),
      ...(local === undefined ? [] : [createTsaFeature(local)]),
      createEventsFeature({ log, preparer, anchorCovering: anchoring.anchorCovering, metrics, bodyLimitBytes: config.bodyLimitBytes, waitTimeoutMs: config.waitTimeoutMs }),
      createContractsFeature({ transitions: lifecycle.transitions, evidence, bodyLimitBytes: config.bodyLimitBytes }),
      createAnchorsFeature({ origin: log.origin, ledger, timestamper: anchoring.timestamper }),
      createShandongFeature({ service: shandong.service, reads: shandong.reads, status: () => shandong.status(), bodyLimitBytes: config.bodyLimitBytes }),
    ];
    return { log, verify, metrics, features, preparer, close: () => closers.closeAll() };
  } catch (e) {
    await closers.closeAll();
    throw e;
  }
}
