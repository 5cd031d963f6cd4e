// Where batches are prepared: on a small pool of worker threads (validation and canonical
// encoding are the CPU-heavy part of ingest and would otherwise block reads on the event loop),
// or inline when the worker script is not available (tests that run the TypeScript sources).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ElcError, MERKLE_HASH_SIZE, type HashAlg } from '@elc/core';
import type { Principal } from '../auth/principal.js';
import { Pushback } from '../log/index.js';
import { prepareBatchFromBytes, type PreparedBatch } from './prepare-batch.js';
import { WORKER_READY, type PrepareReply, type PrepareRequest } from './worker-messages.js';

export interface BatchPreparer {
  readonly kind: 'workers' | 'inline';
  /** Resolves once every worker has loaded (the first batch should not pay for module loading). */
  ready(): Promise<void>;
  /** `hashAlg` is the algorithm of the log the batch goes to (log.hashAlg): leaf hashes come back under it. */
  prepare(body: Uint8Array, principal: Principal, hashAlg: HashAlg): Promise<PreparedBatch>;
  close(): Promise<void>;
}

/** Batches waiting per worker before ingest answers 503 (each holds up to ELC_BODY_LIMIT bytes). */
const MAX_QUEUED_PER_WORKER = 32;

export function createInlinePreparer(maxEvents: number): BatchPreparer {
  return {
    kind: 'inline',
    ready: () => Promise.resolve(),
    prepare: (body, principal, hashAlg) => {
      try {
        return Promise.resolve(prepareBatchFromBytes(body, principal, maxEvents, hashAlg));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    close: () => Promise.resolve(),
  };
}

interface Pending {
  resolve(b: PreparedBatch): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  ready: Promise<void>;
}

function unpack(reply: Extract<PrepareReply, { ok: true }>): PreparedBatch {
  const leaves: Uint8Array[] = [];
  const leafHashes: Uint8Array[] = [];
  let offset = 0;
  reply.lengths.forEach((n, i) => {
    leaves.push(reply.leaves.subarray(offset, offset + n));
    leafHashes.push(reply.leafHashes.subarray(i * MERKLE_HASH_SIZE, (i + 1) * MERKLE_HASH_SIZE));
    offset += n;
  });
  return { ids: reply.ids, leaves, leafHashes };
}

export function createWorkerPreparer(workers: number, maxEvents: number, script: URL): BatchPreparer {
  let seq = 0;
  let closing = false;
  const slots: Slot[] = [];

  const spawn = (i: number): void => {
    const worker = new Worker(script);
    let markReady = (): void => undefined;
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    const slot: Slot = { worker, pending: new Map(), ready };
    slots[i] = slot;
    worker.unref();
    worker.on('message', (reply: PrepareReply | typeof WORKER_READY) => {
      if (reply === WORKER_READY) {
        markReady();
        return;
      }
      const p = slot.pending.get(reply.seq);
      if (p === undefined) return;
      slot.pending.delete(reply.seq);
      if (reply.ok) p.resolve(unpack(reply));
      else p.reject(new ElcError(reply.error.code, reply.error.message, { field: reply.error.field }));
    });
    const failAll = (err: Error): void => {
      markReady();
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      if (!closing && slots[i] === slot) spawn(i);
    };
    worker.on('error', (e) => failAll(e));
    worker.on('exit', (code) => failAll(new Error(`ingest worker exited with code ${code}`)));
  };
  for (let i = 0; i < workers; i++) spawn(i);

  return {
    kind: 'workers',
    async ready() {
      await Promise.all(slots.map((s) => s.ready));
    },
    prepare(body, principal, hashAlg) {
      if (closing) return Promise.reject(new ElcError('LOG_CLOSED', 'the gateway is shutting down'));
      let slot = slots[0];
      for (const s of slots) if (slot === undefined || s.pending.size < slot.pending.size) slot = s;
      if (slot === undefined) return Promise.reject(new Error('no ingest worker'));
      if (slot.pending.size >= MAX_QUEUED_PER_WORKER) return Promise.reject(new Pushback('ingest validation queue is full'));
      const s = slot;
      const n = ++seq;
      // Copy into a buffer of its own so it can be transferred (body-parser may hand a pooled slice).
      const own = new Uint8Array(body);
      const req: PrepareRequest = { seq: n, body: own, principal, maxEvents, hashAlg };
      return new Promise<PreparedBatch>((resolve, reject) => {
        s.pending.set(n, { resolve, reject });
        s.worker.postMessage(req, [own.buffer]);
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** Workers when the compiled worker script exists next to this module, inline otherwise. */
export function createPreparer(workers: number, maxEvents: number): BatchPreparer {
  const script = new URL('./validation-worker.js', import.meta.url);
  if (workers === 0 || !existsSync(fileURLToPath(script))) return createInlinePreparer(maxEvents);
  return createWorkerPreparer(workers, maxEvents, script);
}
