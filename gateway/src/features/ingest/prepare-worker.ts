// Worker thread entry: runs prepareBatchFromBytes off the event loop (messages in
// prepare-messages.ts); leaf bytes go back as one transferred buffer.
import { parentPort } from 'node:worker_threads';
import { ElcError } from '@elc/core';
import { WORKER_READY, type PrepareReply, type PrepareRequest } from './prepare-messages.js';
import { prepareBatchFromBytes } from './prepare.js';

parentPort?.on('message', (req: PrepareRequest) => {
  let reply: PrepareReply;
  try {
    const { ids, leaves } = prepareBatchFromBytes(req.body, req.principal, req.maxEvents);
    let total = 0;
    for (const l of leaves) total += l.length;
    const packed = new Uint8Array(total);
    let offset = 0;
    for (const l of leaves) {
      packed.set(l, offset);
      offset += l.length;
    }
    reply = { seq: req.seq, ok: true, ids, leaves: packed, lengths: leaves.map((l) => l.length) };
    parentPort?.postMessage(reply, [packed.buffer]);
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
