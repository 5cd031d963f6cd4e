// The Shandong data interface over HTTP on a real log, embedded ledger and LevelDB store: routes,
// auth, cross-record rules with index and field, atomic batches, idempotency, personal data
// sealed at rest and never in a leaf, on chain or in a log line, reads logged as evidence.accessed.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf } from '@elc/core';
import { contract, get, OTHER_UNIT, post, startSdGateway, UNIT, unitBody, type SdGateway } from './shandong.test-support.js';

const ZHANG = { name: '张三丰', id: '370102199003071238', phone: '13912345678' };
const WANG = { name: '王小二', id: '370203198511114561', phone: '15887654321' };
const ZHAO = { name: '赵六', id: '440304197806157898', phone: '18611112222' };
const PERSONAL = [ZHANG, WANG, ZHAO].flatMap((p) => [p.name, p.id, p.phone]);

let g: SdGateway;
let vendor: string;
let bureau: string;

async function leaves(): Promise<string[]> {
  const size = g.log.stats().size;
  const out: string[] = [];
  for (let i = 0; i < size; i++) out.push(new TextDecoder().decode((await g.log.entry(i)).leaf));
  return out;
}

async function filesUnder(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(await readFile(join(e.parentPath, e.name)));
  }
  return out;
}

beforeAll(async () => {
  g = await startSdGateway();
  vendor = await g.token('vendor', 'VendorA', '370100');
  bureau = await g.token('bureau', 'JinanBureau', '370100');
  const r = await post(g, '/v1/sd/units', vendor, unitBody());
  expect(r.status).toBe(200);
});
afterAll(async () => g?.close());

