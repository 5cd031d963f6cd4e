/**
 * The simulated peer: the chaincode of `chaincode/` run in process through fabric-contract-api's
 * real router (runtime/), over a LevelDB world state with a history index and hash-chained
 * blocks (chain-store.ts). It is to the embedded ledger adapter what @hyperledger/fabric-gateway
 * is to the Fabric one: submit and evaluate a function by name, find a transaction's block,
 * follow the chaincode events of committed blocks.
 *
 * Submits go through one writer queue: simulate against committed state, and on success cut a
 * block of that one transaction and commit it in one synced batch, so every simulation reads the
 * state every earlier transaction left (no MVCC conflicts to retry). Queries read a LevelDB
 * snapshot and never wait for the writer. A transaction that writes nothing (an idempotent
 * replay) is answered but not ordered into a block: there is nothing to commit.
 */
// Before @elc/chaincode: fabric-contract-api logs as the contract's decorators run.
import './runtime/quiet-logs.js';
import { contracts as elcContracts } from '@elc/chaincode';
import { toBase64 } from '@elc/core';
import type { Block, BlockTx } from './block.js';
import { GENESIS_PREVIOUS_HASH, makeBlock } from './block.js';
import type { ChainReport, ChainStore } from './chain-store.js';
import { ChaincodeError, simFailure } from './errors.js';
import { issuedBy } from './identity.js';
import { buildProposal, createChaincodeRuntime, openSignedProposal, SHIM_ERROR_THRESHOLD } from './runtime/index.js';
import type { ChaincodeRuntime, Execution, SigningIdentity, WorldStateReader } from './runtime/index.js';
import { createSerialQueue } from './serial-queue.js';

export const DEFAULT_CHANNEL = 'elc';
export const DEFAULT_CHAINCODE = 'elc';

export interface LedgerSimOptions {
  readonly store: ChainStore;
  /** the identity every transaction is submitted with */
  readonly identity: SigningIdentity;
  /**
   * the bureau identity that administers the ledger when the gateway itself is a vendor: in
   * embedded mode this process is the only org and holds the bureau's admin too (default: identity)
   */
  readonly admin?: SigningIdentity;
  /** CA certificates (PEM) per MSP id: a proposal's creator must be issued by its MSP's CA */
  readonly msps: ReadonlyMap<string, string>;
  readonly channel?: string;
  readonly chaincodeName?: string;
  /** the contract classes; default: @elc/chaincode's */
  readonly contracts?: readonly unknown[];
  /** ms since the epoch, for proposal timestamps (default Date.now) */
  readonly clock?: () => number;
}

export interface SimSubmitResult {
  readonly txId: string;
  /** the proposal timestamp, RFC 3339 */
  readonly txTime: string;
  /** undefined when the transaction wrote nothing and so was not ordered */
  readonly blockNumber: number | undefined;
  /** the chaincode's response payload */
  readonly result: Uint8Array;
}

/** A chaincode event of a committed transaction. */
export interface SimEvent {
  readonly blockNumber: number;
  readonly txId: string;
  readonly name: string;
  /** the payload as the chaincode set it (ours: canonical JSON) */
  readonly payload: string;
}

export interface SimEventsOptions {
  /** stops the iteration (it ends without error) */
  readonly signal?: AbortSignal;
}

