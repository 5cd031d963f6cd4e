// TEST DOUBLE of a peer's state database and history database, in memory, with Fabric's key
// versions (block, tx): what the Gateway test server simulates against and validates read sets
// with. Keys sort by their UTF-8 bytes, as on a peer.
import type { HistoryRecord, StateRow, Version, VersionedValue, WorldStateReader } from '@elc/ledger-sim/runtime';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

export class VersionedWorldState implements WorldStateReader {
  private readonly state = new Map<string, VersionedValue>();
  private readonly historyOf = new Map<string, HistoryRecord[]>();

  get(key: string): Promise<VersionedValue | undefined> {
    return Promise.resolve(this.state.get(key));
  }

  /** The committed version of a key, or null when it does not exist. */
  versionOf(key: string): Version | null {
    return this.state.get(key)?.version ?? null;
  }

  range(start: string, end: string, limit?: number): Promise<StateRow[]> {
    const s = utf8(start);
    const e = end === '' ? undefined : utf8(end);
    const rows = [...this.state.entries()]
      .map(([key, v]) => ({ key, v, bytes: utf8(key) }))
      .filter((r) => Buffer.compare(r.bytes, s) >= 0 && (e === undefined || Buffer.compare(r.bytes, e) < 0))
      .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
      .map(({ key, v }) => ({ key, value: v.value, version: v.version }));
    return Promise.resolve(limit === undefined ? rows : rows.slice(0, limit));
  }

  history(key: string): Promise<HistoryRecord[]> {
    return Promise.resolve([...(this.historyOf.get(key) ?? [])].reverse());
  }

  /** Applies a valid transaction's writes (null deletes) at `version`. */
  apply(version: Version, tx: { txId: string; seconds: number; nanos: number }, writes: ReadonlyMap<string, Uint8Array | null>): void {
    for (const [key, value] of writes) {
      if (value === null) this.state.delete(key);
      else this.state.set(key, { value, version });
      const list = this.historyOf.get(key) ?? [];
      list.push({ txId: tx.txId, seconds: tx.seconds, nanos: tx.nanos, value: value ?? new Uint8Array(), isDelete: value === null });
      this.historyOf.set(key, list);
    }
  }
}
