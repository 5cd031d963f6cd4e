// The ledger-port contract suite against the embedded ledger on a real LevelDB in a temp dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerPortContract } from '../port.contract.test-support.js';
import { openEmbeddedLedger } from './open.js';

ledgerPortContract('embedded (LevelDB)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'elc-ledger-'));
  const port = await openEmbeddedLedger({ dataDir: dir, region: '370000' });
  return { port, cleanup: () => rm(dir, { recursive: true, force: true }) };
});
