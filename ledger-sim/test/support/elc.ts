// The ELC chaincode's calls these tests make, over a LedgerSim, with the chaincode's own test
// values (a signed test log, lifecycle fixtures). The gateway's ChaincodePort maps the same
// functions for the LedgerPort; here results stay the chaincode's JSON.
import type { NoteKeyPair } from '@elc/core';
import type { LedgerSim } from '../../src/peer.js';
import { TestLog, logKey } from '../../../chaincode/test/support/test-log.js';

export { refusalCode } from '../../src/errors.js';
export { EMPLOYER_JINAN as EMPLOYER, batch, conclude, renew } from '../../../chaincode/test/support/fixtures.js';

/** The chaincode's JSON answer. */
export function json(payload: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(payload));
}

/** A transparency log with its note key: checkpoints and proofs as AnchorCheckpoint takes them. */
export class SignedLog {
  private readonly log: TestLog;
  private readonly key: NoteKeyPair;

  constructor(readonly origin: string) {
    this.log = new TestLog(origin);
    this.key = logKey(origin);
  }

  get vkey(): string {
    return this.key.vkey;
  }

  checkpoint(size: number): string {
    return this.log.checkpoint(size, this.key);
  }

  /** the JSON argument: base64 hashes of the consistency proof */
  proof(from: number, to: number): string {
    return this.log.proof(from, to);
  }
}

/** Every committed version of a contract, newest first, each with the block of its transaction. */
export async function contractHistory(sim: LedgerSim, employer: string, contractId: string): Promise<{ txId: string; blockNumber: number | undefined }[]> {
  const versions = json(await sim.evaluate('GetContractHistory', employer, contractId)) as { txId: string }[];
  return Promise.all(versions.map(async (v) => ({ ...v, blockNumber: await sim.versionBlockOf(v.txId) })));
}

/** The latest anchor of a log with the block of its transaction. */
export async function latestAnchor(sim: LedgerSim, origin: string): Promise<unknown> {
  const anchor = json(await sim.evaluate('GetLatestAnchor', origin)) as { txId: string };
  return { ...anchor, blockNumber: await sim.blockOf(anchor.txId) };
}
