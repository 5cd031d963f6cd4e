// The log registry: one log per origin, with its hash algorithm, region and signing keys.
import { isElcError, isHashAlg, newVerifier } from '@elc/core';
import type { HashAlg, NoteVerifier } from '@elc/core';
import { requireRole } from './access.js';
import { LedgerError } from './errors.js';
import { EVENT_LOG_KEY_ROTATED, EVENT_LOG_REGISTERED } from './records.js';
import type { LedgerReader, LogKeyRecord, LogRecord, Outcome, TxContext } from './records.js';
import { isOrigin, isRegionCode } from './values.js';

export interface RegisterLogInput {
  readonly origin: string;
  readonly vkey: string;
  readonly hashAlg: string;
  readonly region: string;
}

const MAX_VKEY_LENGTH = 1024;

export function checkOrigin(origin: string): void {
  if (!isOrigin(origin)) {
    throw new LedgerError('INVALID_ARGUMENT', 'origin must be one line of 1..255 characters without control characters or outer spaces', { field: 'origin' });
  }
}

/** Parses a C2SP verifier key; refuses what core cannot use. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  if (vkey.length === 0 || vkey.length > MAX_VKEY_LENGTH) {
    throw new LedgerError('INVALID_ARGUMENT', 'vkey must be a C2SP verifier key', { field: 'vkey' });
  }
  try {
    return newVerifier(vkey);
  } catch (e) {
    if (isElcError(e)) throw new LedgerError('INVALID_ARGUMENT', `vkey is not a usable verifier key (${e.code})`, { field: 'vkey', cause: e });
    throw e;
  }
}

export function formatKeyIdHex(keyId: number): string {
  return (keyId >>> 0).toString(16).padStart(8, '0');
}

function keyRecord(vkey: string, sinceSize: number, tx: TxContext): LogKeyRecord {
  const verifier = parseVerifierKey(vkey);
  return { vkey, keyName: verifier.name, keyId: formatKeyIdHex(verifier.keyId), sinceSize, txId: tx.txId, timestamp: tx.timestamp };
}

/**
 * RegisterLog: bureau only. Registering the same origin again with the same key, algorithm and
 * region changes nothing (a retried transaction); anything else about an existing origin is refused.
 */
export async function registerLog(reader: LedgerReader, input: RegisterLogInput, tx: TxContext): Promise<Outcome<LogRecord>> {
  requireRole(tx.caller, ['bureau'], 'register a log');
  checkOrigin(input.origin);
  if (!isHashAlg(input.hashAlg)) {
    throw new LedgerError('INVALID_ARGUMENT', 'hashAlg must be sha256 or sm3', { field: 'hashAlg' });
  }
  const hashAlg: HashAlg = input.hashAlg;
  if (!isRegionCode(input.region)) {
    throw new LedgerError('INVALID_ARGUMENT', 'region must be a GB/T 2260 code', { field: 'region' });
  }
  const key = keyRecord(input.vkey, 0, tx);

  const existing = await reader.getLog(input.origin);
  if (existing !== undefined) {
    if (existing.hashAlg !== hashAlg) {
      throw new LedgerError('HASH_ALG_MISMATCH', `log ${input.origin} is registered with ${existing.hashAlg}; its hash algorithm is fixed`, { field: 'hashAlg' });
    }
    const current = existing.keys[existing.keys.length - 1];
    if (current?.vkey === input.vkey && existing.region === input.region) {
      return { writes: [], event: undefined, result: existing };
    }
    throw new LedgerError('LOG_EXISTS', `log ${input.origin} is already registered (rotate its key with RotateLogKey)`);
  }

  const record: LogRecord = {
    origin: input.origin,
    hashAlg,
    region: input.region,
    keys: [key],
    mspId: tx.caller.mspId,
    txId: tx.txId,
    timestamp: tx.timestamp,
  };
  return { writes: [{ kind: 'log', value: record }], event: { name: EVENT_LOG_REGISTERED, payload: record }, result: record };
}

/**
 * RotateLogKey: bureau only. The new key signs checkpoints from now on (its `sinceSize` is the
 * latest anchored size); the old keys stay in the record, so old checkpoints still verify.
 */
export async function rotateLogKey(reader: LedgerReader, input: { origin: string; vkey: string }, tx: TxContext): Promise<Outcome<LogRecord>> {
  requireRole(tx.caller, ['bureau'], 'rotate a log key');
  checkOrigin(input.origin);
  const existing = await reader.getLog(input.origin);
  if (existing === undefined) throw new LedgerError('LOG_UNKNOWN', `no log is registered for origin ${input.origin}`, { field: 'origin' });
  if (existing.keys.some((k) => k.vkey === input.vkey)) {
    throw new LedgerError('KEY_UNCHANGED', 'the log has had this key already; a rotation needs a new key', { field: 'vkey' });
  }
  const latest = await reader.getLatestAnchor(input.origin);
  const key = keyRecord(input.vkey, latest?.size ?? 0, tx);
  const record: LogRecord = { ...existing, keys: [...existing.keys, key] };
  return { writes: [{ kind: 'log', value: record }], event: { name: EVENT_LOG_KEY_ROTATED, payload: record }, result: record };
}

export async function getLog(reader: LedgerReader, origin: string): Promise<LogRecord> {
  checkOrigin(origin);
  const log = await reader.getLog(origin);
  if (log === undefined) throw new LedgerError('LOG_UNKNOWN', `no log is registered for origin ${origin}`, { field: 'origin' });
  return log;
}
