/**
 * The ledger side of a running gateway (issue 5), opened after the log and closed before it:
 * the ledger (embedded by default), the anchorer, the checkpoint timestamper with its TSA, the
 * evidence index and the transitions outbox; and the routes that use them. createGateway mounts
 * publicRoutes() before authentication and routes() after it (ahead of the ingest routes, so
 * that POST /v1/events?wait=anchored is answered here).
 */
import { join } from 'node:path';
import express, { Router } from 'express';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { createAnchorer, registerAnchorerMetrics } from '../../anchor/index.js';
import type { GatewayConfig } from '../../config.js';
import type { LedgerPort } from '../../ledger/index.js';
import type { LogService } from '../../log/index.js';
import type { GatewayMetrics } from '../../ops/metrics.js';
import { openLedgerForConfig } from '../../open-ledger.js';
import {
  TIMESTAMP_STORE_DIR,
  createTimestamper,
  openTokenStore,
  openTsaSource,
  registerTimestampMetrics,
  type TsaSource,
} from '../../timestamps/index.js';
import { handleTimestampQuery, MAX_TIMESTAMP_QUERY_BYTES } from '../../timestamps/index.js';
import type { BatchPreparer } from '../ingest/preparer.js';
import { contractRoutes } from '../contracts/routes.js';
import { LIFECYCLE_JOURNAL_DIR } from '../../lifecycle/journal.js';
import { openLevelJournal } from '../../lifecycle/level-journal.js';
import { createLifecycleSaga, type Finisher, type LifecycleSaga } from '../../lifecycle/saga.js';
import { createTransitionRecorder } from '../../lifecycle/transition-recorder.js';
import { EVIDENCE_INDEX_DIR, openEvidenceIndexStore } from '../evidence/index-store.js';
import { createEvidenceIndexer } from '../evidence/indexer.js';
import { evidenceRoutes } from '../evidence/routes.js';
import { lookupRoutes } from '../lookup/routes.js';
import { anchoredIngestRoutes } from './anchored-ingest.js';
import type { LedgerFeatures } from './context.js';
import { anchorRoutes } from './routes.js';

export interface LedgerRuntimeOptions {
  readonly config: GatewayConfig;
  /** the log as opened by the gateway */
  readonly log: LogService;
  readonly registry: Registry;
  readonly logger: Logger;
  /** GB/T 2260 region of the gateway (ELC_REGION) */
  readonly region: string;
  /** ELC_TSA_URL / ELC_TSA_ROOTS; no URL: the LOCAL development TSA */
  readonly tsaUrl?: string | undefined;
  readonly tsaRootsPath?: string | undefined;
  readonly now?: () => number;
  readonly openLedger?: (config: GatewayConfig, region: string) => Promise<LedgerPort>;
  /** the finishers of lifecycle formats other than the transitions route (the Shandong interface) */
  readonly finishers?: Readonly<Record<string, Finisher>>;
  /** anchorer poll interval (tests) */
  readonly anchorPollIntervalMs?: number;
}

export interface LedgerRuntime {
  /** The log the routes must use: appends are noted for the evidence index. */
  readonly log: LogService;
  readonly features: LedgerFeatures;
  readonly tsa: TsaSource;
  readonly saga: LifecycleSaga;
  /** GET /v1/lookup, and POST /tsa when the TSA is the local one. */
  publicRoutes(): Router;
  /** The authenticated routes (mount after authenticate). */
  routes(preparer: BatchPreparer, metrics: GatewayMetrics): Router;
  close(): Promise<void>;
}

