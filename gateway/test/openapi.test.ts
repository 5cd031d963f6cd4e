// docs/openapi.yaml and the gateway agree: every documented operation is served (no route-level
// 404), and the document is OpenAPI 3.1 with every $ref resolvable.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../test/support/paths.js';
import { buildTimestampRequest } from '@elc/core';
import { EMPLOYER, REGION, makeEvent } from './support/events.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
}

/** The unit of the Shandong examples (the GB 32100 standard's own example code). */
const SD_UNIT = '91350100M000100Y43';

/** A concrete request for each documented path template. */
const EXAMPLES: Record<string, string> = {
  '/v1/events': '/v1/events',
  '/v1/log/checkpoint': '/v1/log/checkpoint',
  '/v1/log/key': '/v1/log/key',
  '/v1/log/entries/{index}': '/v1/log/entries/0',
  '/v1/log/proof/inclusion': '/v1/log/proof/inclusion?index=0&size=1',
  '/v1/log/proof/consistency': '/v1/log/proof/consistency?from=1&to=1',
  '/tile/{level}/{index}': '/tile/0/000.p/1',
  '/tile/entries/{index}': '/tile/entries/000.p/1',
  '/healthz': '/healthz',
  '/readyz': '/readyz',
  '/metrics': '/metrics',
  '/v1/contracts/transitions': '/v1/contracts/transitions',
  '/v1/contracts/{uscc}/{contractNo}': `/v1/contracts/${EMPLOYER}/HT-2026-000001`,
  '/v1/contracts/{uscc}/{contractNo}/evidence': `/v1/contracts/${EMPLOYER}/HT-2026-000001/evidence?legalBasis=labor_inspection`,
  '/v1/anchors': '/v1/anchors?pageSize=10',
  '/v1/lookup': `/v1/lookup?docHash=${String(makeEvent(1)['docHash'])}`,
  '/tsa': '/tsa',
  '/v1/sd/units': '/v1/sd/units',
  '/v1/sd/contracts': '/v1/sd/contracts',
  '/v1/sd/rescissions': '/v1/sd/rescissions',
  '/v1/sd/renewals': '/v1/sd/renewals',
  '/v1/sd/terminations': '/v1/sd/terminations',
  '/v1/sd/contracts/{uscc}/{contractNo}/worker': `/v1/sd/contracts/${SD_UNIT}/SD-OPENAPI-1/worker`,
  '/v1/sd/export': '/v1/sd/export?limit=10',
  '/v1/sync/status': '/v1/sync/status',
};

/** The Shandong routes in document order: a unit, three contracts, then one change of each. */
const sdContract = (no: string): Record<string, string> => ({
  contractNo: no, contractName: '劳动合同', workerIdType: '01', workerName: '测试甲', workerIdNumber: '370102199003071238',
  workerPhone: '13800000000', termType: '2', startDate: '20260101', workerCategory: '01', contractCategory: '1',
});
const sdJson = (body: unknown): { type: string; body: BodyInit } => ({ type: 'application/json', body: JSON.stringify(body) });

/** POST bodies other than an events batch. */
const POST_BODIES: Record<string, { type: string; body: BodyInit }> = {
  '/v1/sd/units': sdJson({ uscc: SD_UNIT, unitName: '测试单位', legalRepIdType: '01', legalRepIdNumber: '370102199003071238', legalRepName: '测试乙', addAgent: '0' }),
  '/v1/sd/contracts': sdJson({ uscc: SD_UNIT, contracts: ['SD-OPENAPI-1', 'SD-OPENAPI-2', 'SD-OPENAPI-3'].map(sdContract) }),
  '/v1/sd/rescissions': sdJson({ uscc: SD_UNIT, rescissions: [{ contractNo: 'SD-OPENAPI-1', reason: '362', rescindDate: '20260601', noticeDate: '20260501', initiator: '2' }] }),
  '/v1/sd/renewals': sdJson({ uscc: SD_UNIT, renewals: [{ contractNo: 'SD-OPENAPI-2', termType: '2', startDate: '20270101', originalSignDate: '20251220', unitSignDate: '20261201', workerSignDate: '20261201' }] }),
  '/v1/sd/terminations': sdJson({ uscc: SD_UNIT, terminations: [{ contractNo: 'SD-OPENAPI-3', reason: '1', terminateDate: '20261231', noticeDate: '20261201' }] }),
  '/v1/contracts/transitions': {
    type: 'application/json',
    body: JSON.stringify({
      transitions: [
        {
          id: 'openapi-conclude',
          type: 'conclude',
          employer: EMPLOYER,
          contractId: 'HT-OPENAPI-1',
          effectiveDate: '2026-11-01',
          region: REGION,
          docHash: `sha256:${'0a'.repeat(32)}`,
          term: { kind: 'open_ended', start: '2026-11-01' },
          worker: `hmac-sha256:${'0b'.repeat(32)}`,
        },
      ],
    }),
  },
  '/tsa': { type: 'application/timestamp-query', body: Buffer.from(buildTimestampRequest(new Uint8Array([1, 2, 3]))) },
};

describe('docs/openapi.yaml', () => {
  let doc: OpenApi;
  let text: string;
  let t: TestGateway;
  beforeAll(async () => {
    text = await readFile(join(repoRoot, 'docs', 'openapi.yaml'), 'utf8');
    doc = parse(text) as OpenApi;
    t = await startTestGateway({ ELC_BATCH_MAX_AGE_MS: '10', ELC_CHECKPOINT_INTERVAL_MS: '20' });
    await t.postEvents({ events: [makeEvent(1)] }, await t.token('vendor'), '?wait=checkpoint');
  });
  afterAll(async () => {
    await t.close();
  });

  it('is OpenAPI 3.1 and every $ref points into the document', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const m of text.matchAll(/\$ref: '#\/([^']+)'/g)) {
      let node: unknown = doc;
      for (const part of (m[1] ?? '').split('/')) node = (node as Record<string, unknown> | undefined)?.[part];
      expect(node, m[1]).toBeDefined();
    }
  });

  it('documents exactly the routes this build serves', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  it('every documented operation is served', async () => {
    const token = await t.token('bureau');
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const path = EXAMPLES[template] ?? template;
        const init: RequestInit & { token?: string } = { method: method.toUpperCase(), token };
        if (method === 'post') {
          const special = POST_BODIES[template];
          init.headers = { 'content-type': special?.type ?? 'application/json' };
          init.body = special?.body ?? JSON.stringify({ events: [makeEvent(2)] });
        }
        const r = await t.call(path, init);
        expect([200, 201, 202], `${method} ${path} answered ${r.status}`).toContain(r.status);
      }
    }
  });
});
