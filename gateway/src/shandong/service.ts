/**
 * The Shandong data interface as a format in front of the lifecycle saga: who the unit is, the
 * cross-record rules against the ledger and this store, and the write of a good batch — per item
 * an evidence event in the log and a transition on the ledger (the saga), then, when the saga
 * finishes the batch, the item results, the contracts with their sealed personal data and the
 * stream records that export reads and the upstream outbox forwards, in one synced store batch
 * (finishBatch, idempotent: a crash before it is finished by the saga's recovery).
 *
 * One writer at a time (serial): the cross-record checks and the writes they justify do not
 * interleave with another Shandong request.
 */
import { randomBytes } from 'node:crypto';
import { encodeLeaf, regionCovers, safeParseEvidenceEvent, toBase64, workerCommitment } from '@elc/core';
import type { Principal } from '../auth/principal.js';
import { httpError } from '../errors/codes.js';
import { isLedgerRefusal, type LedgerPort } from '../ledger/index.js';
import type { JournalItem, PendingBatch } from '../lifecycle/journal.js';
import type { LifecycleSaga, RecordedItem } from '../lifecycle/saga.js';
import type { PiiCipher, SealedRecord } from '../pii/index.js';
import { SdRejected, sdError, statusOf, type SdError } from './errors.js';
import { fieldName, langOf, type Lang } from './fields-lang.js';
import { effectiveOf, itemId, prepareItem, type SdItem } from './records.js';
import { K, type ContractRecord, type ItemResult, type SdKind, type SdStore, type StoreOp, type StreamRecord, type UnitRecord } from './store.js';
import type { SdNewContract, SdUnit, SdValidators } from './validate/index.js';

export type BatchKind = Exclude<SdKind, 'units'>;

/** The name of this format in the lifecycle journal. */
export const SD_FORMAT = 'sd';

const LIST_KEY: Readonly<Record<BatchKind, string>> = { contracts: 'contracts', rescissions: 'rescissions', renewals: 'renewals', terminations: 'terminations' };

export interface SdServiceDeps {
  readonly store: SdStore;
  readonly saga: LifecycleSaga;
  readonly ledger: Pick<LedgerPort, 'getContract'>;
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

/** What the journal carries for a Shandong batch besides its items: what finishBatch writes. */
interface SdAttachment {
  readonly kind: BatchKind;
  readonly uscc: string;
  readonly region: string;
  /** per journal item, in item order */
  readonly contractNos: readonly string[];
  readonly sealed: readonly SealedRecord[];
  /** the contracts a `contracts` batch reports, by contract number */
  readonly contracts: readonly ContractRecord[];
}

export interface SdService {
  submitUnit(p: Principal, body: unknown): Promise<SdAnswer>;
  submitBatch(kind: BatchKind, p: Principal, body: unknown): Promise<SdAnswer>;
  /** Writes the records of a batch the saga recorded (the saga's finisher of the `sd` format). */
  finishBatch(batch: PendingBatch, recorded: readonly RecordedItem[]): Promise<void>;
  readonly store: SdStore;
}

export function createSdService(deps: SdServiceDeps): SdService {
  const { store, saga, ledger, cipher } = deps;
  const now = deps.now ?? Date.now;
  let tail: Promise<unknown> = Promise.resolve();

  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  }

  /** Stream records for new items, numbered after the last one; the ops that store them and the new last number. */
  async function streamOps(kind: SdKind, uscc: string, region: string, records: readonly { id: string; contractNo?: string; sealed: SealedRecord }[]): Promise<StoreOp[]> {
    let seq = (await store.get<number>(K.lastSeq)) ?? 0;
    const acceptedAt = new Date(now()).toISOString();
    const ops: StoreOp[] = [];
    for (const s of records) {
      seq += 1;
      const rec: StreamRecord & { id: string } = { seq, id: s.id, kind, uscc, region, acceptedAt, sealed: s.sealed, ...(s.contractNo === undefined ? {} : { contractNo: s.contractNo }) };
      ops.push({ type: 'put', key: K.record(seq), value: rec });
    }
    ops.push({ type: 'put', key: K.lastSeq, value: seq });
    return ops;
  }

