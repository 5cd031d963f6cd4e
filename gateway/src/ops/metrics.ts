// Prometheus metrics on a registry of our own (several gateways can live in one process in tests).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LogService } from '../log/index.js';

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
  new Gauge({
    name: 'elc_log_tree_size',
    help: 'Entries durably sequenced in the log',
    registers: [registry],
    collect() {
      const s = log()?.stats();
      if (s !== undefined) this.set(s.size);
    },
  });
  new Gauge({
    name: 'elc_log_checkpoint_size',
    help: 'Tree size of the latest signed checkpoint',
    registers: [registry],
    collect() {
      const s = log()?.stats();
      if (s !== undefined) this.set(s.checkpointSize);
    },
  });
  new Gauge({
    name: 'elc_log_checkpoint_age_seconds',
    help: 'Seconds since the latest checkpoint was signed',
    registers: [registry],
    collect() {
      const t = log()?.stats().checkpointTime;
      if (t !== undefined) this.set(Math.max(0, (now() - t) / 1000));
    },
  });
  new Gauge({
    name: 'elc_log_queue_depth',
    help: 'Entries accepted but not yet durably written',
    registers: [registry],
    collect() {
      const s = log()?.stats();
      if (s !== undefined) this.set(s.pending);
    },
  });
  new Gauge({
    name: 'elc_log_pushback_total',
    help: 'Appends refused with LOG_PUSHBACK since start',
    registers: [registry],
    collect() {
      const s = log()?.stats();
      if (s !== undefined) this.set(s.pushbackTotal);
    },
  });
  return { registry, eventsIngested, httpDuration };
}
