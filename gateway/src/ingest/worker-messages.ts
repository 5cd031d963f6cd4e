// The messages between the ingest worker threads and the gateway's event loop.
import type { HashAlg } from '@elc/core';
import type { Principal } from '../auth/principal.js';

export interface PrepareRequest {
  readonly seq: number;
  readonly body: Uint8Array;
  readonly principal: Principal;
  readonly maxEvents: number;
  /** the hash algorithm of the log the entries go to (their leaf hashes are computed here) */
  readonly hashAlg: HashAlg;
}

export type PrepareReply =
  | {
      readonly seq: number;
      readonly ok: true;
      readonly ids: string[];
      readonly leaves: Uint8Array;
      readonly lengths: number[];
      /** the leaf hashes, concatenated (32 bytes each) */
      readonly leafHashes: Uint8Array;
    }
  | { readonly seq: number; readonly ok: false; readonly error: { code: string; message: string; field: string | undefined } };

/** Posted once the worker has loaded its modules (validation code is heavy to load). */
export const WORKER_READY = 'ready';