export interface LedgerSim {
  readonly channel: string;
  /** the MSP of the identity `submit` and `evaluate` use */
  readonly mspId: string;
  /** the identity that administers the ledger (the bureau's) */
  readonly admin: SigningIdentity;
  /** Submits a transaction with the sim's identity. A chaincode error status is a ChaincodeError. */
  submit(fn: string, ...args: string[]): Promise<SimSubmitResult>;
  /** Submits a transaction with another identity of a local MSP (the bootstrap, a vendor's bureau admin). */
  submitAs(identity: SigningIdentity, fn: string, ...args: string[]): Promise<SimSubmitResult>;
  /** Runs a query against a snapshot of committed state; commits nothing. */
  evaluate(fn: string, ...args: string[]): Promise<Uint8Array>;
  /** The block of a committed transaction; LEDGER_CORRUPT when none holds it (it was read from a stored record). */
  blockOf(txId: string): Promise<number>;
  /** The block of a committed transaction, or undefined. */
  versionBlockOf(txId: string): Promise<number | undefined>;
  /**
   * The chaincode events of committed transactions from block `fromBlock` on, in block order,
   * then live as blocks are committed. Ends when the signal aborts or the sim closes.
   */
  events(fromBlock: number, options?: SimEventsOptions): AsyncIterable<SimEvent>;
  /** number of blocks */
  height(): number;
  getBlock(number: number): Promise<Block | undefined>;
  /** Recomputes every hash and link, checks the indexes and every transaction's signed proposal. */
  verifyChain(): Promise<ChainReport>;
  /** Lets queued transactions finish, refuses new ones (LEDGER_CLOSED), closes the store. */
  close(): Promise<void>;
}

function isoOf(p: { seconds: number; nanos: number }): string {
  return new Date(p.seconds * 1000 + Math.floor(p.nanos / 1_000_000)).toISOString();
}

function blockTx(exec: Execution, fn: string, args: readonly string[], txTime: string, mspId: string, proposal: { bytes: Uint8Array; signature: Uint8Array }): BlockTx {
  return {
    txId: exec.txId,
    timestamp: txTime,
    creatorMspId: mspId,
    fn,
    args,
    proposal: { bytes: toBase64(proposal.bytes), signature: toBase64(proposal.signature) },
    rwset: {
      reads: [...exec.reads].map(([key, version]) => ({ key, version })),
      rangeQueries: exec.rangeReads.map((r) => ({ startKey: r.startKey, endKey: r.endKey, keys: [...r.keys] })),
      writes: [...exec.writes].map(([key, value]) => ({ key, isDelete: value === null, value: value === null ? '' : toBase64(value) })),
    },
    status: 'VALID',
    result: new TextDecoder().decode(exec.payload),
    event: exec.event === undefined ? null : { name: exec.event.name, payload: new TextDecoder().decode(exec.event.payload) },
  };
}

