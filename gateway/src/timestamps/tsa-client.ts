// RFC 3161 §3.4 client: POST a TimeStampReq with a fresh random nonce, and return the token only
// after core has verified it (imprint, nonce, signature, EKU, chain to the configured roots).
import { webcrypto } from 'node:crypto';
import { ElcError, buildTimestampRequest, parseTimestampResponse, verifyTimestampToken, type HashAlg, type TimestampInfo } from '@elc/core';
import { TIMESTAMP_QUERY_CONTENT_TYPE, TIMESTAMP_REPLY_CONTENT_TYPE, mediaType } from './tsa-http.js';

export const DEFAULT_TSA_TIMEOUT_MS = 10_000;
export const MAX_TIMESTAMP_REPLY_BYTES = 1024 * 1024;
const NONCE_BYTES = 16;

export interface RequestTimestampOptions {
  /** DER certificates of the TSA roots to trust (ELC_TSA_ROOTS). */
  trustedRoots: readonly Uint8Array[];
  /** Untrusted DER certificates (intermediates, or the TSA certificate if the TSA omits it). */
  certificates?: readonly Uint8Array[];
  hashAlg?: HashAlg;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export interface TimestampResult {
  /** DER TimeStampToken (CMS ContentInfo) exactly as the TSA sent it. */
  token: Uint8Array;
  info: TimestampInfo;
}

function unavailable(message: string, cause?: unknown): ElcError {
  return new ElcError('TSA_UNAVAILABLE', message, { cause });
}

async function readCapped(response: Response, cap: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > cap) throw new ElcError('TSA_MALFORMED', `TSA reply larger than ${cap} bytes`);
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > cap) {
      await reader.cancel();
      throw new ElcError('TSA_MALFORMED', `TSA reply larger than ${cap} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/**
 * Timestamps `data` at the TSA at `url`. Network failures, timeouts and non-200 answers throw
 * TSA_UNAVAILABLE; a reply that is not a verifying token throws the core TSA_* code.
 */
export async function requestTimestamp(url: string, data: Uint8Array, options: RequestTimestampOptions): Promise<TimestampResult> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TSA_TIMEOUT_MS;
  const nonce = webcrypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const request = buildTimestampRequest(data, { hashAlg: options.hashAlg ?? 'sha256', nonce, certReq: true });

  let reply: Uint8Array;
  try {
    const response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': TIMESTAMP_QUERY_CONTENT_TYPE, accept: TIMESTAMP_REPLY_CONTENT_TYPE },
      body: new Uint8Array(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw unavailable(`TSA answered HTTP ${response.status}`);
    }
    const type = mediaType(response.headers.get('content-type') ?? '');
    if (type !== TIMESTAMP_REPLY_CONTENT_TYPE) {
      await response.body?.cancel();
      throw new ElcError('TSA_MALFORMED', `TSA answered Content-Type "${type}", expected ${TIMESTAMP_REPLY_CONTENT_TYPE}`);
    }
    reply = await readCapped(response, MAX_TIMESTAMP_REPLY_BYTES);
  } catch (e) {
    if (e instanceof ElcError) throw e;
    throw unavailable(`TSA request to ${url} failed`, e);
  }

  const token = parseTimestampResponse(reply);
  const info = await verifyTimestampToken(token, {
    data,
    nonce,
    trustedRoots: options.trustedRoots,
    ...(options.certificates === undefined ? {} : { certificates: options.certificates }),
  });
  return { token, info };
}