describe('POST /v1/sd/*: a good batch', () => {
  it('becomes per item an evidence event in the log and a transition on the ledger', async () => {
    const before = g.log.stats().size;
    const r = await post(g, '/v1/sd/contracts', vendor, { uscc: UNIT, contracts: [contract('HT-2024-001', ZHANG), contract('HT-2024-002', WANG)] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(r.body.items[0]).toMatchObject({ index: 0, contractNo: 'HT-2024-001', logIndex: before, duplicate: false });
    expect(r.body.items[1]?.logIndex).toBe(before + 1);
    expect(typeof r.body.items[0]?.txId).toBe('string');
    const event = decodeLeaf((await g.log.entry(before)).leaf);
    expect(event).toMatchObject({ type: 'contract.concluded', employer: UNIT, contractId: 'HT-2024-001', region: '370100', party: 'platform' });
    expect(event.worker).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    const state = await g.ledger.getContract(UNIT, 'HT-2024-001');
    expect(state).toMatchObject({ status: 'active', startDate: '2024-01-01', region: '370100' });
    expect(state?.last.evidenceIndex).toBe(before);
  });

  it('takes rescissions, renewals and terminations of the caller\'s unit, in Chinese keys too', async () => {
    const renew = await post(g, '/v1/sd/renewals', vendor, {
      单位统一信用代码: UNIT,
      续签合同信息列表: [{ 合同编号: 'HT-2024-002', 合同期限类别: '1', 合同期限起始日期: '20270101', 合同期限终止日期: '20291231', 原合同签订日期: '20231220', 单位签订日期: '20261201', 个人签订日期: '20261202' }],
    });
    expect(renew.status).toBe(200);
    expect((await g.ledger.getContract(UNIT, 'HT-2024-002'))?.term).toMatchObject({ start: '2027-01-01', end: '2029-12-31' });
    const rescind = await post(g, '/v1/sd/rescissions', vendor, { uscc: UNIT, rescissions: [{ contractNo: 'HT-2024-001', reason: '362', rescindDate: '20250630', noticeDate: '20250601', initiator: '2' }] });
    expect(rescind.status).toBe(200);
    expect(await g.ledger.getContract(UNIT, 'HT-2024-001')).toMatchObject({ status: 'rescinded', endedOn: '2025-06-30', endReasonCode: '362', endInitiator: 'employer' });
    const ev = decodeLeaf((await g.log.entry(rescind.body.items[0]?.logIndex ?? -1)).leaf);
    expect(ev).toMatchObject({ type: 'contract.rescinded', data: { reasonCode: '362', initiator: 'employer', noticeDate: '2025-06-01' } });
  });
});

describe('cross-record rules answer with index and field', () => {
  it('a new contract number is unique per unit (CONTRACT_EXISTS at the item)', async () => {
    const r = await post(g, '/v1/sd/contracts', vendor, { uscc: UNIT, contracts: [contract('HT-NEW-1', ZHAO), contract('HT-2024-002', ZHAO, '20240201')] });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('SD_CONFLICT');
    expect(r.body.error.errors).toEqual([expect.objectContaining({ index: 1, field: 'contractNo', code: 'CONTRACT_EXISTS' })]);
    expect(r.body.error.errors[0]?.message.zh).toMatch(/合同编号/);
    expect(r.body.error.errors[0]?.message.en).toMatch(/contract/);
  });

  it('rescission, renewal and termination need a contract of the unit (CONTRACT_UNKNOWN), in the request\'s language', async () => {
    const r = await post(g, '/v1/sd/terminations', vendor, { 单位统一信用代码: UNIT, 终止合同信息列表: [{ 合同编号: 'NO-SUCH', 终止情形: '1', 合同终止时间: '20261231', 告知时间: '20261201' }] });
    expect(r.status).toBe(409);
    expect(r.body.error.errors).toEqual([expect.objectContaining({ index: 0, field: '合同编号', code: 'CONTRACT_UNKNOWN' })]);
  });

  it('an ended contract cannot change again (CONTRACT_ENDED)', async () => {
    const r = await post(g, '/v1/sd/renewals', vendor, { uscc: UNIT, renewals: [{ contractNo: 'HT-2024-001', termType: '2', startDate: '20270101', originalSignDate: '20231220', unitSignDate: '20261201', workerSignDate: '20261201' }] });
    expect(r.status).toBe(409);
    expect(r.body.error.errors).toEqual([expect.objectContaining({ index: 0, field: 'contractNo', code: 'CONTRACT_ENDED' })]);
  });

  it('a date before the contract start is DATE_BEFORE_START at that date\'s field', async () => {
    const r = await post(g, '/v1/sd/terminations', vendor, { uscc: UNIT, terminations: [{ contractNo: 'HT-2024-002', reason: '1', terminateDate: '20231231', noticeDate: '20231201' }] });
    expect(r.status).toBe(409);
    expect(r.body.error.errors).toEqual([expect.objectContaining({ index: 0, field: 'terminateDate', code: 'DATE_BEFORE_START' })]);
  });

  it('the unit must be registered (SD_UNIT_NOT_REGISTERED) and named (SD_UNIT_REQUIRED)', async () => {
    const r = await post(g, '/v1/sd/contracts', bureau, { uscc: OTHER_UNIT, contracts: [contract('HT-X', ZHAO)] });
    expect(r.status).toBe(409);
    expect(r.body.error.errors).toEqual([expect.objectContaining({ index: null, field: 'uscc', code: 'SD_UNIT_NOT_REGISTERED' })]);
    const s = await post(g, '/v1/sd/rescissions', vendor, { rescissions: [{ contractNo: 'HT-2024-002', reason: '362', rescindDate: '20250630', noticeDate: '20250601', initiator: '2' }] });
    expect(s.status).toBe(400);
    expect(s.body.error.errors).toEqual([expect.objectContaining({ index: null, field: 'uscc', code: 'SD_UNIT_REQUIRED' })]);
  });

  it('a contract number that is an ID number cannot go into a leaf (EVIDENCE_PERSONAL_DATA at contractNo)', async () => {
    const r = await post(g, '/v1/sd/contracts', vendor, { uscc: UNIT, contracts: [contract(ZHAO.id, ZHAO)] });
    expect(r.status).toBe(400);
    expect(r.body.error.errors).toEqual([expect.objectContaining({ index: 0, field: 'contractNo', code: 'EVIDENCE_PERSONAL_DATA' })]);
  });
});

describe('atomic batches: any bad item, nothing stored', () => {
  it('a validation error anywhere stores nothing, and lists every error', async () => {
    const size = g.log.stats().size;
    const height = g.ledger.height();
    const bad = { ...contract('HT-ATOM-2', ZHAO), workerPhone: '12345', startDate: '20230231' };
    const r = await post(g, '/v1/sd/contracts', vendor, { uscc: UNIT, contracts: [contract('HT-ATOM-1', ZHAO), bad] });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('SD_INVALID');
    expect(r.body.error.errors.map((e) => [e.index, e.field, e.code])).toEqual([
      [1, 'workerPhone', 'SD_BAD_PHONE'],
      [1, 'startDate', 'SD_BAD_DATE'],
    ]);
    expect(g.log.stats().size).toBe(size);
    expect(g.ledger.height()).toBe(height);
    expect(await g.ledger.getContract(UNIT, 'HT-ATOM-1')).toBeUndefined();
  });

  it('a cross-record error on one item stores none of the others', async () => {
    const size = g.log.stats().size;
    const height = g.ledger.height();
    const r = await post(g, '/v1/sd/contracts', vendor, { uscc: UNIT, contracts: [contract('HT-ATOM-3', ZHAO), contract('HT-2024-002', ZHAO)] });
    expect(r.status).toBe(409);
    expect(g.log.stats().size).toBe(size);
    expect(g.ledger.height()).toBe(height);
    expect(await g.ledger.getContract(UNIT, 'HT-ATOM-3')).toBeUndefined();
    const after = await get(g, '/v1/sd/export?limit=500', bureau);
    expect(JSON.stringify(after.body)).not.toContain('HT-ATOM-3');
  });
});

describe('idempotency', () => {
  it('the same item submitted twice is acknowledged once, with the same answer', async () => {
    const body = { uscc: UNIT, contracts: [contract('HT-IDEM-1', ZHAO)] };
    const first = await post(g, '/v1/sd/contracts', vendor, body);
    expect(first.status).toBe(200);
    const size = g.log.stats().size;
    const height = g.ledger.height();
    const again = await post(g, '/v1/sd/contracts', vendor, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(again.body.items[0]).toMatchObject({ ...first.body.items[0], duplicate: true });
    expect(g.log.stats().size).toBe(size);
    expect(g.ledger.height()).toBe(height);
    // the same item beside a new one: the new one alone is added
    const mixed = await post(g, '/v1/sd/contracts', vendor, { uscc: UNIT, contracts: [contract('HT-IDEM-1', ZHAO), contract('HT-IDEM-2', ZHAO)] });
    expect(mixed.body).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(g.log.stats().size).toBe(size + 1);
  });
});

describe('auth', () => {
  it('vendors report only for their own units in their region; arbitration and regulators do not report', async () => {
    const other = await g.token('vendor', 'VendorB', '370100');
    const r = await post(g, '/v1/sd/contracts', other, { uscc: UNIT, contracts: [contract('HT-AUTH-1', ZHAO)] });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'FORBIDDEN_REGION', field: 'uscc' });
    const qingdao = await g.token('bureau', 'QingdaoBureau', '370200');
    expect((await post(g, '/v1/sd/contracts', qingdao, { uscc: UNIT, contracts: [contract('HT-AUTH-2', ZHAO)] })).status).toBe(403);
    const arb = await g.token('arbitration', 'JinanArb', '370100');
    expect((await post(g, '/v1/sd/contracts', arb, { uscc: UNIT, contracts: [contract('HT-AUTH-3', ZHAO)] })).body.error.code).toBe('FORBIDDEN_ROLE');
    expect((await post(g, '/v1/sd/units', qingdao, unitBody())).status).toBe(403);
    // the bureau of the unit's region may report for it
    expect((await post(g, '/v1/sd/contracts', bureau, { uscc: UNIT, contracts: [contract('HT-AUTH-4', ZHAO)] })).status).toBe(200);
    // another platform registering the unit becomes one of its reporting platforms
    const reg = await post(g, '/v1/sd/units', other, unitBody());
    expect(reg.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await post(g, '/v1/sd/contracts', other, { uscc: UNIT, contracts: [contract('HT-AUTH-5', ZHAO)] })).status).toBe(200);
    expect((await post(g, '/v1/sd/units', other, unitBody())).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await g.ledger.getContract(UNIT, 'HT-AUTH-1')).toBeUndefined();
  });
});

