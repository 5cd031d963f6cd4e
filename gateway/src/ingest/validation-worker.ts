// Worker thread entry: runs prepareBatchFromBytes off the event loop (messages in
// prepare-messages.ts); leaf bytes and leaf hashes go back as two transferred buffers.
import { parentPort } from 'node:worker_threads';
import { concatBytes, ElcError } from '@elc/core';
import { WORKER_READY, type PrepareReply, type PrepareRequest } from './worker-messages.js';
import { prepareBatchFromBytes } from './prepare-batch.js';

parentPort?.on('message', (req: PrepareRequest) => {
  let reply: PrepareReply;
  try {
    const { ids, leaves, leafHashes } = prepareBatchFromBytes(req.body, req.principal, req.maxEvents, req.hashAlg);
    const packed = concatBytes(...leaves);
    const hashes = concatBytes(...leafHashes);
    reply = { seq: req.seq, ok: true, ids, leaves: packed, lengths: leaves.map((l) => l.length), leafHashes: hashes };
    // Fresh buffers of their own (concatBytes allocates them), so they can be transferred.
    parentPort?.postMessage(reply, [packed.buffer as ArrayBuffer, hashes.buffer as ArrayBuffer]);
    return;
  } catch (e) {
    reply =
      e instanceof ElcError
        ? { seq: req.seq, ok: false, error: { code: e.code, message: e.message, field: e.field } }
        : { seq: req.seq, ok: false, error: { code: 'INTERNAL', message: 'internal error', field: undefined } };
  }
  parentPort?.postMessage(reply);
});

parentPort?.postMessage(WORKER_READY);
