/**
 * The embedded ledger adapter: the LedgerPort over @elc/ledger-sim, a simulated Fabric peer that
 * runs the chaincode in process over LevelDB world state, history and hash-chained blocks in
 * `<dataDir>/ledger` (docs/ledger.md). It is the Fabric adapter's twin: the port's chaincode
 * methods are ../chaincode-port.ts over the sim's submit, evaluate and block lookup; this file
 * turns the sim's answers into the port's (JSON results, LedgerRefusal) and adds what only the
 * embedded ledger has (blocks, chain audit, submitting as the local bureau admin).
 */
import { join } from 'node:path';
import { ChaincodeError, openLedgerSim } from '@elc/ledger-sim';
import type { Block, ChainReport, LedgerSim, OpenLedgerSimOptions, SigningIdentity, SimSubmitResult } from '@elc/ledger-sim';
import { checkFromBlock, createChaincodePort, parseChaincodeResult } from '../chaincode-port.js';
import type { ChaincodeSubmitResult } from '../chaincode-port.js';
import { errorFromChaincodeMessage } from '../errors.js';
import type { EventsOptions, LedgerEvent, LedgerPort } from '../port.js';

/** The sim's directory in the gateway's data dir. */
export const LEDGER_DIR = 'ledger';

export interface OpenEmbeddedLedgerOptions extends Omit<OpenLedgerSimOptions, 'dir'> {
  readonly dataDir: string;
}

export type SubmitResult = ChaincodeSubmitResult;

export interface EmbeddedLedger extends LedgerPort {
  /** number of blocks */
  height(): number;
  getBlock(number: number): Promise<Block | undefined>;
  /** Recomputes every hash and link, checks the indexes and every transaction's signed proposal. */
  verifyChain(): Promise<ChainReport>;
  /** Submits any transaction with the ledger's identity: administration (RotateLogKey, RegisterOrg, ...). */
  submit(fn: string, ...args: string[]): Promise<SubmitResult>;
  /** Submits any transaction with another identity of a local MSP (the bootstrap, a vendor's bureau admin). */
  submitAs(identity: SigningIdentity, fn: string, ...args: string[]): Promise<SubmitResult>;
}

/** The port's error for a failure of the sim: the chaincode's refusal or failure as on Fabric; the sim's own ElcErrors as they are. */
function portError(e: unknown): Error {
  if (e instanceof ChaincodeError) return errorFromChaincodeMessage(e.chaincodeMessage, e.fn);
  return e instanceof Error ? e : new Error(String(e));
}

export async function openEmbeddedLedger(options: OpenEmbeddedLedgerOptions): Promise<EmbeddedLedger> {
  const { dataDir, ...simOptions } = options;
  try {
    return createEmbeddedLedger(await openLedgerSim({ ...simOptions, dir: join(dataDir, LEDGER_DIR) }));
  } catch (e) {
    throw portError(e);
  }
}

function createEmbeddedLedger(sim: LedgerSim): EmbeddedLedger {
  function submitted(fn: string, run: Promise<SimSubmitResult>): Promise<SubmitResult> {
    return run.then(
      (r) => ({ ...r, result: parseChaincodeResult(r.result, fn) }),
      (e: unknown) => {
        throw portError(e);
      },
    );
  }

  const submit = (fn: string, ...args: string[]): Promise<SubmitResult> => submitted(fn, sim.submit(fn, ...args));
  const submitAs = (as: SigningIdentity, fn: string, ...args: string[]): Promise<SubmitResult> => submitted(fn, sim.submitAs(as, fn, ...args));

  function evaluate(fn: string, ...args: string[]): Promise<unknown> {
    return sim.evaluate(fn, ...args).then(
      (payload) => parseChaincodeResult(payload, fn),
      (e: unknown) => {
        throw portError(e);
      },
    );
  }

  async function* events(fromBlock: number, options?: EventsOptions): AsyncGenerator<LedgerEvent> {
    checkFromBlock(fromBlock);
    for await (const e of sim.events(fromBlock, options)) {
      yield { blockNumber: e.blockNumber, txId: e.txId, name: e.name, payload: JSON.parse(e.payload) as unknown };
    }
  }

  return {
    ...createChaincodePort({
      channel: sim.channel,
      mspId: sim.mspId,
      submit,
      submitRegisterLog: (fn, ...args) => submitAs(sim.admin, fn, ...args),
      evaluate,
      blockOf: (txId) => sim.blockOf(txId),
      versionBlockOf: (txId) => sim.versionBlockOf(txId),
    }),
    events,
    height: () => sim.height(),
    getBlock: (n) => sim.getBlock(n),
    verifyChain: () => sim.verifyChain(),
    submit,
    submitAs,
    close: () => sim.close(),
  };
}
