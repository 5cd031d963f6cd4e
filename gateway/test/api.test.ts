// The HTTP API end to end over real HTTP (127.0.0.1, random port) against the real log engine:
// ingest, checkpoints, entries and proofs verified with @elc/core, idempotency, auth refusals,
// bad bodies (each refused with code and field, changing nothing), public reads and ops routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogHasher, fromBase64, newVerifier, pureHashProvider, toBase64 } from '@elc/core';
import { verifyReceipt, type Receipt } from '@elc/core/receipt';
import { makeEvent, makeEvents, REGION } from './support/events.js';
import { errorOf, startTestGateway, type TestGateway } from './support/gateway.js';
import {
  checkConsistency,
  checkInclusion,
  decodeEntry,
  expectedLeafHash,
  openNoteCheckpoint,
  type ConsistencyJson,
  type InclusionJson,
} from './support/verify.js';

type ReceiptJson = Receipt;

describe('gateway HTTP API', () => {
  let t: TestGateway;
  let vendor: string;
  let vkey: string;
  const origin = 'elc.test/log/api';

  beforeAll(async () => {
    t = await startTestGateway({ ELC_ORIGIN: origin, ELC_BATCH_MAX_AGE_MS: '20', ELC_CHECKPOINT_INTERVAL_MS: '50' });
    vendor = await t.token('vendor', { org: 'platform-a' });
    vkey = await (await t.call('/v1/log/key')).text();
  });
  afterAll(async () => {
    await t.close();
  });

  async function checkpoint(): Promise<{ size: number; rootHash: Uint8Array }> {
    const r = await t.call('/v1/log/checkpoint');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    return openNoteCheckpoint(await r.text(), vkey, origin);
  }

  describe('ingest and verify', () => {
    it('acknowledges a batch with one receipt per event, in order, with the right leaf hashes', async () => {
      const events = makeEvents(0, 3);
      const r = await t.postEvents({ events }, vendor);
      expect(r.status).toBe(202);
      const { receipts } = (await r.json()) as { receipts: ReceiptJson[] };
      expect(receipts.map((x) => x.id)).toEqual(['platform-a/evt-0', 'platform-a/evt-1', 'platform-a/evt-2']);
      expect(new Set(receipts.map((x) => x.index)).size).toBe(3);
      receipts.forEach((rc, i) => expect(rc.leafHash).toBe(expectedLeafHash(events[i])));
      // Receipts are batch-signed by the log key: one call is one batch (never split), so the
      // three share one signature over a SHA-256 tree of their statements, each with its proof.
      const verifier = newVerifier(vkey.trim());
      const sha256 = createLogHasher(pureHashProvider('sha256'));
      const first = receipts[0] as ReceiptJson;
      for (const rc of receipts) {
        expect(Object.keys(rc).sort()).toEqual(['batch', 'id', 'index', 'leafHash', 'signature', 'time']);
        expect([rc.signature, rc.time, rc.batch.start, rc.batch.size]).toEqual([first.signature, first.time, first.batch.start, first.batch.size]);
        expect(rc.index - rc.batch.start).toBeLessThan(rc.batch.size);
        verifyReceipt(rc, origin, verifier, sha256);
      }
      expect(first.batch.size).toBeGreaterThanOrEqual(3);
      const forged = { ...first, index: 999 };
      expect(() => verifyReceipt(forged, origin, verifier, sha256)).toThrow();
      expect(() => verifyReceipt({ ...first, leafHash: toBase64(new Uint8Array(32)) }, origin, verifier, sha256)).toThrow();
      expect(await t.treeSize()).toBeGreaterThanOrEqual(3);
    });

    it('with ?wait=checkpoint returns a signed checkpoint and inclusion proofs that verify', async () => {
      const events = makeEvents(100, 5);
      const r = await t.postEvents({ events }, vendor, '?wait=checkpoint');
      expect(r.status).toBe(200);
      const body = (await r.json()) as { receipts: ReceiptJson[]; checkpoint: string; proofs: InclusionJson[] };
      const cp = openNoteCheckpoint(body.checkpoint, vkey, origin);
      expect(body.proofs).toHaveLength(5);
      body.proofs.forEach((p, i) => {
        expect(p.index).toBe(body.receipts[i]?.index);
        expect(p.size).toBe(cp.size);
        expect(p.leafHash).toBe(body.receipts[i]?.leafHash);
        expect(p.rootHash).toBe(toBase64(cp.rootHash));
        checkInclusion(p, cp.rootHash);
      });
      // A tampered proof must not verify (the check above is not vacuous).
      const bad = body.proofs[0];
      if (bad !== undefined && bad.proof.length > 0) {
        const tampered = { ...bad, leafHash: body.proofs[1]?.leafHash ?? bad.leafHash };
        expect(() => checkInclusion(tampered, cp.rootHash)).toThrow();
      }
    });

    it('serves entries that decode to the submitted event, with their receipt leaf hash', async () => {
      const ev = makeEvent(200);
      const r = await t.postEvents({ events: [ev] }, vendor, '?wait=checkpoint');
      const { receipts } = (await r.json()) as { receipts: ReceiptJson[] };
      const rc = receipts[0];
      if (rc === undefined) throw new Error('no receipt');
      const e = await t.call(`/v1/log/entries/${rc.index}`, { token: vendor });
      expect(e.status).toBe(200);
      const body = (await e.json()) as { index: number; entry: string; leafHash: string };
      expect(body.index).toBe(rc.index);
      expect(body.leafHash).toBe(rc.leafHash);
      expect(decodeEntry(body.entry)).toEqual(ev);
    });

    it('serves inclusion and consistency proofs that verify against signed checkpoints', async () => {
      const cp1 = await checkpoint();
      await t.postEvents({ events: makeEvents(300, 7) }, vendor, '?wait=checkpoint');
      const cp2 = await checkpoint();
      expect(cp2.size).toBeGreaterThan(cp1.size);
      const arbitration = await t.token('arbitration');
      for (const index of [0, cp1.size - 1, cp2.size - 1]) {
        const r = await t.call(`/v1/log/proof/inclusion?index=${index}&size=${cp2.size}`, { token: arbitration });
        expect(r.status).toBe(200);
        const p = (await r.json()) as InclusionJson;
        expect(p.rootHash).toBe(toBase64(cp2.rootHash));
        checkInclusion(p, cp2.rootHash);
      }
      const c = await t.call(`/v1/log/proof/consistency?from=${cp1.size}&to=${cp2.size}`, { token: arbitration });
      expect(c.status).toBe(200);
      const cj = (await c.json()) as ConsistencyJson;
      expect(cj.fromRoot).toBe(toBase64(cp1.rootHash));
      expect(cj.toRoot).toBe(toBase64(cp2.rootHash));
      checkConsistency(cj, cp1.rootHash, cp2.rootHash);
      expect(() => checkConsistency(cj, cp2.rootHash, cp1.rootHash)).toThrow();
    });

    it('gives a retry of the same events the same receipts and appends nothing', async () => {
      const events = makeEvents(400, 4);
      const first = (await (await t.postEvents({ events }, vendor, '?wait=checkpoint')).json()) as { receipts: ReceiptJson[] };
      const size = await t.treeSize();
      const again = await t.postEvents({ events }, vendor);
      expect(again.status).toBe(202);
      const second = (await again.json()) as { receipts: ReceiptJson[] };
      expect(second.receipts).toEqual(first.receipts);
      expect(await t.treeSize()).toBe(size);
    });

    it('scopes event ids to the org: another org with the same id gets its own entry', async () => {
      const other = await t.token('vendor', { org: 'platform-b' });
      const ev = makeEvent(500);
      const a = (await (await t.postEvents({ events: [ev] }, vendor)).json()) as { receipts: ReceiptJson[] };
      const b = (await (await t.postEvents({ events: [ev] }, other)).json()) as { receipts: ReceiptJson[] };
      expect(b.receipts[0]?.id).toBe('platform-b/evt-500');
      expect(b.receipts[0]?.index).not.toBe(a.receipts[0]?.index);
    });

    it('refuses the same id with different content with 409 and appends nothing', async () => {
      await t.postEvents({ events: [makeEvent(600)] }, vendor);
      const size = await t.treeSize();
      const r = await t.postEvents({ events: [makeEvent(601), makeEvent(600, { data: { via: 'app' } })] }, vendor);
      expect(await errorOf(r)).toMatchObject({ status: 409, code: 'LOG_ID_CONFLICT', field: 'events.1.id' });
      expect(await t.treeSize()).toBe(size);
    });

    it('lets a bureau submit for a region it covers and fills a missing region from the token', async () => {
      const bureau = await t.token('bureau', { org: 'rsj-37', region: '370000' });
      const ok = await t.postEvents({ events: [makeEvent(700, { region: '370102' })] }, bureau);
      expect(ok.status).toBe(202);
      const { region: _r, ...noRegion } = makeEvent(701);
      const filled = await t.postEvents({ events: [noRegion] }, vendor, '?wait=checkpoint');
      const { receipts } = (await filled.json()) as { receipts: ReceiptJson[] };
      const e = (await (await t.call(`/v1/log/entries/${receipts[0]?.index}`, { token: vendor })).json()) as { entry: string };
      expect((decodeEntry(e.entry) as { region: string }).region).toBe(REGION);
    });
  });

  describe('auth refusals', () => {
    const cases: [string, () => Promise<Record<string, string>>, number, string][] = [
      ['no token', () => Promise.resolve({}), 401, 'AUTH_MISSING'],
      ['not a bearer token', () => Promise.resolve({ authorization: 'Basic dXNlcjpwdw==' }), 401, 'AUTH_INVALID'],
      ['a garbage token', () => Promise.resolve({ authorization: 'Bearer abc.def.ghi' }), 401, 'AUTH_INVALID'],
    ];
    it.each(cases)('refuses %s on POST /v1/events and reads of entries', async (_name, headers, status, code) => {
      const h = await headers();
      const size = await t.treeSize();
      const r = await t.call('/v1/events', { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ events: [makeEvent(800)] }) });
      expect(await errorOf(r)).toMatchObject({ status, code });
      expect(await errorOf(await t.call('/v1/log/entries/0', { headers: h }))).toMatchObject({ status, code });
      expect(await errorOf(await t.call('/v1/log/proof/inclusion?index=0&size=1', { headers: h }))).toMatchObject({ status, code });
      expect(await t.treeSize()).toBe(size);
    });

    it('refuses roles that may not submit (arbitration, regulator) with 403 FORBIDDEN_ROLE', async () => {
      for (const role of ['arbitration', 'regulator'] as const) {
        const r = await t.postEvents({ events: [makeEvent(801)] }, await t.token(role));
        expect(await errorOf(r)).toMatchObject({ status: 403, code: 'FORBIDDEN_ROLE' });
      }
    });

    it('refuses an expired token with 401 AUTH_EXPIRED', async () => {
      const expired = await t.token('vendor', { ttlSeconds: -120 });
      expect(await errorOf(await t.postEvents({ events: [makeEvent(802)] }, expired))).toMatchObject({ status: 401, code: 'AUTH_EXPIRED' });
    });

    it('refuses a token signed by an unregistered key with 401 AUTH_UNKNOWN_KEY', async () => {
      const { generateKeyPair, exportJWK } = await import('jose');
      const { issueToken } = await import('../src/auth/dev-issuer.js');
      const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
      const rogue = await issueToken({ ...(await exportJWK(privateKey)), kid: 'rogue' }, { org: 'x', role: 'vendor', region: REGION }, {
        issuer: t.gw.config.jwtIssuer,
        audience: t.gw.config.jwtAudience,
        ttlSeconds: 600,
      });
      expect(await errorOf(await t.postEvents({ events: [makeEvent(803)] }, rogue))).toMatchObject({ status: 401, code: 'AUTH_UNKNOWN_KEY' });
      const forged = await issueToken({ ...(await exportJWK(privateKey)), kid: 'dev-issuer' }, { org: 'x', role: 'vendor', region: REGION }, {
        issuer: t.gw.config.jwtIssuer,
        audience: t.gw.config.jwtAudience,
        ttlSeconds: 600,
      });
      expect(await errorOf(await t.postEvents({ events: [makeEvent(803)] }, forged))).toMatchObject({ status: 401, code: 'AUTH_INVALID' });
    });

    it('refuses a vendor submitting for another region with 403 FORBIDDEN_REGION naming the field', async () => {
      const size = await t.treeSize();
      const r = await t.postEvents({ events: [makeEvent(804), makeEvent(805, { region: '110101' })] }, vendor);
      expect(await errorOf(r)).toMatchObject({ status: 403, code: 'FORBIDDEN_REGION', field: 'events.1.region' });
      const bureau = await t.token('bureau', { region: '370100' });
      expect(await errorOf(await t.postEvents({ events: [makeEvent(806, { region: '370202' })] }, bureau))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN_REGION',
      });
      expect(await t.treeSize()).toBe(size);
    });
  });

  describe('bad bodies change nothing', () => {
    const post = (body: string, contentType = 'application/json') =>
      t.call('/v1/events', { method: 'POST', token: vendor, headers: { 'content-type': contentType }, body });

    const cases: [string, () => Promise<Response>, number, string, string | undefined][] = [
      ['not JSON', () => post('{"events": [}'), 400, 'BODY_NOT_JSON', undefined],
      ['a JSON string', () => post('"events"'), 400, 'REQUEST_INVALID', ''],
      ['wrong content type', () => post(JSON.stringify({ events: [makeEvent(900)] }), 'text/plain'), 415, 'CONTENT_TYPE_UNSUPPORTED', undefined],
      ['form content type', () => post('events=1', 'application/x-www-form-urlencoded'), 415, 'CONTENT_TYPE_UNSUPPORTED', undefined],
      ['too large', () => post(JSON.stringify({ events: [makeEvent(901)], pad: 'x'.repeat(5 * 1024 * 1024) })), 413, 'BODY_TOO_LARGE', undefined],
      ['too many events', () => post(JSON.stringify({ events: makeEvents(1000, 1001) })), 400, 'EVENTS_TOO_MANY', 'events'],
      ['no events member', () => post('{}'), 400, 'REQUEST_INVALID', 'events'],
      ['an empty batch', () => post('{"events": []}'), 400, 'REQUEST_INVALID', 'events'],
      ['an unknown member', () => post(JSON.stringify({ events: [makeEvent(902)], extra: 1 })), 400, 'REQUEST_INVALID', 'extra'],
      ['an event that is not an object', () => post(JSON.stringify({ events: [makeEvent(903), 42] })), 400, 'EVIDENCE_INVALID', 'events.1'],
      ['a bad document hash', () => post(JSON.stringify({ events: [makeEvent(904), makeEvent(905, { docHash: 'md5:abc' })] })), 400, 'EVIDENCE_INVALID', 'events.1.docHash'],
      ['a bad employer code', () => post(JSON.stringify({ events: [makeEvent(906, { employer: '91370102MA3C000010' })] })), 400, 'EVIDENCE_INVALID', 'events.0.employer'],
      ['an unknown event type', () => post(JSON.stringify({ events: [makeEvent(907, { type: 'contract.signed' })] })), 400, 'EVIDENCE_INVALID', 'events.0.type'],
      ['an unknown schema version', () => post(JSON.stringify({ events: [makeEvent(908, { v: 2 })] })), 400, 'EVIDENCE_VERSION_UNSUPPORTED', 'events.0.v'],
      ['a bad region code', () => post(JSON.stringify({ events: [makeEvent(909, { region: '990000' })] })), 400, 'EVIDENCE_INVALID', 'events.0.region'],
      ['a duplicate id in one batch', () => post(JSON.stringify({ events: [makeEvent(910), makeEvent(910)] })), 400, 'REQUEST_INVALID', 'events.1.id'],
      ['a personal-data key', () => post(JSON.stringify({ events: [makeEvent(911, { data: { via: 'web', workerName: '张三' } })] })), 400, 'EVIDENCE_PERSONAL_DATA', 'events.0.data.workerName'],
      ['an ID number in free text', () => post(JSON.stringify({ events: [makeEvent(912, { contractId: 'HT-110101199003071234' })] })), 400, 'EVIDENCE_PERSONAL_DATA', 'events.0.contractId'],
      ['a mobile number in free text', () => post(JSON.stringify({ events: [makeEvent(913, { contractId: 'call 13912345678' })] })), 400, 'EVIDENCE_PERSONAL_DATA', 'events.0.contractId'],
      ['an unknown wait (wait=anchored is served by the ledger features)', () => t.postEvents({ events: [makeEvent(914)] }, vendor, '?wait=forever'), 400, 'QUERY_INVALID', 'wait'],
    ];

    it.each(cases)('refuses %s', async (_name, send, status, code, field) => {
      const size = await t.treeSize();
      const err = await errorOf(await send());
      expect(err).toMatchObject({ status, code });
      expect(err.field).toBe(field);
      expect(typeof err.message).toBe('string');
      expect(await t.treeSize()).toBe(size);
    });
  });

  describe('reads', () => {
    it('serves the checkpoint and the key without a token', async () => {
      const cp = await checkpoint();
      expect(cp.size).toBeGreaterThan(0);
      expect(vkey.startsWith(`${origin}+`)).toBe(true);
    });

    it('refuses bad indices and sizes with codes', async () => {
      const cp = await checkpoint();
      const cases: [string, number, string, string | undefined][] = [
        ['/v1/log/entries/abc', 400, 'QUERY_INVALID', 'index'],
        ['/v1/log/entries/-1', 400, 'QUERY_INVALID', 'index'],
        ['/v1/log/entries/007', 400, 'QUERY_INVALID', 'index'],
        ['/v1/log/entries/99999999', 404, 'LOG_INDEX_OUT_OF_RANGE', undefined],
        ['/v1/log/proof/inclusion?index=1', 400, 'QUERY_INVALID', 'size'],
        ['/v1/log/proof/inclusion?index=5&size=5', 400, 'QUERY_INVALID', 'index'],
        [`/v1/log/proof/inclusion?index=0&size=${cp.size + 1000}`, 400, 'LOG_SIZE_BEYOND_CHECKPOINT', undefined],
        ['/v1/log/proof/consistency?from=0&to=1', 400, 'QUERY_INVALID', 'from'],
        ['/v1/log/proof/consistency?from=3&to=2', 400, 'QUERY_INVALID', 'from'],
      ];
      for (const [path, status, code, field] of cases) {
        const err = await errorOf(await t.call(path, { token: vendor }));
        expect({ path, ...err }).toMatchObject({ path, status, code });
        if (field !== undefined) expect({ path, field: err.field }).toEqual({ path, field });
      }
    });

    it('serves tiles publicly: partial tiles, entry bundles, and 404 beyond the log', async () => {
      const cp = await checkpoint();
      const width = Math.min(cp.size, 255);
      const tile = await t.call(`/tile/0/000.p/${width}`);
      expect(tile.status).toBe(200);
      expect(tile.headers.get('cache-control')).toBe('public, max-age=60');
      const bytes = new Uint8Array(await tile.arrayBuffer());
      expect(bytes.length).toBe(width * 32);
      const first = (await (await t.call('/v1/log/entries/0', { token: vendor })).json()) as { leafHash: string };
      expect(toBase64(bytes.subarray(0, 32))).toBe(first.leafHash);
      const bundle = await t.call(`/tile/entries/000.p/${width}`);
      expect(bundle.status).toBe(200);
      const b = new Uint8Array(await bundle.arrayBuffer());
      const len = ((b[0] ?? 0) << 8) | (b[1] ?? 0);
      const firstEntry = (await (await t.call('/v1/log/entries/0', { token: vendor })).json()) as { entry: string };
      expect(toBase64(b.subarray(2, 2 + len))).toBe(firstEntry.entry);
      expect(await errorOf(await t.call('/tile/0/x001/000'))).toMatchObject({ status: 404, code: 'LOG_TILE_NOT_FOUND' });
      expect(await errorOf(await t.call('/tile/0/x000/001'))).toMatchObject({ status: 404, code: 'TILE_NOT_FOUND' });
    });

    it('serves a full tile as immutable once 256 entries exist', async () => {
      const size = await t.treeSize();
      if (size < 256) await t.postEvents({ events: makeEvents(2000, 256 - size) }, vendor, '?wait=checkpoint');
      const tile = await t.call('/tile/0/000');
      expect(tile.status).toBe(200);
      expect(tile.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await tile.arrayBuffer()).byteLength).toBe(256 * 32);
      const leaf0 = (await (await t.call('/v1/log/entries/0', { token: vendor })).json()) as { leafHash: string };
      const again = new Uint8Array(await (await t.call('/tile/0/000')).arrayBuffer());
      expect(again.subarray(0, 32)).toEqual(fromBase64(leaf0.leafHash));
    });
  });

  describe('ops', () => {
    it('answers /healthz and /readyz', async () => {
      expect((await t.call('/healthz')).status).toBe(200);
      const ready = (await (await t.call('/readyz')).json()) as { status: string; treeSize: number };
      expect(ready.status).toBe('ready');
    });

    it('exposes Prometheus metrics', async () => {
      const text = await (await t.call('/metrics')).text();
      expect(text).toMatch(/^elc_events_ingested_total \d+/m);
      expect(text).toMatch(/^elc_log_tree_size [1-9]\d*/m);
      expect(text).toMatch(/^elc_log_checkpoint_age_seconds /m);
      expect(text).toMatch(/^elc_log_queue_depth /m);
      expect(text).toMatch(/^elc_evidence_index_size \d+/m);
      expect(text).toMatch(/^elc_http_request_duration_seconds_bucket\{.*route="\/v1\/events"/m);
      expect(text).toMatch(/^elc_http_request_duration_seconds_bucket\{.*route="\/v1\/log\/entries\/:index"/m);
      expect(text).toMatch(/^elc_http_request_duration_seconds_bucket\{.*route="\/tile"/m);
      expect(text).not.toMatch(/route="\/v1\/log\/entries\/\d/);
    });

    it('sets security headers and answers unknown routes with a JSON 404', async () => {
      const r = await t.call('/nope');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-powered-by')).toBeNull();
      expect(await errorOf(r)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    });
  });
});
