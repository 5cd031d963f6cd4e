// Worker thread entry: runs prepareBatchFromBytes off the event loop. Messages are
// { seq, body, principal, maxEvents } in and { seq, ok, ids, leaves, lengths } or
// { seq, ok: false, error } out; leaf bytes come back as one transferred buffer.
import { parentPort } from 'node:worker_threads';
import { ElcError } from '@elc/core';
import type { Principal } from '../../auth/principal.js';
import { prepareBatchFromBytes } from './prepare.js';

export interface PrepareRequest {
  readonly seq: number;
  readonly body: Uint8Array;
  readonly principal: Principal;
  readonly maxEvents: number;
}

export type PrepareReply =
  | { readonly seq: number; readonly ok: true; readonly ids: string[]; readonly leaves: Uint8Array; readonly lengths: number[] }
  | { readonly seq: number; readonly ok: false; readonly error: { code: string; message: string; field: string | undefined } };

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
