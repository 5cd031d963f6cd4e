/**
 * The Shandong data interface behind the routes: who the unit is, the cross-record rules against
 * the ledger, and the write of a good batch — per item an evidence event in the log and a
 * transition on the ledger, the personal data sealed in the Shandong store, the record put on the
 * stream that export reads and the upstream outbox forwards.
 *
 * Write order (crash-safe, idempotent): (1) a journal of the prepared batch, fsynced; (2) the
 * events appended to the log under stable ids; (3) the transitions, with the events' log indices,
 * in ledger transactions of at most 50; (4) one batch that stores the item results, the contracts,
 * the stream records (the outbox) and drops the journal. Only then the 2xx. A journal left by a
 * crash is completed at the next start or before the next write; a step already done is found,
 * not repeated (the log answers a known id with its receipt; a ledger refusal of a transition
 * whose evidence index the contract's history already holds means it was applied).
 */
import { randomBytes } from 'node:crypto';
import { fromBase64, safeParseEvidenceEvent, toBase64, workerCommitment, encodeLeaf } from '@elc/core';
import type { Transition } from '@elc/chaincode/domain';
import { regionCovers, type Principal } from '../../auth/principal.js';
import { httpError } from '../../errors/codes.js';
import { isLedgerRefusal, type LedgerPort } from '../../ledger/index.js';
import type { LogService } from '../../log/index.js';
import type { PiiCipher, SealedRecord } from '../../pii/index.js';
import { SdRejected, sdError, statusOf, type SdError } from './errors.js';
import { fieldName, langOf, type Lang } from './fields-lang.js';
import { effectiveOf, itemId, prepareItem, type SdItem } from './records.js';
import { K, type ContractRecord, type ItemResult, type SdKind, type SdStore, type StoreOp, type StreamRecord, type UnitRecord } from './store.js';
import type { SdNewContract, SdUnit, SdValidators } from './validate/index.js';

export type BatchKind = Exclude<SdKind, 'units'>;
const LIST_KEY: Readonly<Record<BatchKind, string>> = { contracts: 'contracts', rescissions: 'rescissions', renewals: 'renewals', terminations: 'terminations' };
/** RecordTransitions takes at most 50 per transaction (the spec's 最大数组数量). */
const LEDGER_CHUNK = 50;

export interface SdServiceDeps {
  readonly store: SdStore;
  readonly log: LogService;
  readonly ledger: LedgerPort;
  readonly cipher: PiiCipher;
  readonly commitmentSecret: Uint8Array;
  readonly validators: SdValidators;
  readonly now?: () => number;
  /** called after records were added to the stream (wakes the forwarder) */
  readonly onRecords?: () => void;
}

export interface SdAnswer {
  readonly accepted: number;
  readonly duplicates: number;
  readonly items: readonly (ItemResult & { readonly index: number; readonly duplicate: boolean })[];
}

interface Journal {
  readonly kind: SdKind;
  readonly uscc: string;
  readonly region: string;
  readonly entries: readonly { id: string; leaf: string; contractNo: string }[];
  readonly transitions: readonly Transition[];
  readonly contracts: readonly ContractRecord[];
  readonly unit?: UnitRecord;
  readonly stream: readonly { id: string; contractNo?: string; sealed: SealedRecord }[];
}

export interface SdService {
  submitUnit(p: Principal, body: unknown): Promise<SdAnswer>;
  submitBatch(kind: BatchKind, p: Principal, body: unknown): Promise<SdAnswer>;
  /** completes journals left by a crash */
  recover(): Promise<number>;
  readonly store: SdStore;
}