describe('personal data', () => {
  it('is read back only by the bureau of the region or arbitration with a legal basis, each read logged as evidence.accessed', async () => {
    const path = `/v1/sd/contracts/${UNIT}/HT-2024-002/worker`;
    expect((await get(g, path, vendor)).status).toBe(403);
    expect((await get(g, path, await g.token('bureau', 'QingdaoBureau', '370200'))).status).toBe(403);
    const arb = await g.token('arbitration', 'JinanArb', '370100');
    const noBasis = await get(g, path, arb);
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.error.field).toBe('X-Legal-Basis');
    const size = g.log.stats().size;
    const r = await get(g, path, arb, { 'x-legal-basis': 'arbitration_case', 'x-legal-reference': 'JNLZ-2026-0042' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ workerName: WANG.name, workerIdNumber: WANG.id, workerPhone: WANG.phone, access: { logIndex: size, legalBasis: 'arbitration_case' } });
    const ev = decodeLeaf((await g.log.entry(size)).leaf);
    expect(ev).toMatchObject({ type: 'evidence.accessed', contractId: 'HT-2024-002', party: 'arbitration', data: { org: 'JinanArb', role: 'arbitration', legalBasis: 'arbitration_case', reference: 'JNLZ-2026-0042' } });
    expect((await get(g, path, bureau)).status).toBe(200);
    expect(g.log.stats().size).toBe(size + 2);
  });

  it('is in no leaf, no ledger file and no log line; the store holds it only sealed', async () => {
    const all = (await leaves()).join('\n');
    for (const s of PERSONAL) expect(all).not.toContain(s);
    const logLines = g.logLines.join('\n');
    for (const s of PERSONAL) expect(logLines).not.toContain(s);
    // Positive control: the grep finds what is stored in clear (contract numbers are in leaves and on chain).
    const ledgerFiles = Buffer.concat(await filesUnder(join(g.dataDir, 'ledger')));
    expect(ledgerFiles.includes('HT-2024-002')).toBe(true);
    const sdFiles = Buffer.concat(await filesUnder(join(g.dataDir, 'sd')));
    expect(sdFiles.includes('HT-2024-002')).toBe(true);
    const logFiles = Buffer.concat(await filesUnder(join(g.dataDir, 'log')));
    for (const s of PERSONAL) {
      expect(ledgerFiles.includes(s), `ledger holds ${s}`).toBe(false);
      expect(sdFiles.includes(s), `sd store holds ${s}`).toBe(false);
      expect(logFiles.includes(s), `log store holds ${s}`).toBe(false);
    }
  });
});

