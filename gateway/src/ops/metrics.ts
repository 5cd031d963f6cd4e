// Prometheus metrics on a registry of our own (several gateways can live in one process in tests).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LogService, LogStats } from '../log/index.js';

export interface GatewayMetrics {
  readonly registry: Registry;
  readonly eventsIngested: Counter;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
}

export function createMetrics(log: () => LogService | undefined, now: () => number = Date.now): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'elc_' });
  const eventsIngested = new Counter({
    name: 'elc_events_ingested_total',
    help: 'Evidence events acknowledged with a receipt (including idempotent retries)',
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'elc_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  /** A gauge read from the log's stats at each scrape; left unset while there is no log (or no value). */
  const logGauge = (name: string, help: string, read: (s: LogStats) => number | undefined): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const s = log()?.stats();
        const v = s === undefined ? undefined : read(s);
        if (v !== undefined) this.set(v);
      },
    });
  };
  logGauge('elc_log_tree_size', 'Entries durably sequenced in the log', (s) => s.size);
  logGauge('elc_log_checkpoint_size', 'Tree size of the latest signed checkpoint', (s) => s.checkpointSize);
  logGauge('elc_log_checkpoint_age_seconds', 'Seconds since the latest checkpoint was signed', (s) =>
    s.checkpointTime === undefined ? undefined : Math.max(0, (now() - s.checkpointTime) / 1000),
  );
  logGauge('elc_log_queue_depth', 'Entries accepted but not yet durably written', (s) => s.pending);
  logGauge('elc_log_pushback_total', 'Appends refused with LOG_PUSHBACK since start', (s) => s.pushbackTotal);
  return { registry, eventsIngested, httpDuration };
}
