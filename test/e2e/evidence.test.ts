// Contracts, anchors and bundles end to end on a real gateway (in process, real HTTP on 127.0.0.1, a temp data dir, the
// embedded ledger and the local TSA): lifecycle records through the chaincode, events anchored,
// the evidence bundle verified offline with core and its RFC 3161 token checked against the local
// TSA root; refused transitions change nothing; the evidence route's access rules; every
// retrieval logged; the public document-hash lookup; POST /tsa.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTimestampRequest,
  decodeLeaf,
  fromBase64,
  parseTimestampResponse,
  pemToDer,
  utf8,
  verifyBundle,
  verifyTimestampToken,
  type EvidenceBundleV1,
  type Role,
} from '@elc/core';
import { FAST_ANCHORING, startTestGateway, type ErrorJson, type TestGateway } from '../../gateway/test/support/gateway.js';
import { EMPLOYER, hex64, makeConclude, makeEvent } from '../../gateway/test/support/events.js';
import { checkInclusion, openNoteCheckpoint, type InclusionJson } from '../../gateway/test/support/verify.js';

const ORIGIN = 'elc.test/log/evidence';
const CONTRACT = 'HT-EV-0001';
const WORKER = `hmac-sha256:${'ab'.repeat(32)}`;
const CONCLUDED_DOC = `sha256:${hex64(0xc0ffee)}`;
const VIEWED_DOC = `sha256:${hex64(0xbeef01)}`;

