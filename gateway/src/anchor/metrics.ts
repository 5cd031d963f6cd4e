// The anchorer's backlog as Prometheus gauges, on the gateway's registry.
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Anchorer } from './anchorer.js';

export function registerAnchorerMetrics(registry: Registry, anchorer: () => Anchorer | undefined): void {
  const gauge = (name: string, help: string, read: (a: Anchorer) => number | undefined): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const a = anchorer();
        const v = a === undefined ? undefined : read(a);
        if (v !== undefined) this.set(v);
      },
    });
  };
  gauge('elc_anchor_anchored_size', 'Tree size of the latest checkpoint anchored on the ledger', (a) => a.backlog().anchoredSize);
  gauge('elc_anchor_backlog_entries', 'Entries checkpointed but not yet anchored (checkpoint size - anchored size)', (a) => a.backlog().entries);
  gauge('elc_anchor_pending_seconds', 'Seconds since the oldest checkpoint not yet anchored was seen (0 when none)', (a) => a.backlog().pendingMs / 1000);
  gauge('elc_anchor_consecutive_failures', 'Failed anchoring attempts since the last success', (a) => a.backlog().consecutiveFailures);
  gauge('elc_anchor_anchored_total', 'Anchors made since start', (a) => a.backlog().anchoredTotal);
}
