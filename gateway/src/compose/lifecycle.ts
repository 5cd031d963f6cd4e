// The lifecycle saga over its journal in <dataDir>/transitions, and the transitions format in front
// of it. Other formats (the Shandong interface) register on the saga before recover() runs.
import { join } from 'node:path';
import type { LedgerPort } from '../ledger/index.js';
import { LIFECYCLE_JOURNAL_DIR } from '../lifecycle/journal.js';
import { openLevelJournal } from '../lifecycle/level-journal.js';
import { createLifecycleSaga, type LifecycleSaga } from '../lifecycle/saga.js';
import { createTransitionRecorder, type TransitionRecorder } from '../lifecycle/transition-recorder.js';
import type { LogService } from '../log/index.js';
import type { Closers } from './closers.js';

export interface Lifecycle {
  readonly saga: LifecycleSaga;
  readonly transitions: TransitionRecorder;
}

export async function openLifecycle(dataDir: string, log: LogService, ledger: LedgerPort, closers: Closers, now: () => number): Promise<Lifecycle> {
  const journal = closers.add(await openLevelJournal(join(dataDir, LIFECYCLE_JOURNAL_DIR)), (j) => j.close());
  const saga = createLifecycleSaga({ log, ledger, journal, now });
  return { saga, transitions: createTransitionRecorder({ saga, ledger, now }) };
}