describe('GET /v1/sd/export', () => {
  it('gives a bureau its region\'s records in the spec format, paged; a vendor may not', async () => {
    expect((await get(g, '/v1/sd/export', vendor)).status).toBe(403);
    const first = await get(g, '/v1/sd/export?limit=2', bureau);
    expect(first.status).toBe(200);
    expect(first.body.records).toHaveLength(2);
    expect(first.body.records[0]).toMatchObject({ seq: 1, kind: 'units', uscc: UNIT, record: { uscc: UNIT, legalRepName: '李法人' } });
    expect(first.body.records[1]).toMatchObject({ seq: 2, kind: 'contracts', record: { uscc: UNIT, item: { contractNo: 'HT-2024-001', workerName: ZHANG.name } } });
    const second = await get(g, `/v1/sd/export?limit=500&after=${first.body.next ?? 0}`, bureau);
    expect(second.body.records[0]?.seq).toBe(3);
    expect(second.body.next).toBeNull();
    const qingdao = await get(g, '/v1/sd/export', await g.token('bureau', 'QingdaoBureau', '370200'));
    expect(qingdao.body.records).toEqual([]);
    expect((await get(g, '/v1/sd/export?limit=0', bureau)).body.error).toMatchObject({ code: 'QUERY_INVALID', field: 'limit' });
  });
});