export function createSdService(deps: SdServiceDeps): SdService {
  const { store, log, ledger, cipher } = deps;
  const now = deps.now ?? Date.now;
  let tail: Promise<unknown> = Promise.resolve();
  // One writer at a time: the cross-record checks and the writes they justify do not interleave.
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  }

  async function recover(): Promise<number> {
    const pending = await store.range<Journal>('journal!', 'journal"', 1000);
    for (const { key, value } of pending) await complete(key.slice('journal!'.length), value);
    return pending.length;
  }

  async function applied(t: Transition, evidenceIndex: number): Promise<boolean> {
    const history = await ledger.getContractHistory(t.employer, t.contractId);
    return history.some((v) => v.value?.last.evidenceIndex === evidenceIndex);
  }

  /** Steps 2–4 for one journal; returns the item results by item id. */
  async function complete(journalId: string, j: Journal): Promise<Map<string, ItemResult>> {
    const receipts = j.entries.length === 0 ? [] : await log.append(j.entries.map((e) => ({ id: e.id, leaf: fromBase64(e.leaf) })));
    const txOf = new Map<number, { txId: string; blockNumber: number }>();
    for (let start = 0; start < j.transitions.length; start += LEDGER_CHUNK) {
      const chunk = j.transitions.slice(start, start + LEDGER_CHUNK).map((t, i) => ({ ...t, evidenceIndex: receipts[start + i]?.index ?? 0 }));
      try {
        const r = await ledger.recordTransitions(chunk);
        chunk.forEach((_, i) => txOf.set(start + i, { txId: r.txId, blockNumber: r.blockNumber }));
      } catch (e) {
        const first = chunk[0];
        if (isLedgerRefusal(e) && first !== undefined && (await applied(first, first.evidenceIndex))) continue;
        if (isLedgerRefusal(e) && start === 0) {
          // Refused although the checks passed: another writer changed the contract meanwhile.
          await store.write([{ type: 'del', key: K.journal(journalId) }]);
          const index = e.index ?? 0;
          const entry = j.entries[index];
          throw new SdRejected(409, [{ index, field: entry === undefined ? null : 'contractNo', code: e.code, message: { zh: '账本拒绝了该记录', en: e.message } }]);
        }
        throw e;
      }
    }
    const results = new Map<string, ItemResult>();
    const ops: StoreOp[] = [];
    j.entries.forEach((e, i) => {
      const r = receipts[i];
      const tx = txOf.get(i);
      const result: ItemResult = { id: e.id, uscc: j.uscc, contractNo: e.contractNo, ...(r === undefined ? {} : { logIndex: r.index, leafHash: r.leafHash }), ...(tx ?? {}) };
      results.set(e.id, result);
      ops.push({ type: 'put', key: K.item(e.id), value: result });
    });
    if (j.unit !== undefined) {
      const id = j.stream[0]?.id ?? journalId;
      const result: ItemResult = { id, uscc: j.uscc };
      results.set(id, result);
      ops.push({ type: 'put', key: K.unit(j.uscc), value: j.unit }, { type: 'put', key: K.item(id), value: result });
    }
    for (const c of j.contracts) ops.push({ type: 'put', key: K.contract(c.uscc, c.contractNo), value: c });
    let seq = (await store.get<number>(K.lastSeq)) ?? 0;
    const acceptedAt = new Date(now()).toISOString();
    for (const s of j.stream) {
      seq += 1;
      const rec: StreamRecord & { id: string } = { seq, id: s.id, kind: j.kind, uscc: j.uscc, region: j.region, acceptedAt, sealed: s.sealed, ...(s.contractNo === undefined ? {} : { contractNo: s.contractNo }) };
      ops.push({ type: 'put', key: K.record(seq), value: rec });
    }
    ops.push({ type: 'put', key: K.lastSeq, value: seq }, { type: 'del', key: K.journal(journalId) });
    await store.write(ops);
    deps.onRecords?.();
    return results;
  }

  async function run(kind: SdKind, uscc: string, ids: readonly string[], prepare: (fresh: number[]) => Promise<Journal>): Promise<SdAnswer> {
    return serial(async () => {
      await recover();
      const known = await Promise.all(ids.map((id) => store.get<ItemResult>(K.item(id))));
      const fresh = ids.flatMap((_, i) => (known[i] === undefined ? [i] : []));
      let results = new Map<string, ItemResult>();
      if (fresh.length > 0) {
        const journal = await prepare(fresh);
        const journalId = ids[fresh[0] ?? 0] ?? `${kind}.${uscc}`;
        await store.write([{ type: 'put', key: K.journal(journalId), value: journal }]);
        results = await complete(journalId, journal);
      }
      const items = ids.map((id, index) => {
        const r = known[index] ?? results.get(id) ?? { id, uscc };
        return { ...r, index, duplicate: known[index] !== undefined };
      });
      return { accepted: fresh.length, duplicates: ids.length - fresh.length, items };
    });
  }

  function canReport(p: Principal, unit: UnitRecord): boolean {
    if (!regionCovers(p.region, unit.region)) return false;
    return p.role === 'bureau' || (p.role === 'vendor' && (unit.vendors.includes(p.org) || unit.uscc === p.org));
  }

  async function submitUnit(p: Principal, body: unknown): Promise<SdAnswer> {
    const v = deps.validators.units(body);
    if (!v.ok) throw new SdRejected(400, v.errors);
    const u: SdUnit = v.value;
    // The caller is part of a unit item's id: another platform registering the same unit is news (it
    // becomes a reporting platform of the unit), the same platform sending it again is not.
    const id = itemId(deps.commitmentSecret, 'units', u.uscc, { ...u, reportedBy: p.org });
    // Read and updated inside the writer's turn, so two platforms registering at once both stay.
    return run('units', u.uscc, [id], async () => {
      const existing = await store.get<UnitRecord>(K.unit(u.uscc));
      if (existing !== undefined && !regionCovers(p.region, existing.region)) {
        throw httpError('FORBIDDEN_REGION', 'the unit is registered in a region outside the caller\'s', 'uscc');
      }
      const region = existing?.region ?? p.region;
      const vendors = existing?.vendors ?? [];
      const unit: UnitRecord = {
        uscc: u.uscc,
        region,
        vendors: p.role === 'vendor' && !vendors.includes(p.org) ? [...vendors, p.org] : vendors,
        sealed: cipher.seal(`unit:${u.uscc}`, u),
        updatedAt: new Date(now()).toISOString(),
      };
      return { kind: 'units', uscc: u.uscc, region, entries: [], transitions: [], contracts: [], unit, stream: [{ id, sealed: cipher.seal(`rec:${id}`, u) }] };
    });
  }

  async function submitBatch(kind: BatchKind, p: Principal, body: unknown): Promise<SdAnswer> {
    const v = deps.validators[kind](body);
    if (!v.ok) throw new SdRejected(400, v.errors);
    const lang: Lang = langOf(body);
    const value = v.value as unknown as { uscc?: string } & Record<string, unknown>;
    const items = value[LIST_KEY[kind]] as readonly SdItem[];
    const usccKey = lang === 'zh' ? '单位统一信用代码' : 'uscc';
    // Sections 3–5 carry no unit: `uscc` beside the list, or the caller's own org when it is a registered unit.
    const uscc = value.uscc ?? ((await store.get<UnitRecord>(K.unit(p.org))) === undefined ? undefined : p.org);
    if (uscc === undefined) throw new SdRejected(400, [sdError(null, usccKey, 'SD_UNIT_REQUIRED')]);
    const unit = await store.get<UnitRecord>(K.unit(uscc));
    if (unit === undefined) throw new SdRejected(409, [sdError(null, usccKey, 'SD_UNIT_NOT_REGISTERED')]);
    if (!canReport(p, unit)) {
      throw httpError('FORBIDDEN_REGION', p.role === 'vendor' ? 'the unit is not one of the caller\'s registered units in its region' : 'the unit is outside the caller\'s region', 'uscc');
    }
    const ids = items.map((item) => itemId(deps.commitmentSecret, kind, uscc, { ...item }));
    return run(kind, uscc, ids, (fresh) => prepareBatch(kind, p, lang, uscc, unit.region, items, ids, fresh));
  }

  async function prepareBatch(kind: BatchKind, p: Principal, lang: Lang, uscc: string, region: string, items: readonly SdItem[], ids: readonly string[], fresh: readonly number[]): Promise<Journal> {
    const errors: SdError[] = [];
    const f = (key: string): string => fieldName(kind, key, lang);
    const workers = new Map<number, string>();
    const contracts: ContractRecord[] = [];
    for (const i of fresh) {
      const item = items[i];
      if (item === undefined) continue;
      const state = await ledger.getContract(uscc, item.contractNo);
      const rec = await store.get<ContractRecord>(K.contract(uscc, item.contractNo));
      if (kind === 'contracts') {
        if (state !== undefined || rec !== undefined) {
          errors.push(sdError(i, f('contractNo'), 'CONTRACT_EXISTS'));
          continue;
        }
        const c = item as SdNewContract;
        let worker: string;
        try {
          worker = workerCommitment(deps.commitmentSecret, c.workerIdType, c.workerIdNumber);
        } catch {
          errors.push({ index: i, field: f('workerIdNumber'), code: 'SD_BAD_ID_NUMBER', message: { zh: '证件号码只能包含字母和数字', en: 'the ID number must be letters and digits only' } });
          continue;
        }
        workers.set(i, worker);
        contracts.push({
          uscc, contractNo: c.contractNo, region, startDate: c.startDate, worker,
          sealed: cipher.seal(`contract:${uscc}:${c.contractNo}`, { workerName: c.workerName, workerIdType: c.workerIdType, workerIdNumber: c.workerIdNumber, workerPhone: c.workerPhone }),
        });
        continue;
      }
      if (state === undefined) errors.push(sdError(i, f('contractNo'), 'CONTRACT_UNKNOWN'));
      else if (rec === undefined) errors.push(sdError(i, f('contractNo'), 'SD_CONTRACT_NOT_REPORTED'));
      else if (state.status !== 'active') errors.push(sdError(i, f('contractNo'), 'CONTRACT_ENDED'));
      else {
        const eff = effectiveOf(kind, item);
        if (`${eff.date.slice(0, 4)}-${eff.date.slice(4, 6)}-${eff.date.slice(6, 8)}` < state.startDate) errors.push(sdError(i, f(eff.key), 'DATE_BEFORE_START'));
        else workers.set(i, rec.worker);
      }
    }
    if (errors.length > 0) throw new SdRejected(statusOf(errors), errors);
    const time = new Date(now()).toISOString();
    const party = p.role === 'bureau' ? 'bureau' : 'platform';
    const prepared = fresh.map((i) => {
      const item = items[i] as SdItem;
      return { i, item, ...prepareItem(kind, item, { id: ids[i] ?? '', uscc, region, time, party, worker: workers.get(i) ?? '' }) };
    });
    const leafErrors: SdError[] = [];
    const entries = prepared.map(({ i, item, event }) => {
      const parsed = safeParseEvidenceEvent(event);
      if (!parsed.ok) {
        for (const issue of parsed.issues) {
          const key = issue.field === 'contractId' ? 'contractNo' : issue.field;
          leafErrors.push({ ...sdError(i, f(key), issue.code === 'EVIDENCE_PERSONAL_DATA' ? 'EVIDENCE_PERSONAL_DATA' : 'EVIDENCE_INVALID') });
        }
        return { id: ids[i] ?? '', leaf: '', contractNo: item.contractNo };
      }
      return { id: ids[i] ?? '', leaf: toBase64(encodeLeaf(parsed.event)), contractNo: item.contractNo };
    });
    if (leafErrors.length > 0) throw new SdRejected(400, leafErrors);
    return {
      kind, uscc, region, entries,
      transitions: prepared.map((x) => x.transition),
      contracts,
      stream: prepared.map(({ i, item }) => ({ id: ids[i] ?? '', contractNo: item.contractNo, sealed: cipher.seal(`rec:${ids[i] ?? ''}`, { uscc, item }) })),
    };
  }

  return { submitUnit, submitBatch, recover: () => serial(recover), store };
}

/** A random, letters-only event id for evidence.accessed (no digit run for the personal-data screen). */
export function accessEventId(): string {
  let s = '';
  for (const b of randomBytes(20)) s += String.fromCharCode(97 + (b >> 4), 97 + (b & 15));
  return `sd.access.${s}`;
}
