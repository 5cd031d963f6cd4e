/**
 * The Fabric ledger adapter: the LedgerPort over @hyperledger/fabric-gateway, talking to the
 * Gateway service of the org's peer. Same transactions, same results, same errors as the
 * embedded ledger; the chaincode runs on the channel's endorsing peers.
 *
 * - submit: endorse, then — unless the endorsed write set is empty (an idempotent replay: nothing
 *   to order, as on the embedded ledger) — submit to ordering and wait for the commit status.
 *   A transaction invalidated with MVCC_READ_CONFLICT (another transaction changed what it read
 *   between endorsement and commit) is endorsed again, with a fresh proposal, up to
 *   `maxMvccAttempts` times; no other failure is retried here (the anchorer and the HTTP client
 *   own their retries).
 * - evaluate: one peer runs the query.
 * - events: the chaincode events stream, with a checkpointer that remembers the last delivered
 *   event; when the stream breaks the adapter reconnects from the checkpoint (after the last
 *   delivered transaction), so nothing is skipped or delivered twice.
 * - the block of a record's transaction: known from the commit status of our own submits, else
 *   asked of the peer's qscc (GetBlockByTxID).
 *
 * The port's chaincode methods (which function, which arguments, how a result maps) are
 * ../chaincode-port.ts, over this file's submit, evaluate and block lookup.
 */
import type { ChaincodeEvent, Contract, Gateway, GatewayError, Network } from '@hyperledger/fabric-gateway';
import { checkpointers } from '@hyperledger/fabric-gateway';
import { status as grpcStatus } from '@grpc/grpc-js';
import { checkFromBlock, createChaincodePort, parseChaincodeResult } from '../chaincode-port.js';
import { ledgerFailure } from '../errors.js';
import type { EventsOptions, LedgerEvent, LedgerPort } from '../port.js';
import { mapFabricError, MVCC_READ_CONFLICT } from './fabric-errors.js';
import { blockNumberOf, endorsedWriteCount, proposalTime } from './transaction-bytes.js';

export interface FabricLedgerOptions {
  readonly gateway: Gateway;
  readonly mspId: string;
  readonly channel: string;
  readonly chaincode: string;
  /** attempts of a transaction invalidated by MVCC_READ_CONFLICT (default 5) */
  readonly maxMvccAttempts?: number;
  /** first pause before reconnecting a broken events stream, doubling (default 250 ms) */
  readonly reconnectInitialMs?: number;
  /** longest pause before reconnecting (default 10 s) */
  readonly reconnectMaxMs?: number;
  /** called when the adapter closes (closes the connection it was given) */
  readonly onClose?: () => void;
}

export interface FabricSubmitResult {
  readonly txId: string;
  readonly txTime: string;
  /** undefined when the endorsed transaction wrote nothing and so was not ordered */
  readonly blockNumber: number | undefined;
  readonly result: unknown;
}

export interface FabricLedgerStats {
  /** transactions endorsed again after MVCC_READ_CONFLICT */
  readonly mvccRetries: number;
  /** events streams opened again after they broke */
  readonly eventReconnects: number;
}

export interface FabricLedger extends LedgerPort {
  /** any transaction with the adapter's identity: administration (Bootstrap, RegisterOrg, RotateLogKey, ...) */
  submit(fn: string, ...args: string[]): Promise<FabricSubmitResult>;
  stats(): FabricLedgerStats;
}

