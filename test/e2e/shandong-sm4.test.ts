// The national-crypto option: personal data sealed with SM4-GCM end to end, and a batch of more
// than 50 new contracts (the ledger's transaction limit) recorded in several transactions.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, get, post, startSdGateway, UNIT, unitBody, type SdGateway } from './shandong.test-support.js';

let g: SdGateway;
beforeAll(async () => {
  g = await startSdGateway({ piiAlg: 'sm4-gcm' });
});
afterAll(async () => g?.close());

describe('SM4-GCM deployment', () => {
  it('seals and opens personal data with SM4-GCM; 120 contracts in one request all reach the ledger', async () => {
    const vendor = await g.token('vendor', 'VendorA', '370100');
    const bureau = await g.token('bureau', 'JinanBureau', '370100');
    expect((await post(g, '/v1/sd/units', vendor, unitBody())).status).toBe(200);
    const people = Array.from({ length: 120 }, (_, i) => ({ name: `工人${i}`, id: `E${String(5000000 + i)}`, phone: `158${String(20000000 + i)}` }));
    const items = people.map((p, i) => ({ ...contract(`SM-${i}`, p), workerIdType: '08' }));
    const r = await post(g, '/v1/sd/contracts', vendor, { uscc: UNIT, contracts: items });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(120);
    expect(new Set(r.body.items.map((x) => x.txId)).size).toBe(3);
    expect(await g.ledger.getContract(UNIT, 'SM-119')).toMatchObject({ status: 'active' });
    const w = await get(g, `/v1/sd/contracts/${UNIT}/SM-7/worker`, bureau);
    expect(w.body).toMatchObject({ workerName: '工人7', workerIdNumber: 'E5000007', workerPhone: '15820000007' });
    const files: Buffer[] = [];
    for (const e of await readdir(join(g.dataDir, 'sd'), { withFileTypes: true })) if (e.isFile()) files.push(await readFile(join(e.parentPath, e.name)));
    const all = Buffer.concat(files);
    expect(all.includes('SM-7')).toBe(true);
    expect(all.includes('"alg":"sm4-gcm"')).toBe(true);
    expect(all.includes('E5000007')).toBe(false);
    expect(all.includes('15820000007')).toBe(false);
  });
});
