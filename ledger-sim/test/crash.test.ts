// Crash safety of the simulated peer under kill -9: a child process commits blocks from four
// concurrent writers and is SIGKILLed, three times. After each kill the ledger reopens (the tip
// check passes), verifyChain finds nothing wrong, every acknowledged transaction is in the block
// it was acknowledged in, and the chain goes on from there. Runs the build (ledger-sim/dist).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedgerSim } from '../src/open.js';
import { EMPLOYER, contractHistory } from './support/elc.js';

const CHILD = fileURLToPath(new URL('./crash-child.mjs', import.meta.url));
const KILLS = 3;
/** acknowledgements to wait for before each kill */
const ACKS_PER_ROUND = 40;

interface Ack {
  contractId: string;
  txId: string;
  blockNumber: number;
}

/** Runs the child until it has acknowledged `acks` transactions, then SIGKILLs it mid-stream. */
function runAndKill(dataDir: string, tag: string, acks: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir, tag], { stdio: ['ignore', 'pipe', 'pipe'] });
    const got: Ack[] = [];
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line) as Ack | { ready: true };
      if ('ready' in msg) return;
      got.push(msg);
      if (got.length === acks) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(got);
      else reject(new Error(`child exited ${code ?? signal ?? '?'} before the kill: ${stderr}`));
    });
  });
}

describe('embedded ledger under kill -9', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'elc-ledger-crash-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged transaction in its block and a verifiable chain across kills', async () => {
    const acked: Ack[] = [];
    for (let round = 0; round < KILLS; round++) {
      acked.push(...(await runAndKill(dataDir, `r${round}`, ACKS_PER_ROUND)));
      const ledger = await openLedgerSim({ dir: dataDir, region: '370000' });
      try {
        const report = await ledger.verifyChain();
        expect(report.problems).toEqual([]);
        for (const a of acked) {
          const history = await contractHistory(ledger, EMPLOYER, a.contractId);
          expect(history.map((h) => [h.txId, h.blockNumber])).toEqual([[a.txId, a.blockNumber]]);
        }
        // every block past the bootstrap holds one conclusion; an unacknowledged one may have committed before the kill
        expect(ledger.height() - 1).toBeGreaterThanOrEqual(acked.length);
      } finally {
        await ledger.close();
      }
    }
    expect(new Set(acked.map((a) => a.blockNumber)).size).toBe(acked.length);
  });
});