describe('evidence end to end (embedded ledger, local TSA)', () => {
  let t: TestGateway;
  let dataDir: string;
  let vkey: string;
  let token: (role: Role, org: string, region: string) => Promise<string>;

  const call = (path: string, init: RequestInit & { bearer?: string } = {}): Promise<Response> => {
    const { bearer, ...rest } = init;
    return t.call(path, bearer === undefined ? rest : { ...rest, token: bearer });
  };
  const postJson = (path: string, body: unknown, bearer: string): Promise<Response> =>
    call(path, { method: 'POST', bearer, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const treeSize = (): Promise<number> => t.treeSize();
  const evidencePath = `/v1/contracts/${EMPLOYER}/${CONTRACT}/evidence`;

  const conclude = (id: string, contractId = CONTRACT): Record<string, unknown> => makeConclude(id, contractId, { docHash: CONCLUDED_DOC, worker: WORKER });

  beforeAll(async () => {
    t = await startTestGateway({ ELC_ORIGIN: ORIGIN, ...FAST_ANCHORING });
    dataDir = t.dataDir;
    token = (role, org, region) => t.token(role, { org, region });
    vkey = await (await call('/v1/log/key')).text();
  });

  afterAll(async () => {
    await t.close();
  });

  it('records a conclusion through the chaincode, anchors events, and serves a bundle that verifies offline with its TSA token', async () => {
    const vendor = await token('vendor', 'vendor-a', '370102');
    const t = await postJson('/v1/contracts/transitions', { transitions: [conclude('t-conclude-1')] }, vendor);
    expect(t.status, await t.clone().text()).toBe(201);
    const recorded = (await t.json()) as { txId: string; blockNumber: number; results: { status: string; type: string }[]; receipts: { index: number }[] };
    expect(recorded.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(recorded.results).toEqual([expect.objectContaining({ type: 'conclude', status: 'active' })]);
    expect(recorded.receipts).toHaveLength(1);
    const concludedEvent = decodeLeaf(fromBase64(((await (await call(`/v1/log/entries/${recorded.receipts[0]?.index}`, { bearer: vendor })).json()) as { entry: string }).entry));
    expect(concludedEvent).toMatchObject({ type: 'contract.concluded', employer: EMPLOYER, contractId: CONTRACT, docHash: CONCLUDED_DOC, worker: WORKER });

    const events = [makeEvent(1, { contractId: CONTRACT, docHash: VIEWED_DOC }), makeEvent(2, { contractId: CONTRACT, type: 'document.downloaded' })];
    const r = await postJson('/v1/events?wait=anchored', { events }, vendor);
    expect(r.status).toBe(200);
    const anchored = (await r.json()) as {
      receipts: { index: number }[];
      checkpoint: string;
      anchor: { size: number; rootHash: string; txId: string; blockNumber: number; channel: string };
      proofs: InclusionJson[];
    };
    const cp = openNoteCheckpoint(anchored.checkpoint, vkey, ORIGIN);
    expect(cp.size).toBe(anchored.anchor.size);
    expect(anchored.anchor.size).toBeGreaterThan(Math.max(...anchored.receipts.map((x) => x.index)));
    expect(anchored.anchor.rootHash).toBe(Buffer.from(cp.rootHash).toString('base64'));
    for (const p of anchored.proofs) checkInclusion(p, cp.rootHash);

    const arbitration = await token('arbitration', 'arb-jinan', '370100');
    const contract = await call(`/v1/contracts/${EMPLOYER}/${CONTRACT}`, { bearer: arbitration });
    expect(contract.status).toBe(200);
    const state = (await contract.json()) as { state: { status: string; docHash: string }; history: unknown[] };
    expect(state.state).toMatchObject({ status: 'active', docHash: CONCLUDED_DOC });
    expect(state.history).toHaveLength(1);

    const e = await call(evidencePath, { bearer: arbitration, headers: { 'elc-legal-basis': 'arbitration_case', 'elc-legal-reference': 'LZA-2026-0001' } });
    expect(e.status, await e.clone().text()).toBe(200);
    const bundle = (await e.json()) as EvidenceBundleV1;
    const report = verifyBundle(bundle, { logKeys: [vkey.trim()] });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.events.map((x) => x.event.type).sort()).toEqual(['contract.concluded', 'document.downloaded', 'document.viewed']);
    expect(bundle.anchor).toMatchObject({ txId: anchored.anchor.txId, anchoredSize: anchored.anchor.size });
    expect(bundle.contract.state).toMatchObject({ status: 'active' });
    expect(bundle.contract.history).toHaveLength(1);

    // The token is over the anchored checkpoint note and chains to the local TSA's root.
    expect(bundle.timestamp?.local).toBe(true);
    expect(bundle.timestamp?.tsa).toMatch(/local/i);
    const root = pemToDer(await readFile(join(dataDir, 'tsa', 'root.pem'), 'utf8'));
    const info = await verifyTimestampToken(fromBase64(bundle.timestamp?.token ?? ''), { data: utf8(bundle.checkpoint), trustedRoots: [root] });
    expect(info.tsaName).toMatch(/local/i);
    await expect(verifyTimestampToken(fromBase64(bundle.timestamp?.token ?? ''), { data: utf8(`${bundle.checkpoint}x`), trustedRoots: [root] })).rejects.toMatchObject({
      code: 'TSA_IMPRINT_MISMATCH',
    });

    // The anchor reference is the ledger's record of that size.
    const a = await call(`/v1/anchors?size=${bundle.anchor?.anchoredSize}`, { bearer: arbitration });
    expect(a.status).toBe(200);
    expect(((await a.json()) as { anchor: { txId: string; note: string } }).anchor).toMatchObject({ txId: bundle.anchor?.txId, note: bundle.checkpoint });

    // The retrieval itself is in the log, naming the org, role and legal basis.
    const accessIndex = Number(e.headers.get('elc-access-index'));
    expect(accessIndex).toBeGreaterThanOrEqual(anchored.anchor.size);
    const logged = await call(`/v1/log/entries/${accessIndex}`, { bearer: arbitration });
    const accessEvent = decodeLeaf(fromBase64(((await logged.json()) as { entry: string }).entry));
    expect(accessEvent).toMatchObject({
      type: 'evidence.accessed',
      employer: EMPLOYER,
      contractId: CONTRACT,
      party: 'arbitration',
      data: { org: 'arb-jinan', role: 'arbitration', legalBasis: 'arbitration_case', reference: 'LZA-2026-0001' },
    });

    // A later retrieval carries the earlier access event too, proven under a later anchor.
    const again = (await (await call(evidencePath, { bearer: vendor })).json()) as EvidenceBundleV1;
    expect(again.entries.map((x) => x.index)).toContain(accessIndex);
    expect(verifyBundle(again, { logKeys: [vkey.trim()] }).ok).toBe(true);
  });

  it('refuses a transition with 409 and the chaincode code, and changes neither the ledger nor the log', async () => {
    const vendor = await token('vendor', 'vendor-a', '370102');
    const arbitration = await token('arbitration', 'arb-jinan', '370100');
    const stateOf = async (): Promise<unknown> => (await call(`/v1/contracts/${EMPLOYER}/${CONTRACT}`, { bearer: arbitration })).json();
    const before = await stateOf();
    const sizeBefore = await treeSize();

    const again = await postJson('/v1/contracts/transitions', { transitions: [conclude('t-conclude-2')] }, vendor);
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorJson).error).toMatchObject({ code: 'CONTRACT_EXISTS' });

    // Atomic: a valid renewal followed by a refused item commits neither.
    const renew = {
      id: 't-renew-1',
      type: 'renew',
      employer: EMPLOYER,
      contractId: CONTRACT,
      effectiveDate: '2029-11-01',
      docHash: `sha256:${hex64(77)}`,
      term: { kind: 'open_ended', start: '2029-11-01' },
      worker: WORKER,
    };
    const mixed = await postJson('/v1/contracts/transitions', { transitions: [renew, { ...conclude('t-conclude-3'), id: 't-conclude-3' }] }, vendor);
    expect(mixed.status).toBe(409);
    const mixedError = ((await mixed.json()) as ErrorJson).error;
    expect(mixedError.code).toBe('CONTRACT_EXISTS');
    expect(mixedError.field).toMatch(/^transitions\.1/);

    const unknown = await postJson(
      '/v1/contracts/transitions',
      { transitions: [{ id: 't-rescind-x', type: 'rescind', employer: EMPLOYER, contractId: 'HT-NEVER', effectiveDate: '2027-01-01', reasonCode: 'A01', initiator: 'worker', worker: WORKER }] },
      vendor,
    );
    expect(unknown.status).toBe(409);
    expect(((await unknown.json()) as ErrorJson).error.code).toBe('CONTRACT_UNKNOWN');

    // Out of the vendor's region: refused before the ledger sees it.
    const beijing = await postJson('/v1/contracts/transitions', { transitions: [{ ...conclude('t-bj', 'HT-BJ-1'), region: '110101' }] }, vendor);
    expect(beijing.status).toBe(403);
    expect(((await beijing.json()) as ErrorJson).error.code).toBe('FORBIDDEN_REGION');

    // An evidence field the schema refuses (a worker that is not a commitment): 400 with the field.
    const bad = await postJson('/v1/contracts/transitions', { transitions: [{ ...conclude('t-bad', 'HT-BAD-1'), worker: '370102199001011234' }] }, vendor);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorJson).error.field).toMatch(/^transitions\.0\.worker/);

    expect(await treeSize()).toBe(sizeBefore);
    expect(await stateOf()).toEqual(before);
    const never = await call(`/v1/contracts/${EMPLOYER}/HT-BAD-1`, { bearer: arbitration });
    expect(never.status).toBe(404);
    expect(((await never.json()) as ErrorJson).error.code).toBe('CONTRACT_NOT_FOUND');
  });

  it('answers a retried transition batch with its first answer and records nothing twice', async () => {
    const vendor = await token('vendor', 'vendor-a', '370102');
    const batch = { transitions: [conclude('t-retry-1', 'HT-RETRY-1')] };
    const first = await postJson('/v1/contracts/transitions', batch, vendor);
    expect(first.status).toBe(201);
    const size = await treeSize();
    const second = await postJson('/v1/contracts/transitions', batch, vendor);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    expect(await treeSize()).toBe(size);
    const conflict = await postJson('/v1/contracts/transitions', { transitions: [{ ...conclude('t-retry-1', 'HT-RETRY-2') }] }, vendor);
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as ErrorJson).error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('applies the access rules of the evidence route and logs only granted retrievals', async () => {
    const sizeBefore = await treeSize();
    const otherVendor = await call(evidencePath, { bearer: await token('vendor', 'vendor-b', '370102') });
    expect(otherVendor.status).toBe(403);
    expect(((await otherVendor.json()) as ErrorJson).error.code).toBe('FORBIDDEN_ORG');

    const outOfRegion = await call(evidencePath, { bearer: await token('regulator', 'reg-beijing', '110000'), headers: { 'elc-legal-basis': 'labor_inspection' } });
    expect(outOfRegion.status).toBe(403);
    expect(((await outOfRegion.json()) as ErrorJson).error.code).toBe('FORBIDDEN_REGION');

    const noBasis = await call(evidencePath, { bearer: await token('arbitration', 'arb-jinan', '370100') });
    expect(noBasis.status).toBe(400);
    expect(((await noBasis.json()) as ErrorJson).error).toMatchObject({ code: 'LEGAL_BASIS_REQUIRED', field: 'legalBasis' });

    const badBasis = await call(`${evidencePath}?legalBasis=curiosity`, { bearer: await token('bureau', 'bureau-sd', '370000') });
    expect(badBasis.status).toBe(400);
    expect(((await badBasis.json()) as ErrorJson).error.code).toBe('LEGAL_BASIS_REQUIRED');

    const unknownContract = await call(`/v1/contracts/${EMPLOYER}/HT-NOPE/evidence?legalBasis=arbitration_case`, { bearer: await token('arbitration', 'arb-jinan', '370100') });
    expect(unknownContract.status).toBe(404);
    expect(await treeSize()).toBe(sizeBefore);

    const regulator = await call(`${evidencePath}?legalBasis=labor_inspection`, { bearer: await token('regulator', 'reg-sd', '370000') });
    expect(regulator.status).toBe(200);
    expect(await treeSize()).toBe(sizeBefore + 1);
  });

  it('looks up a document hash publicly: anchored with a proof, nothing personal; not found otherwise', async () => {
    const r = await call(`/v1/lookup?docHash=${VIEWED_DOC}`);
    expect(r.status).toBe(200);
    const text = await r.text();
    const found = JSON.parse(text) as { anchored: boolean; index: number; leafHash: string; proof: string[]; checkpoint: string; anchor: { size: number } };
    expect(found.anchored).toBe(true);
    const cp = openNoteCheckpoint(found.checkpoint, vkey, ORIGIN);
    expect(cp.size).toBe(found.anchor.size);
    checkInclusion({ index: found.index, size: cp.size, leafHash: found.leafHash, proof: found.proof, rootHash: '' }, cp.rootHash);
    expect(text).not.toContain(EMPLOYER);
    expect(text).not.toContain(CONTRACT);
    expect(text).not.toContain('hmac-sha256');

    const missing = await call(`/v1/lookup?docHash=sha256:${hex64(424242)}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorJson).error.code).toBe('DOC_HASH_NOT_FOUND');
    const malformed = await call('/v1/lookup?docHash=md5:abc');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorJson).error.field).toBe('docHash');
  });

  it('serves the local TSA at POST /tsa and the anchor and timestamp backlogs in /metrics', async () => {
    const data = utf8('a query from outside');
    const query = buildTimestampRequest(data, { nonce: new Uint8Array(16).fill(7), certReq: true });
    const r = await call('/tsa', { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: Buffer.from(query) });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/timestamp-reply/);
    const root = pemToDer(await readFile(join(dataDir, 'tsa', 'root.pem'), 'utf8'));
    const tokenDer = parseTimestampResponse(new Uint8Array(await r.arrayBuffer()));
    await expect(verifyTimestampToken(tokenDer, { data, trustedRoots: [root], nonce: new Uint8Array(16).fill(7) })).resolves.toMatchObject({ hashAlg: 'sha256' });
    const wrongType = await call('/tsa', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(wrongType.status).toBe(415);

    const metrics = await (await call('/metrics')).text();
    const anchoredSize = Number(/^elc_anchor_anchored_size (\d+)/m.exec(metrics)?.[1]);
    expect(anchoredSize).toBeGreaterThan(0);
    expect(metrics).toMatch(/^elc_anchor_backlog_entries \d+/m);
    expect(metrics).toMatch(/^elc_tsa_pending_checkpoints \d+/m);
    expect(Number(/^elc_tsa_tokens_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
  });
});
