/**
 * Forwarding upward: a city gateway sends every accepted Shandong record to its province's
 * gateway (ELC_UPSTREAM_URL, same /v1/sd/* format) through a durable outbox. The outbox is the
 * Shandong store's record stream (written in the same LevelDB batch as the records, before the
 * 2xx) plus one cursor, `meta!forwarded`: the last record the upstream acknowledged.
 *
 * - in order: one request at a time from the cursor on, so a rescission never leaves before its
 *   contract; a batch is consecutive records of one kind and one unit, at most 50 (the spec's
 *   最大数组数量; a unit is one record per request);
 * - exactly-once effect: the receiving gateway derives a stable id from each item, so a batch
 *   retried after a lost answer is acknowledged once; the request also carries an Idempotency-Key
 *   naming its records;
 * - retries with exponential backoff (200 ms doubling to 30 s, with jitter); the cursor moves only
 *   after a 2xx, so a refusal by the upstream holds the queue (shown in the status) rather than
 *   skipping a record.
 */
import { createHash } from 'node:crypto';
import type { PiiCipher } from '../pii/index.js';
import { K, type SdStore, type StreamRecord } from './store.js';

export const FORWARD_BATCH_MAX = 50;
export const BACKOFF_MIN_MS = 200;
export const BACKOFF_MAX_MS = 30_000;
export const FORWARD_TIMEOUT_MS = 15_000;

type Rec = StreamRecord & { id: string };

export interface ForwarderOptions {
  readonly store: SdStore;
  readonly cipher: PiiCipher;
  /** base URL of the upstream gateway, e.g. https://province.example */
  readonly upstreamUrl: string;
  /** bearer token of the city org at the upstream, or a function minting a fresh one */
  readonly token: string | (() => Promise<string>);
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly backoffMinMs?: number;
  readonly backoffMaxMs?: number;
}

export interface SyncStatus {
  readonly enabled: boolean;
  readonly upstream: string | null;
  /** records accepted here (the stream's last sequence number) */
  readonly lastSeq: number;
  /** the last record the upstream acknowledged */
  readonly forwardedSeq: number;
  /** records not yet acknowledged upstream */
  readonly lag: number;
  readonly oldestPending: { readonly seq: number; readonly kind: string; readonly acceptedAt: string; readonly ageSeconds: number } | null;
  readonly sentBatches: number;
  readonly sentRecords: number;
  readonly failures: number;
  readonly consecutiveFailures: number;
  readonly lastError: { readonly at: string; readonly status: number | null; readonly code: string; readonly message: string } | null;
  readonly lastSuccessAt: string | null;
}

export interface Forwarder {
  start(): void;
  /** a new record is on the stream: try now */
  wake(): void;
  status(): Promise<SyncStatus>;
  /** stops after the request in flight */
  close(): Promise<void>;
}

/** The request that forwards `batch` (consecutive records of one kind and unit). */
export function forwardRequest(batch: readonly Rec[], cipher: PiiCipher): { path: string; body: unknown; key: string } {
  const first = batch[0];
  if (first === undefined) throw new Error('empty batch');
  const key = 'elc-fwd-' + createHash('sha256').update(batch.map((r) => r.id).join('\n')).digest('hex').slice(0, 32);
  if (first.kind === 'units') return { path: '/v1/sd/units', body: cipher.open(`rec:${first.id}`, first.sealed), key };
  const items = batch.map((r) => (cipher.open(`rec:${r.id}`, r.sealed) as { item: unknown }).item);
  return { path: `/v1/sd/${first.kind}`, body: { uscc: first.uscc, [first.kind]: items }, key };
}

export function nextBatch(pending: readonly Rec[]): Rec[] {
  const first = pending[0];
  if (first === undefined) return [];
  if (first.kind === 'units') return [first];
  const out: Rec[] = [];
  for (const r of pending) {
    if (out.length === FORWARD_BATCH_MAX || r.kind !== first.kind || r.uscc !== first.uscc) break;
    out.push(r);
  }
  return out;
}

