// requestTimestamp against a real node:http server on 127.0.0.1 serving handleTimestampQuery.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimestampErrorCode, isElcError, parseTimestampResponse, utf8, verifyTimestampToken } from '@elc/core';
import { TIMESTAMP_REPLY_CONTENT_TYPE, handleTimestampQuery, loadOrCreateLocalTsa, requestTimestamp, type LocalTsa } from './index.js';
import { codeOf } from '../../test/support/errors.js';
import { fixedClock, tempDir } from './tsa.test-support.js';

type Mode = 'tsa' | 'replay' | 'wrong-type' | 'error' | 'hang';

let tsa: LocalTsa;
let server: Server;
let base: string;
let removeDir: () => Promise<void>;
let lastReply: Uint8Array | undefined;
const seen: { method: string | undefined; contentType: string | undefined }[] = [];

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const mode = (req.url ?? '/').slice(1) as Mode;
  seen.push({ method: req.method, contentType: req.headers['content-type'] });
  const body = await readBody(req);
  if (mode === 'hang') return; // never answers; the client's timeout must end the wait
  if (mode === 'error') {
    res.writeHead(503).end('busy');
    return;
  }
  if (mode === 'replay' && lastReply !== undefined) {
    res.writeHead(200, { 'content-type': TIMESTAMP_REPLY_CONTENT_TYPE }).end(lastReply);
    return;
  }
  const answer = await handleTimestampQuery(tsa, body, req.headers['content-type']);
  if (answer.status === 200) lastReply = answer.body;
  res.writeHead(answer.status, { 'content-type': mode === 'wrong-type' ? 'text/html' : answer.contentType }).end(answer.body);
}

beforeAll(async () => {
  const dir = await tempDir('tsa-http');
  removeDir = dir.remove;
  tsa = await loadOrCreateLocalTsa(dir.path, { clock: fixedClock });
  server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await removeDir();
});

const note = utf8('elc.example/log\n3\nAAAA\n');

describe('requestTimestamp over HTTP', () => {
  it('POSTs application/timestamp-query and returns a verified token from the local TSA', async () => {
    const { token, info } = await requestTimestamp(`${base}/tsa`, note, { trustedRoots: [tsa.rootCertificateDer] });
    expect(seen.at(-1)).toEqual({ method: 'POST', contentType: 'application/timestamp-query' });
    expect(info.genTime.toISOString()).toBe('2026-03-01T12:34:56.000Z');
    expect(info.tsaName).toMatch(/local/);
    // The returned token stands on its own: it verifies again offline.
    expect((await verifyTimestampToken(token, { data: note, trustedRoots: [tsa.rootCertificateDer] })).serialNumber).toBe(info.serialNumber);
  });

  it('rejects a replayed reply (an earlier token for the same data) with TSA_NONCE_MISMATCH', async () => {
    await requestTimestamp(`${base}/tsa`, note, { trustedRoots: [tsa.rootCertificateDer] });
    expect(await codeOf(requestTimestamp(`${base}/replay`, note, { trustedRoots: [tsa.rootCertificateDer] }))).toBe(
      TimestampErrorCode.TSA_NONCE_MISMATCH,
    );
  });

  it('rejects a token from a TSA it does not trust with TSA_UNTRUSTED_CHAIN', async () => {
    const other = await tempDir('tsa-other');
    try {
      const otherTsa = await loadOrCreateLocalTsa(other.path, { clock: fixedClock });
      expect(await codeOf(requestTimestamp(`${base}/tsa`, note, { trustedRoots: [otherTsa.rootCertificateDer] }))).toBe(
        TimestampErrorCode.TSA_UNTRUSTED_CHAIN,
      );
    } finally {
      await other.remove();
    }
  });

  it('maps HTTP errors, timeouts and refused connections to TSA_UNAVAILABLE', async () => {
    const opts = { trustedRoots: [tsa.rootCertificateDer] };
    expect(await codeOf(requestTimestamp(`${base}/error`, note, opts))).toBe('TSA_UNAVAILABLE');
    expect(await codeOf(requestTimestamp(`${base}/hang`, note, { ...opts, timeoutMs: 200 }))).toBe('TSA_UNAVAILABLE');
    expect(await codeOf(requestTimestamp('http://127.0.0.1:1/tsa', note, opts))).toBe('TSA_UNAVAILABLE');
  });

  it('rejects a reply with another content type with TSA_MALFORMED', async () => {
    expect(await codeOf(requestTimestamp(`${base}/wrong-type`, note, { trustedRoots: [tsa.rootCertificateDer] }))).toBe(
      TimestampErrorCode.TSA_MALFORMED,
    );
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      calls.push(input instanceof Request ? input.url : input.toString());
      return globalThis.fetch(`${base}/tsa`, init);
    };
    await requestTimestamp('https://tsa.invalid/', note, { trustedRoots: [tsa.rootCertificateDer], fetch });
    expect(calls).toEqual(['https://tsa.invalid/']);
  });
});

describe('handleTimestampQuery', () => {
  it('answers 415 to another content type and 413 to an oversized body, without calling the TSA', async () => {
    const never = { issue: () => Promise.reject(new Error('must not be called')) };
    expect((await handleTimestampQuery(never, new Uint8Array(10), 'application/json')).status).toBe(415);
    expect((await handleTimestampQuery(never, new Uint8Array(20_000), 'application/timestamp-query')).status).toBe(413);
  });

  it('answers 200 with a rejection TimeStampResp to a body that is not a request', async () => {
    const answer = await handleTimestampQuery(tsa, utf8('hello'), 'Application/Timestamp-Query; charset=binary');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe(TIMESTAMP_REPLY_CONTENT_TYPE);
    let code = 'OK';
    try {
      parseTimestampResponse(answer.body);
    } catch (e) {
      code = isElcError(e) ? e.code : 'other';
    }
    expect(code).toBe(TimestampErrorCode.TSA_STATUS_REJECTED);
  });
});
