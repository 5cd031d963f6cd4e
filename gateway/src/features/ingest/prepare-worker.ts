// Worker thread entry: runs prepareBatchFromBytes off the event loop (messages in
// prepare-messages.ts); leaf bytes and leaf hashes go back as two transferred buffers.
import { parentPort } from 'node:worker_threads';
import { ElcError } from '@elc/core';
import { WORKER_READY, type PrepareReply, type PrepareRequest } from './prepare-messages.js';
import { prepareBatchFromBytes } from './prepare.js';

parentPort?.on('message', (req: PrepareRequest) => {
  let reply: PrepareReply;
  try {
    const { ids, leaves, leafHashes } = prepareBatchFromBytes(req.body, req.principal, req.maxEvents, req.hashAlg);
    const packed = concat(leaves);
    const hashes = concat(leafHashes);
    reply = { seq: req.seq, ok: true, ids, leaves: packed, lengths: leaves.map((l) => l.length), leafHashes: hashes };
    parentPort?.postMessage(reply, [packed.buffer, hashes.buffer]);
    return;
  } catch (e) {
    reply =
      e instanceof ElcError
        ? { seq: req.seq, ok: false, error: { code: e.code, message: e.message, field: e.field } }
        : { seq: req.seq, ok: false, error: { code: 'INTERNAL', message: 'internal error', field: undefined } };
  }
  parentPort?.postMessage(reply);
});

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

parentPort?.postMessage(WORKER_READY);
