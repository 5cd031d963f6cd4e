// RFC 3161 §3.4 over HTTP, framework-free: the HTTP layer mounts this at e.g. POST /tsa.
import type { LocalTsa } from './local-tsa.js';

export const TIMESTAMP_QUERY_CONTENT_TYPE = 'application/timestamp-query';
export const TIMESTAMP_REPLY_CONTENT_TYPE = 'application/timestamp-reply';
/** A TimeStampReq is a few hundred bytes; anything far larger is not one. */
export const MAX_TIMESTAMP_QUERY_BYTES = 16 * 1024;

export interface TsaHttpResponse {
  status: number;
  contentType: string;
  body: Uint8Array;
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function plain(status: number, text: string): TsaHttpResponse {
  return { status, contentType: 'text/plain; charset=utf-8', body: new TextEncoder().encode(`${text}\n`) };
}

/**
 * Answers one timestamp query. A malformed or unacceptable TimeStampReq still gets 200 with a
 * rejection TimeStampResp (RFC 3161 §2.4.2), as TSAs do; only the HTTP framing gets 4xx.
 * `contentType` is the request's Content-Type header when the caller has one.
 */
export async function handleTimestampQuery(tsa: Pick<LocalTsa, 'issue'>, body: Uint8Array, contentType?: string): Promise<TsaHttpResponse> {
  if (contentType !== undefined && mediaType(contentType) !== TIMESTAMP_QUERY_CONTENT_TYPE) {
    return plain(415, `expected Content-Type ${TIMESTAMP_QUERY_CONTENT_TYPE}`);
  }
  if (body.length > MAX_TIMESTAMP_QUERY_BYTES) return plain(413, `a timestamp query is at most ${MAX_TIMESTAMP_QUERY_BYTES} bytes`);
  return { status: 200, contentType: TIMESTAMP_REPLY_CONTENT_TYPE, body: await tsa.issue(body) };
}

export { mediaType };
