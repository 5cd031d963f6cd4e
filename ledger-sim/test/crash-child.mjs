// Child process of crash.test.ts: opens the simulated peer of argv[2] from the build
// (ledger-sim/dist) and records contract conclusions from several concurrent writers as fast as
// it can, printing one JSON line per acknowledged transaction, until it is killed.
import { makeUscc } from '@elc/core';
import { openLedgerSim } from '../dist/index.js';

const [dataDir, tag] = process.argv.slice(2);
const employer = makeUscc('91370102MA3C1111B');
const ledger = await openLedgerSim({ dir: dataDir, region: '370000' });
process.stdout.write(`${JSON.stringify({ ready: true, height: ledger.height() })}\n`);

async function writer(w) {
  for (let i = 0; ; i++) {
    const contractId = `HT-${tag}-${w}-${i}`;
    const r = await ledger.submit('RecordTransitions', JSON.stringify([
      {
        type: 'conclude',
        employer,
        contractId,
        region: '370102',
        effectiveDate: '2026-03-01',
        docHash: `sha256:${'ab'.repeat(32)}`,
        term: { kind: 'fixed', start: '2026-03-01', end: '2029-02-28' },
      },
    ]));
    process.stdout.write(`${JSON.stringify({ contractId, txId: r.txId, blockNumber: r.blockNumber })}\n`);
  }
}

await Promise.all([0, 1, 2, 3].map(writer));
