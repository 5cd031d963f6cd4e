// Prometheus gauges of the upstream forwarding, read from the forwarder's status at scrape time.
import { Gauge, type Registry } from 'prom-client';
import type { SyncStatus } from './forwarder.js';

export function registerSyncMetrics(registry: Registry, status: () => Promise<SyncStatus>): void {
  let cached: Promise<SyncStatus> | undefined;
  const read = (): Promise<SyncStatus> => (cached ??= status().finally(() => setTimeout(() => (cached = undefined), 0)));
  const gauge = (name: string, help: string, pick: (s: SyncStatus) => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(pick(await read()));
      },
    });
  };
  gauge('elc_sync_lag_records', 'accepted Shandong records not yet acknowledged by the upstream', (s) => s.lag);
  gauge('elc_sync_forwarded_seq', 'the last record the upstream acknowledged', (s) => s.forwardedSeq);
  gauge('elc_sync_failures_total', 'failed forwarding attempts since start', (s) => s.failures);
  gauge('elc_sync_consecutive_failures', 'failed forwarding attempts since the last success', (s) => s.consecutiveFailures);
  gauge('elc_sync_oldest_pending_age_seconds', 'age of the oldest record not yet forwarded (0 when none)', (s) => s.oldestPending?.ageSeconds ?? 0);
}