  async function finishBatch(batch: PendingBatch, recorded: readonly RecordedItem[]): Promise<void> {
    const a = batch.attachment as SdAttachment;
    // Finished before (a crash after this write, before the journal's): nothing to add.
    const fresh = [];
    for (const r of recorded) if ((await store.get(K.item(r.appendId))) === undefined) fresh.push(r);
    if (fresh.length === 0) return;
    const ops: StoreOp[] = [];
    for (const r of fresh) {
      const contractNo = a.contractNos[r.position] ?? '';
      const result: ItemResult = { id: r.appendId, uscc: a.uscc, contractNo, logIndex: r.receipt.index, leafHash: r.receipt.leafHash, txId: r.tx.txId, blockNumber: r.tx.blockNumber };
      ops.push({ type: 'put', key: K.item(r.appendId), value: result });
      const c = a.contracts.find((x) => x.contractNo === contractNo);
      if (c !== undefined) ops.push({ type: 'put', key: K.contract(c.uscc, c.contractNo), value: c });
    }
    const records = fresh.map((r) => ({ id: r.appendId, contractNo: a.contractNos[r.position] ?? '', sealed: a.sealed[r.position] as SealedRecord }));
    ops.push(...(await streamOps(a.kind, a.uscc, a.region, records)));
    await store.write(ops);
    deps.onRecords?.();
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
    return serial(async () => {
      const known = await store.get<ItemResult>(K.item(id));
      if (known !== undefined) return { accepted: 0, duplicates: 1, items: [{ ...known, index: 0, duplicate: true }] };
      const existing = await store.get<UnitRecord>(K.unit(u.uscc));
      if (existing !== undefined && !regionCovers(p.region, existing.region)) {
        throw httpError('FORBIDDEN_REGION', "the unit is registered in a region outside the caller's", 'uscc');
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
      const result: ItemResult = { id, uscc: u.uscc };
      // No log event and no ledger record: one synced store batch is the whole write.
      await store.write([
        { type: 'put', key: K.unit(u.uscc), value: unit },
        { type: 'put', key: K.item(id), value: result },
        ...(await streamOps('units', u.uscc, region, [{ id, sealed: cipher.seal(`rec:${id}`, u) }])),
      ]);
      deps.onRecords?.();
      return { accepted: 1, duplicates: 0, items: [{ ...result, index: 0, duplicate: false }] };
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
      throw httpError('FORBIDDEN_REGION', p.role === 'vendor' ? "the unit is not one of the caller's registered units in its region" : "the unit is outside the caller's region", 'uscc');
    }
    const ids = items.map((item) => itemId(deps.commitmentSecret, kind, uscc, { ...item }));
    return serial(() =>
      saga.locked(
        items.map((i) => ({ employer: uscc, contractId: i.contractNo })),
        async () => {
          await saga.settle(ids);
          const known = await Promise.all(ids.map((id) => store.get<ItemResult>(K.item(id))));
          const fresh = ids.flatMap((_, i) => (known[i] === undefined ? [i] : []));
          if (fresh.length > 0) await record(kind, p, lang, uscc, unit.region, items, ids, fresh);
          const results = await Promise.all(ids.map(async (id, i) => known[i] ?? (await store.get<ItemResult>(K.item(id)))));
          return {
            accepted: fresh.length,
            duplicates: ids.length - fresh.length,
            items: ids.map((id, index) => ({ ...(results[index] ?? { id, uscc }), index, duplicate: known[index] !== undefined })),
          };
        },
      ),
    );
  }

  async function record(kind: BatchKind, p: Principal, lang: Lang, uscc: string, region: string, items: readonly SdItem[], ids: readonly string[], fresh: readonly number[]): Promise<void> {
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
          uscc,
          contractNo: c.contractNo,
          region,
          startDate: c.startDate,
          worker,
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
    const leafErrors: SdError[] = [];
    const journalItems: JournalItem[] = fresh.map((i) => {
      const item = items[i] as SdItem;
      const id = ids[i] ?? '';
      const { event, transition } = prepareItem(kind, item, { id, uscc, region, time, party, worker: workers.get(i) ?? '' });
      const parsed = safeParseEvidenceEvent(event);
      if (!parsed.ok) {
        for (const issue of parsed.issues) {
          const key = issue.field === 'contractId' ? 'contractNo' : issue.field;
          leafErrors.push(sdError(i, f(key), issue.code === 'EVIDENCE_PERSONAL_DATA' ? 'EVIDENCE_PERSONAL_DATA' : 'EVIDENCE_INVALID'));
        }
        return { appendId: id, leaf: '', transition, digest: id };
      }
      // The id is a keyed hash of the item: it is its own digest.
      return { appendId: id, leaf: toBase64(encodeLeaf(parsed.event)), transition, digest: id };
    });
    if (leafErrors.length > 0) throw new SdRejected(400, leafErrors);
    const attachment: SdAttachment = {
      kind,
      uscc,
      region,
      contractNos: fresh.map((i) => items[i]?.contractNo ?? ''),
      sealed: fresh.map((i) => cipher.seal(`rec:${ids[i] ?? ''}`, { uscc, item: items[i] })),
      contracts,
    };
    try {
      await saga.record({ format: SD_FORMAT, items: journalItems, attachment });
    } catch (e) {
      if (!isLedgerRefusal(e)) throw e;
      // Refused although the checks passed: another writer changed the contract meanwhile.
      const index = fresh[e.index ?? 0] ?? 0;
      throw new SdRejected(409, [{ index, field: 'contractNo', code: e.code, message: { zh: '账本拒绝了该记录', en: e.message } }]);
    }
  }

  return { submitUnit, submitBatch, finishBatch, store };
}

/** A random, letters-only event id for evidence.accessed (no digit run for the personal-data screen). */
export function accessEventId(): string {
  let s = '';
  for (const b of randomBytes(20)) s += String.fromCharCode(97 + (b >> 4), 97 + (b & 15));
  return `sd.access.${s}`;
}
