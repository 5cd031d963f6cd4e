/**
 * Receipt signing on a worker thread: the main thread only posts a batch of messages and gets
 * the signatures back, so a batch being signed costs reads nothing. (node:crypto's callback form
 * uses the thread pool too, but queueing each job costs the main thread ~25 us; a whole batch
 * posted to a worker costs it well under a millisecond.) The worker is plain CommonJS source run
 * with `eval`, so it needs no separate build step; it holds a copy of the key for its lifetime.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPrivateKey, sign } = require('node:crypto');
const key = createPrivateKey({ key: Buffer.from(workerData.pkcs8), format: 'der', type: 'pkcs8' });
parentPort.on('message', ({ id, msgs }) => {
  try {
    const sigs = msgs.map((m) => { const s = sign(null, m, key); return new Uint8Array(s.buffer, s.byteOffset, s.byteLength); });
    parentPort.postMessage({ id, sigs });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e) });
  }
});
`;

export interface BatchSigner {
  signBatch(msgs: readonly Uint8Array[]): Promise<Uint8Array[]>;
  close(): Promise<void>;
}

interface Reply {
  readonly id: number;
  readonly sigs?: Uint8Array[];
  readonly error?: string;
}

/**
 * A worker signing with an Ed25519 PKCS#8 key. Started on first use; referenced only while a
 * batch is outstanding (an idle worker never keeps the process alive). If the worker fails, its
 * outstanding and later batches go to `fallback`.
 */
export function createSignWorker(pkcs8: Uint8Array, fallback: (msgs: readonly Uint8Array[]) => Promise<Uint8Array[]>): BatchSigner {
  let worker: Worker | undefined;
  let broken = false;
  let seq = 0;
  const pending = new Map<number, { msgs: readonly Uint8Array[]; resolve(s: Uint8Array[]): void; reject(e: unknown): void }>();

  function fail(): void {
    broken = true;
    worker = undefined;
    for (const [id, p] of pending) {
      pending.delete(id);
      fallback(p.msgs).then(
        (sigs) => p.resolve(sigs),
        (e: unknown) => p.reject(e),
      );
    }
  }

  function start(): Worker {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { pkcs8 } });
    w.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      if (p === undefined) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if (reply.sigs !== undefined && reply.sigs.length === p.msgs.length) p.resolve(reply.sigs);
      else p.reject(new Error(`signing worker: ${reply.error ?? 'wrong number of signatures'}`));
    });
    w.on('error', fail);
    w.on('exit', fail);
    w.unref();
    return w;
  }

  return {
    signBatch(msgs) {
      if (msgs.length === 0) return Promise.resolve([]);
      if (broken) return fallback(msgs);
      worker ??= start();
      const w = worker;
      return new Promise((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { msgs, resolve, reject });
        w.ref();
        w.postMessage({ id, msgs });
      });
    },
    async close() {
      const w = worker;
      broken = true; // later batches (there should be none) sign on the main thread
      worker = undefined;
      if (w !== undefined) {
        w.removeAllListeners('exit');
        await w.terminate();
      }
    },
  };
}