export const DEFAULT_MAX_MVCC_ATTEMPTS = 5;
const DEFAULT_RECONNECT_INITIAL_MS = 250;
const DEFAULT_RECONNECT_MAX_MS = 10_000;
/** tx id -> block of our own commits; older ones are asked of qscc again */
const BLOCK_CACHE_SIZE = 4096;
/** gRPC codes after which reconnecting the events stream cannot help */
const FATAL_STREAM_CODES: ReadonlySet<number> = new Set([grpcStatus.INVALID_ARGUMENT, grpcStatus.PERMISSION_DENIED, grpcStatus.UNAUTHENTICATED, grpcStatus.NOT_FOUND, grpcStatus.FAILED_PRECONDITION]);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function grpcCodeOf(e: unknown): number | undefined {
  const code = (e as Partial<GatewayError> | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function createFabricLedger(options: FabricLedgerOptions): FabricLedger {
  const { gateway, channel, chaincode } = options;
  const network: Network = gateway.getNetwork(channel);
  const contract: Contract = network.getContract(chaincode);
  const qscc: Contract = network.getContract('qscc');
  const maxMvccAttempts = options.maxMvccAttempts ?? DEFAULT_MAX_MVCC_ATTEMPTS;
  const reconnectInitialMs = options.reconnectInitialMs ?? DEFAULT_RECONNECT_INITIAL_MS;
  const reconnectMaxMs = options.reconnectMaxMs ?? DEFAULT_RECONNECT_MAX_MS;
  const blockOfTx = new Map<string, number>();
  const closing = new AbortController();
  const inflight = new Set<Promise<unknown>>();
  let mvccRetries = 0;
  let eventReconnects = 0;

  function checkOpen(): void {
    if (closing.signal.aborted) throw ledgerFailure('LEDGER_CLOSED', 'the Fabric ledger adapter is closed');
  }

  function remember(txId: string, blockNumber: number): void {
    blockOfTx.set(txId, blockNumber);
    if (blockOfTx.size > BLOCK_CACHE_SIZE) {
      const oldest = blockOfTx.keys().next();
      if (oldest.done !== true) blockOfTx.delete(oldest.value);
    }
  }

  /** close() lets submits in flight finish before it closes the connection. */
  function submit(fn: string, ...args: string[]): Promise<FabricSubmitResult> {
    checkOpen();
    const run = submitOnce(fn, args);
    inflight.add(run);
    void run.then(
      () => inflight.delete(run),
      () => inflight.delete(run),
    );
    return run;
  }

  async function submitOnce(fn: string, args: readonly string[]): Promise<FabricSubmitResult> {
    for (let attempt = 1; ; attempt++) {
      const proposal = contract.newProposal(fn, { arguments: [...args] });
      const txTime = proposalTime(proposal.getBytes());
      let status;
      let result: unknown;
      try {
        const tx = await proposal.endorse();
        result = parseChaincodeResult(tx.getResult(), fn);
        if (endorsedWriteCount(tx.getBytes(), chaincode) === 0) return { txId: tx.getTransactionId(), txTime, blockNumber: undefined, result };
        status = await (await tx.submit()).getStatus();
      } catch (e) {
        throw mapFabricError(e, fn);
      }
      const blockNumber = Number(status.blockNumber);
      if (status.successful) {
        remember(status.transactionId, blockNumber);
        return { txId: status.transactionId, txTime, blockNumber, result };
      }
      if (status.code === MVCC_READ_CONFLICT && attempt < maxMvccAttempts) {
        mvccRetries++;
        continue;
      }
      const code = status.code === MVCC_READ_CONFLICT ? 'LEDGER_UNAVAILABLE' : 'LEDGER_TX_FAILED';
      throw ledgerFailure(code, `${fn} was invalidated at commit in block ${blockNumber} (validation code ${status.code}) after ${attempt} attempt(s)`);
    }
  }

  async function evaluate(fn: string, ...args: string[]): Promise<unknown> {
    checkOpen();
    try {
      return parseChaincodeResult(await contract.evaluateTransaction(fn, ...args), fn);
    } catch (e) {
      throw mapFabricError(e, fn);
    }
  }

  async function blockOf(txId: string): Promise<number> {
    const known = blockOfTx.get(txId);
    if (known !== undefined) return known;
    let bytes;
    try {
      bytes = await qscc.evaluateTransaction('GetBlockByTxID', channel, txId);
    } catch (e) {
      throw mapFabricError(e, 'qscc GetBlockByTxID');
    }
    const n = blockNumberOf(bytes);
    remember(txId, n);
    return n;
  }

  function toLedgerEvent(e: ChaincodeEvent): LedgerEvent {
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder().decode(e.payload));
    } catch (cause) {
      throw ledgerFailure('LEDGER_BAD_RESPONSE', `the payload of event ${e.eventName} in block ${e.blockNumber} is not JSON`, cause);
    }
    return { blockNumber: Number(e.blockNumber), txId: e.transactionId, name: e.eventName, payload };
  }

  async function* events(fromBlock: number, eventsOptions?: EventsOptions): AsyncGenerator<LedgerEvent> {
    checkFromBlock(fromBlock);
    checkOpen();
    // One signal for "stop": the consumer's or the adapter's close.
    const stop = eventsOptions?.signal === undefined ? closing.signal : AbortSignal.any([eventsOptions.signal, closing.signal]);
    const checkpoint = checkpointers.inMemory();
    let pause = reconnectInitialMs;
    let connected = false;
    while (!stop.aborted) {
      if (connected) {
        eventReconnects++;
        await sleep(pause, stop);
        pause = Math.min(pause * 2, reconnectMaxMs);
        if (stop.aborted) return;
      }
      connected = true;
      let stream;
      try {
        stream = await network.getChaincodeEvents(chaincode, checkpoint.getBlockNumber() === undefined ? { startBlock: BigInt(fromBlock) } : { checkpoint });
      } catch (e) {
        if (stop.aborted) return;
        if (FATAL_STREAM_CODES.has(grpcCodeOf(e) ?? -1)) throw mapFabricError(e, 'ChaincodeEvents');
        continue;
      }
      if (stop.aborted) {
        stream.close();
        return;
      }
      const cancel = (): void => stream.close();
      stop.addEventListener('abort', cancel, { once: true });
      try {
        for await (const e of stream) {
          pause = reconnectInitialMs;
          const event = toLedgerEvent(e);
          await checkpoint.checkpointChaincodeEvent(e);
          yield event;
          if (stop.aborted) return;
        }
        // A live stream does not end by itself: the peer went away. Reconnect.
      } catch (e) {
        if (stop.aborted) return;
        if (FATAL_STREAM_CODES.has(grpcCodeOf(e) ?? -1)) throw mapFabricError(e, 'ChaincodeEvents');
      } finally {
        stop.removeEventListener('abort', cancel);
        stream.close();
      }
    }
  }

  return {
    ...createChaincodePort({ channel, mspId: options.mspId, submit, evaluate, blockOf }),
    events,
    submit,
    stats: () => ({ mvccRetries, eventReconnects }),
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      await Promise.allSettled([...inflight]);
      options.onClose?.();
    },
  };
}