export function createForwarder(o: ForwarderOptions): Forwarder {
  const doFetch = o.fetch ?? fetch;
  const now = o.now ?? Date.now;
  const min = o.backoffMinMs ?? BACKOFF_MIN_MS;
  const max = o.backoffMaxMs ?? BACKOFF_MAX_MS;
  const base = o.upstreamUrl.replace(/\/+$/, '');
  let running = false;
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  const inflight = new AbortController();
  const counters = { sentBatches: 0, sentRecords: 0, failures: 0, consecutiveFailures: 0 };
  let lastError: SyncStatus['lastError'] = null;
  let lastSuccessAt: string | null = null;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function pendingRecords(limit: number): Promise<Rec[]> {
    const forwarded = (await o.store.get<number>(K.forwarded)) ?? 0;
    return (await o.store.range<Rec>(K.record(forwarded + 1), 'rec"', limit)).map((x) => x.value);
  }

  async function once(): Promise<'idle' | 'sent' | 'failed'> {
    const batch = nextBatch(await pendingRecords(FORWARD_BATCH_MAX));
    const last = batch[batch.length - 1];
    if (last === undefined) return 'idle';
    const req = forwardRequest(batch, o.cipher);
    try {
      const token = typeof o.token === 'string' ? o.token : await o.token();
      const res = await doFetch(base + req.path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': req.key },
        body: JSON.stringify(req.body),
        signal: AbortSignal.any([inflight.signal, AbortSignal.timeout(FORWARD_TIMEOUT_MS)]),
      });
      const text = await res.text();
      if (res.status < 200 || res.status > 299) {
        // Only the code and message of the upstream's answer: its error list may quote our data.
        let code = `HTTP_${res.status}`;
        let message = '';
        try {
          const e = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
          code = e?.code ?? code;
          message = e?.message ?? '';
        } catch {
          // not JSON
        }
        lastError = { at: new Date(now()).toISOString(), status: res.status, code, message: message.slice(0, 200) };
        return 'failed';
      }
      await o.store.write([{ type: 'put', key: K.forwarded, value: last.seq }]);
      counters.sentBatches += 1;
      counters.sentRecords += batch.length;
      lastSuccessAt = new Date(now()).toISOString();
      return 'sent';
    } catch (e) {
      lastError = { at: new Date(now()).toISOString(), status: null, code: 'UPSTREAM_UNREACHABLE', message: e instanceof Error ? e.message.slice(0, 200) : 'request failed' };
      return 'failed';
    }
  }

  async function run(): Promise<void> {
    let delay = min;
    while (!stopped) {
      const r = await once();
      if (stopped) return;
      if (r === 'sent') {
        counters.consecutiveFailures = 0;
        delay = min;
        continue;
      }
      if (r === 'idle') {
        await sleep(5_000);
        continue;
      }
      counters.failures += 1;
      counters.consecutiveFailures += 1;
      await sleep(delay / 2 + Math.random() * (delay / 2));
      delay = Math.min(max, delay * 2);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      // A wake after a failure is not a retry signal: only an idle forwarder starts early.
      if (counters.consecutiveFailures === 0) wakeUp?.();
    },
    async status() {
      const lastSeq = (await o.store.get<number>(K.lastSeq)) ?? 0;
      const forwardedSeq = (await o.store.get<number>(K.forwarded)) ?? 0;
      const [oldest] = await pendingRecords(1);
      return {
        enabled: true,
        upstream: base,
        lastSeq,
        forwardedSeq,
        lag: lastSeq - forwardedSeq,
        oldestPending: oldest === undefined ? null : { seq: oldest.seq, kind: oldest.kind, acceptedAt: oldest.acceptedAt, ageSeconds: Math.max(0, Math.round((now() - Date.parse(oldest.acceptedAt)) / 1000)) },
        ...counters,
        lastError,
        lastSuccessAt,
      };
    },
    async close() {
      stopped = true;
      inflight.abort();
      wakeUp?.();
      await loop;
    },
  };
}

/** The status of a gateway with no upstream: what it holds, nothing forwarded. */
export async function disabledStatus(store: SdStore): Promise<SyncStatus> {
  const lastSeq = (await store.get<number>(K.lastSeq)) ?? 0;
  return { enabled: false, upstream: null, lastSeq, forwardedSeq: 0, lag: 0, oldestPending: null, sentBatches: 0, sentRecords: 0, failures: 0, consecutiveFailures: 0, lastError: null, lastSuccessAt: null };
}
