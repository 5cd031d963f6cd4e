// The evidence index over the log: its store in <dataDir>/evidence-index, the indexer whose
// wrapped log every writer uses (so appends are noted for the index), and its gauge.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { createEvidenceIndexer, EVIDENCE_INDEX_DIR, openEvidenceIndexStore, type EvidenceIndexer } from '../evidence-index/index.js';
import type { LogService } from '../log/index.js';
import type { Closers } from './closers.js';

export async function openEvidenceIndex(dataDir: string, log: LogService, closers: Closers, logger: Logger, registry: Registry): Promise<EvidenceIndexer> {
  const store = closers.add(await openEvidenceIndexStore(join(dataDir, EVIDENCE_INDEX_DIR)), (s) => s.close());
  const indexer = closers.add(
    createEvidenceIndexer(log, store, (e) => logger.error({ err: e }, 'evidence index update failed')),
    (i) => i.close(),
  );
  await indexer.catchUp();
  new Gauge({
    name: 'elc_evidence_index_size',
    help: 'Log entries the evidence index covers (a prefix of the log; the lag is elc_log_tree_size minus this)',
    registers: [registry],
    collect() {
      this.set(indexer.indexedSize());
    },
  });
  return indexer;
}
