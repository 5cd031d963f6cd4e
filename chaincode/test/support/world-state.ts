// TEST DOUBLE of a peer's ledger: committed world state and the history database, in memory.
// Key order is the peer's: byte order of the UTF-8 keys (not JavaScript's UTF-16 order).
import type { HistoryRecord } from '@elc/ledger-sim/runtime';

function utf8(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

export class MemoryWorldState {
  private readonly state = new Map<string, Uint8Array>();
  private readonly history = new Map<string, HistoryRecord[]>();

  get(key: string): Uint8Array | undefined {
    return this.state.get(key);
  }

  /** Keys in [start, end) (end '' = unbounded), in UTF-8 byte order. */
  range(start: string, end: string): { key: string; value: Uint8Array }[] {
    const s = utf8(start);
    const e = end === '' ? undefined : utf8(end);
    return [...this.state.entries()]
      .map(([key, value]) => ({ key, value, bytes: utf8(key) }))
      .filter((r) => Buffer.compare(r.bytes, s) >= 0 && (e === undefined || Buffer.compare(r.bytes, e) < 0))
      .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
      .map(({ key, value }) => ({ key, value }));
  }

  /** Newest first, as Fabric 2.x returns history. */
  historyOf(key: string): readonly HistoryRecord[] {
    return [...(this.history.get(key) ?? [])].reverse();
  }

  /** Applies one valid transaction's write set (null = delete). */
  commit(txId: string, time: { seconds: number; nanos: number }, writes: ReadonlyMap<string, Uint8Array | null>): void {
    for (const [key, value] of writes) {
      if (value === null) this.state.delete(key);
      else this.state.set(key, value);
      const list = this.history.get(key) ?? [];
      list.push({ txId, seconds: time.seconds, nanos: time.nanos, value: value ?? new Uint8Array(), isDelete: value === null });
      this.history.set(key, list);
    }
  }

  keys(): string[] {
    return this.range('', '').map((r) => r.key);
  }
}
