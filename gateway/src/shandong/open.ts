/**
 * The Shandong interface of one gateway, opened from its data dir: the store (`<dataDir>/sd`), the
 * personal-data key (`<dataDir>/pii/data.key` or ELC_PII_KEY), the worker-commitment secret
 * (`<dataDir>/pii/commitment.key` or ELC_COMMITMENT_SECRET), the service (a format of the
 * lifecycle saga, whose finisher it registers: the saga's recovery finishes Shandong batches a
 * crash left), the reads of personal data, and the upstream forwarder when one is configured.
 */
import { join } from 'node:path';
import type { Registry } from 'prom-client';
import type { LedgerPort } from '../ledger/index.js';
import type { LifecycleSaga } from '../lifecycle/saga.js';
import type { LogService } from '../log/index.js';
import { createPiiCipher, loadOrCreateSecret, type PiiAlg } from '../pii/index.js';
import { createForwarder, disabledStatus, type Forwarder, type SyncStatus } from './forwarder.js';
import { createSdReads, type SdReads } from './reads.js';
import { createSdService, SD_FORMAT, type SdService } from './service.js';
import { openSdStore } from './store.js';
import { registerSyncMetrics } from './sync-metrics.js';
import { upstreamTokenMinter, type UpstreamMinter } from './upstream-token.js';
import { createSdValidators, type SdConfigInput } from './validate/index.js';

export const SD_STORE_DIR = 'sd';
export const PII_KEY_FILE = join('pii', 'data.key');
export const COMMITMENT_SECRET_FILE = join('pii', 'commitment.key');

export interface OpenShandongOptions {
  readonly dataDir: string;
  /** the log reads are logged to (evidence.accessed) */
  readonly log: LogService;
  readonly ledger: Pick<LedgerPort, 'getContract'>;
  /** the lifecycle saga the interface records its batches through */
  readonly saga: LifecycleSaga;
  /** aes-256-gcm (default) or sm4-gcm for national-crypto deployments */
  readonly piiAlg?: PiiAlg;
  /** ELC_PII_KEY, ELC_COMMITMENT_SECRET (base64 or hex, >= 32 bytes) */
  readonly piiKey?: string;
  readonly commitmentSecret?: string;
  /** ELC_UPSTREAM_URL and ELC_UPSTREAM_TOKEN: forward every accepted record there */
  readonly upstreamUrl?: string;
  readonly upstreamToken?: string;
  /** instead of upstreamToken: mint short-lived tokens with this private JWK and these claims */
  readonly upstreamMinter?: UpstreamMinter;
  readonly validators?: SdConfigInput;
  readonly registry?: Registry;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
  readonly backoffMinMs?: number;
  readonly backoffMaxMs?: number;
}

export interface Shandong {
  readonly service: SdService;
  readonly reads: SdReads;
  readonly forwarder: Forwarder | undefined;
  status(): Promise<SyncStatus>;
  close(): Promise<void>;
}

export async function openShandong(o: OpenShandongOptions): Promise<Shandong> {
  const dataKey = await loadOrCreateSecret(join(o.dataDir, PII_KEY_FILE), 'ELC_PII_KEY', o.piiKey);
  const secret = await loadOrCreateSecret(join(o.dataDir, COMMITMENT_SECRET_FILE), 'ELC_COMMITMENT_SECRET', o.commitmentSecret);
  const cipher = createPiiCipher(o.piiAlg ?? 'aes-256-gcm', dataKey);
  const store = await openSdStore(join(o.dataDir, SD_STORE_DIR));
  let forwarder: Forwarder | undefined;
  if (o.upstreamUrl !== undefined && o.upstreamUrl !== '') {
    forwarder = createForwarder({
      store,
      cipher,
      upstreamUrl: o.upstreamUrl,
      token: o.upstreamMinter === undefined ? (o.upstreamToken ?? '') : upstreamTokenMinter(o.upstreamMinter),
      ...(o.fetch === undefined ? {} : { fetch: o.fetch }),
      ...(o.now === undefined ? {} : { now: o.now }),
      ...(o.backoffMinMs === undefined ? {} : { backoffMinMs: o.backoffMinMs }),
      ...(o.backoffMaxMs === undefined ? {} : { backoffMaxMs: o.backoffMaxMs }),
    });
  }
  const service = createSdService({
    store,
    saga: o.saga,
    ledger: o.ledger,
    cipher,
    commitmentSecret: secret,
    validators: createSdValidators(o.validators),
    ...(o.now === undefined ? {} : { now: o.now }),
    onRecords: () => forwarder?.wake(),
  });
  o.saga.register(SD_FORMAT, (batch, recorded) => service.finishBatch(batch, recorded));
  const reads = createSdReads({ store, log: o.log, cipher, ...(o.now === undefined ? {} : { now: o.now }) });
  const status = (): Promise<SyncStatus> => forwarder?.status() ?? disabledStatus(store);
  if (o.registry !== undefined) registerSyncMetrics(o.registry, status);
  forwarder?.start();
  return {
    service,
    reads,
    forwarder,
    status,
    async close() {
      await forwarder?.close();
      await store.close();
    },
  };
}