export function createLedgerSim(options: LedgerSimOptions): LedgerSim {
  const { store, identity } = options;
  const channel = options.channel ?? DEFAULT_CHANNEL;
  const chaincodeName = options.chaincodeName ?? DEFAULT_CHAINCODE;
  const clock = options.clock ?? Date.now;
  const runtime: ChaincodeRuntime = createChaincodeRuntime({ contracts: options.contracts ?? elcContracts, chaincodeName, title: '@elc/chaincode' });
  const writer = createSerialQueue();
  const blockWaiters = new Set<() => void>();
  let closed = false;

  function checkOpen(): void {
    if (closed) throw simFailure('LEDGER_CLOSED', 'the embedded ledger is closed');
  }

  function wakeBlockWaiters(): void {
    for (const w of blockWaiters) w();
    blockWaiters.clear();
  }

  async function simulate(as: SigningIdentity, fn: string, args: readonly string[], world: WorldStateReader) {
    const proposal = buildProposal({ identity: as, channelId: channel, chaincodeName, args: [fn, ...args], time: new Date(clock()) });
    const exec = await runtime.execute(proposal, channel, world);
    if (exec.status >= SHIM_ERROR_THRESHOLD) throw new ChaincodeError(fn, exec.status, exec.message);
    return { proposal, exec, txTime: isoOf(proposal) };
  }

  async function submitAs(as: SigningIdentity, fn: string, ...args: string[]): Promise<SimSubmitResult> {
    checkOpen();
    return writer.run(async () => {
      const { proposal, exec, txTime } = await simulate(as, fn, args, store.state);
      if (exec.writes.size === 0) return { txId: exec.txId, txTime, blockNumber: undefined, result: exec.payload };
      const signed = { bytes: proposal.signedProposal.getProposalBytes_asU8(), signature: proposal.signedProposal.getSignature_asU8() };
      const tip = store.tip();
      const block = makeBlock(tip === undefined ? 0 : tip.number + 1, tip?.hash ?? GENESIS_PREVIOUS_HASH, [blockTx(exec, fn, args, txTime, as.mspId, signed)]);
      await store.commit(block);
      wakeBlockWaiters();
      return { txId: exec.txId, txTime, blockNumber: block.header.number, result: exec.payload };
    });
  }

  async function evaluate(fn: string, ...args: string[]): Promise<Uint8Array> {
    checkOpen();
    const snapshot = store.snapshot();
    try {
      return (await simulate(identity, fn, args, snapshot)).exec.payload;
    } finally {
      await snapshot.close();
    }
  }

  async function blockOf(txId: string): Promise<number> {
    const at = await store.txLocation(txId);
    if (at === undefined) throw simFailure('LEDGER_CORRUPT', `transaction ${txId} of a stored record is in no block`);
    return at.blockNumber;
  }

  async function* events(fromBlock: number, eventsOptions?: SimEventsOptions): AsyncGenerator<SimEvent> {
    if (!Number.isSafeInteger(fromBlock) || fromBlock < 0) throw new RangeError('fromBlock must be a block number >= 0');
    const signal = eventsOptions?.signal;
    let next = fromBlock;
    while (!closed && signal?.aborted !== true) {
      const tip = store.tip();
      if (tip !== undefined && next <= tip.number) {
        const block = await store.getBlock(next);
        if (block === undefined) throw simFailure('LEDGER_CORRUPT', `block ${next} is missing`);
        for (const tx of block.txs) {
          if (tx.event !== null) yield { blockNumber: next, txId: tx.txId, name: tx.event.name, payload: tx.event.payload };
        }
        next++;
        continue;
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', wake);
          blockWaiters.delete(wake);
          resolve();
        };
        blockWaiters.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  async function verifyChain(): Promise<ChainReport> {
    const report = await store.verifyChain();
    const problems = [...report.problems];
    for (let n = 0; n < report.height; n++) {
      const block = await store.getBlock(n);
      for (const tx of block?.txs ?? []) {
        const problem = proposalProblem(tx);
        if (problem !== undefined) problems.push({ blockNumber: n, problem: 'proposal', detail: `${tx.txId}: ${problem}` });
      }
    }
    return { ok: problems.length === 0, height: report.height, problems };
  }

  /** The signed proposal must verify, come from a known MSP's CA, and say what the block says. */
  function proposalProblem(tx: BlockTx): string | undefined {
    let opened;
    try {
      opened = openSignedProposal(Buffer.from(tx.proposal.bytes, 'base64'), Buffer.from(tx.proposal.signature, 'base64'));
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
    const ca = options.msps.get(opened.mspId);
    if (ca === undefined || !issuedBy(opened.certPem, ca)) return `the creator is not a member of a known MSP (${opened.mspId})`;
    if (opened.txId !== tx.txId || opened.mspId !== tx.creatorMspId || opened.channelId !== channel) return 'the proposal names another transaction, creator or channel';
    if (isoOf(opened) !== tx.timestamp) return 'the proposal has another timestamp';
    if (JSON.stringify(opened.args) !== JSON.stringify([tx.fn, ...tx.args])) return 'the proposal has other arguments';
    return undefined;
  }

  return {
    channel,
    mspId: identity.mspId,
    admin: options.admin ?? identity,
    submit: (fn, ...args) => submitAs(identity, fn, ...args),
    submitAs,
    evaluate,
    blockOf,
    versionBlockOf: async (txId) => (await store.txLocation(txId))?.blockNumber,
    events,
    height: () => {
      const tip = store.tip();
      return tip === undefined ? 0 : tip.number + 1;
    },
    getBlock: (n) => store.getBlock(n),
    verifyChain,
    async close() {
      if (closed) return;
      closed = true; // refuse new work; what is queued finishes
      wakeBlockWaiters();
      await writer.drain();
      await store.close();
    },
  };
}