export async function openLedgerRuntime(o: LedgerRuntimeOptions): Promise<LedgerRuntime> {
  const now = o.now ?? Date.now;
  const logger = o.logger;
  const dataDir = o.config.dataDir;
  const tsa = await openTsaSource({ dataDir, hashAlg: o.config.hash, url: o.tsaUrl, rootsPath: o.tsaRootsPath });
  const ledger = await (o.openLedger ?? openLedgerForConfig)(o.config, o.region);
  const closers: (() => Promise<void>)[] = [() => ledger.close()];
  const closeAll = async (): Promise<void> => {
    for (const c of closers.reverse()) await c().catch((e: unknown) => logger.error({ err: e }, 'ledger runtime close failed'));
  };
  try {
    const indexStore = await openEvidenceIndexStore(join(dataDir, EVIDENCE_INDEX_DIR));
    closers.push(() => indexStore.close());
    const indexer = createEvidenceIndexer(o.log, indexStore, (e) => logger.error({ err: e }, 'evidence index update failed'));
    closers.push(() => indexer.close());
    const log = indexer.log;
    const tokenStore = await openTokenStore(join(dataDir, TIMESTAMP_STORE_DIR));
    closers.push(() => tokenStore.close());
    const timestamper = createTimestamper({
      store: tokenStore,
      tsa,
      now,
      onError: (e, size) => logger.warn({ err: e, size }, 'checkpoint timestamp failed; will retry'),
    });
    closers.push(() => timestamper.close());
    const anchorer = createAnchorer({
      source: o.log,
      ledger,
      region: o.region,
      ...(o.anchorPollIntervalMs === undefined ? {} : { pollIntervalMs: o.anchorPollIntervalMs }),
      onError: (e) => logger.warn({ err: e }, 'anchoring failed; will retry'),
      onAnchor: (a) => {
        timestamper.add({ size: a.size, note: a.note }).catch((e: unknown) => logger.error({ err: e, size: a.size }, 'queueing a checkpoint timestamp failed'));
      },
    });
    closers.push(() => anchorer.close());
    const journal = await openLevelJournal(join(dataDir, LIFECYCLE_JOURNAL_DIR));
    closers.push(() => journal.close());
    const saga = createLifecycleSaga({ log, ledger, journal, now, ...(o.finishers === undefined ? {} : { finishers: o.finishers }) });
    const transitions = createTransitionRecorder({ saga, ledger, now });

    await indexer.catchUp();
    await timestamper.start();
    await anchorer.start();
    // An anchor whose token was never queued (a crash right after the ledger's commit) gets one now.
    const latest = anchorer.latestAnchor();
    if (latest !== undefined) await timestamper.add({ size: latest.size, note: latest.note });
    await saga.recover();
    registerAnchorerMetrics(o.registry, () => anchorer);
    registerTimestampMetrics(o.registry, () => timestamper);
    new Gauge({
      name: 'elc_evidence_index_size',
      help: 'Log entries the evidence index covers (a prefix of the log; the lag is elc_log_tree_size minus this)',
      registers: [o.registry],
      collect() {
        this.set(indexer.indexedSize());
      },
    });

    const features: LedgerFeatures = { log, ledger, anchorer, timestamper, tsa, indexer, waitTimeoutMs: o.config.waitTimeoutMs, now };
    let closed: Promise<void> | undefined;
    return {
      log,
      features,
      tsa,
      saga,
      publicRoutes() {
        const r = Router();
        r.use(lookupRoutes(features));
        const local = tsa.local;
        if (local !== undefined) {
          r.post('/tsa', express.raw({ type: () => true, limit: MAX_TIMESTAMP_QUERY_BYTES }), async (req, res) => {
            const body = req.body as unknown;
            const reply = await handleTimestampQuery(local, body instanceof Uint8Array ? body : new Uint8Array(0), req.headers['content-type'] ?? '');
            res.status(reply.status).type(reply.contentType).send(Buffer.from(reply.body));
          });
        }
        return r;
      },
      routes(preparer, metrics) {
        const r = Router();
        r.use(anchoredIngestRoutes(features, preparer, metrics, o.config.bodyLimitBytes));
        r.use(contractRoutes(features, transitions, o.config.bodyLimitBytes));
        r.use(evidenceRoutes(features));
        r.use(anchorRoutes(features));
        return r;
      },
      close() {
        closed ??= closeAll();
        return closed;
      },
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
