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
};

/** POST bodies other than an events batch. */
const POST_BODIES: Record<string, { type: string; body: BodyInit }> = {
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
