// Anchoring: the TSA source, the durable token store and the timestamper of anchored
// checkpoints, and the anchorer that puts the log's checkpoints on the ledger.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { anchorCovering, createAnchorer, registerAnchorerMetrics, type AnchorCovering, type Anchorer } from '../anchor/index.js';
import type { GatewayConfig } from '../config.js';
import type { LedgerPort } from '../ledger/index.js';
import type { LogService } from '../log/index.js';
import { createTimestamper, openTokenStore, openTsaSource, registerTimestampMetrics, TIMESTAMP_STORE_DIR, type Timestamper, type TsaSource } from '../timestamps/index.js';
import type { Closers } from './closers.js';

export interface Anchoring {
  readonly tsa: TsaSource;
  readonly timestamper: Timestamper;
  readonly anchorer: Anchorer;
  readonly anchorCovering: AnchorCovering;
}

export interface AnchoringOptions {
  /** anchorer poll interval (tests) */
  readonly anchorPollIntervalMs?: number;
}

export async function openAnchoring(
  config: GatewayConfig,
  log: LogService,
  ledger: LedgerPort,
  closers: Closers,
  logger: Logger,
  registry: Registry,
  now: () => number,
  options: AnchoringOptions = {},
): Promise<Anchoring> {
  const tsa = await openTsaSource({ dataDir: config.dataDir, hashAlg: config.hash, url: config.tsaUrl, rootsPath: config.tsaRootsPath });
  const tokenStore = closers.add(await openTokenStore(join(config.dataDir, TIMESTAMP_STORE_DIR)), (s) => s.close());
  const timestamper = closers.add(
    createTimestamper({ store: tokenStore, tsa, now, onError: (e, size) => logger.warn({ err: e, size }, 'checkpoint timestamp failed; will retry') }),
    (t) => t.close(),
  );
  const anchorer = closers.add(
    createAnchorer({
      source: log,
      ledger,
      region: config.region,
      ...(options.anchorPollIntervalMs === undefined ? {} : { pollIntervalMs: options.anchorPollIntervalMs }),
      onError: (e) => logger.warn({ err: e }, 'anchoring failed; will retry'),
      onAnchor: (a) => {
        timestamper.add({ size: a.size, note: a.note }).catch((e: unknown) => logger.error({ err: e, size: a.size }, 'queueing a checkpoint timestamp failed'));
      },
    }),
    (a) => a.close(),
  );
  await timestamper.start();
  await anchorer.start();
  // An anchor whose token was never queued (a crash right after the ledger's commit) gets one now.
  const latest = anchorer.latestAnchor();
  if (latest !== undefined) await timestamper.add({ size: latest.size, note: latest.note });
  registerAnchorerMetrics(registry, () => anchorer);
  registerTimestampMetrics(registry, () => timestamper);
  return { tsa, timestamper, anchorer, anchorCovering: anchorCovering(anchorer, config.waitTimeoutMs) };
}
