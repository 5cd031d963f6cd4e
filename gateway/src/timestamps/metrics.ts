// The timestamper's backlog as Prometheus gauges, on the gateway's registry.
import { Gauge, type Registry } from 'prom-client';
import type { Timestamper } from './timestamper.js';

export function registerTimestampMetrics(registry: Registry, timestamper: () => Timestamper | undefined): void {
  const gauge = (name: string, help: string, read: (t: Timestamper) => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const t = timestamper();
        if (t !== undefined) this.set(read(t));
      },
    });
  };
  gauge('elc_tsa_pending_checkpoints', 'Anchored checkpoints still waiting for their RFC 3161 token', (t) => t.backlog().pending);
  gauge('elc_tsa_pending_seconds', 'Seconds the oldest checkpoint has waited for its token (0 when none)', (t) => t.backlog().pendingMs / 1000);
  gauge('elc_tsa_consecutive_failures', 'Failed TSA requests since the last token', (t) => t.backlog().consecutiveFailures);
  gauge('elc_tsa_tokens_total', 'RFC 3161 tokens stored since start', (t) => t.backlog().tokensTotal);
}
