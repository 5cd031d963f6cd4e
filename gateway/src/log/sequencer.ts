/**
 * The write coordinator's flush: gives each new entry the next index, issues the batch's receipts
 * (one signature per flush, @elc/core/receipt), integrates the batch into the tree and stores all of it in
 * ONE durable write. An id already stored (by an earlier batch or before a restart) gets its stored
 * receipt back and nothing is appended.
 *
 * Two stages: a flush looks its ids up in the store at once, then commits (decides, signs,
 * integrates, writes) after the previous flush's commit has ended, so commits run one at a time, in
 * order. The lookup may overlap the earlier commits still running; the ids those commits assigned
 * are kept in memory until no lookup can have missed them (`recent`). Overlapping the two saves the
 * lookup's latency (a LevelDB read in the thread pool, ~4 ms a 256-entry batch under load) on the
 * serial write path.
 */
import { toBase64, type ElcError, type LogHasher } from '@elc/core';
import { issueReceipts } from '@elc/core/receipt';
import { TILE_WIDTH } from '@elc/core/tiles';
import { logError } from './errors.js';
import { integrate } from './integrate.js';
import type { LogStore, StoredTile, TileId, TreeState } from './store.js';
import { tileValueWidth } from './tile-nodes.js';
import type { LogSigner, Receipt } from './types.js';

/** An entry checked at the door, with its leaf hash computed outside the write path. */
export interface PreparedEntry {
  readonly id: string;
  readonly leaf: Uint8Array;
  /** base64 of H(0x00 || leaf) */
  readonly leafHash: string;
  readonly leafHashBytes: Uint8Array;
}

export interface Committed {
  readonly size: number;
  readonly root: Uint8Array;
}

export interface SequencerOptions {
  readonly store: LogStore;
  readonly hasher: LogHasher;
  readonly signer: LogSigner;
  readonly origin: string;
  readonly clock: () => number;
  readonly initial: TreeState;
  /** the stored partial tiles at the right edge of the initial tree (edgeTileIds) */
  readonly initialEdge: readonly StoredTile[];
  /** told of every durable write (after it is on disk), with the tiles it wrote */
  readonly onCommit: (committed: Committed, tiles: readonly StoredTile[]) => void;
}

export interface Sequencer {
  /** The batcher's flush: one result per append call, in order (its receipts, or its own error). */
  flush(groups: readonly (readonly PreparedEntry[])[]): Promise<(Receipt[] | Error)[]>;
  committed(): Committed;
  /** The committed value of a partial right-edge tile (undefined for any other tile). */
  edgeTile(level: number, index: number): Uint8Array | undefined;
  /** set once a durable write failed; every later flush fails with it */
  readonly failure: ElcError | undefined;
  readonly duplicates: number;
  readonly batches: number;
}

export function createSequencer(o: SequencerOptions): Sequencer {
  let state = o.initial;
  // Partial tiles at the right edge, by tile level: the only tiles integration extends.
  const edge = new Map<number, StoredTile>(o.initialEdge.map((t) => [t.level, t]));
  const edgeTile = (level: number, index: number): Uint8Array | undefined => {
    const t = edge.get(level);
    return t?.index === index ? t.nodes : undefined;
  };
  let committed: Committed = { size: state.size, root: integrate(o.hasher, state, [], edgeTile).root };
  let failure: ElcError | undefined;
  let duplicates = 0;
  let batches = 0;
  const signing = { origin: o.origin, hasher: o.hasher, signer: o.signer };
  /** Commits ended so far; a lookup started after commit n ended sees its writes. */
  let commits = 0;
  /** The fresh receipts of commit `seq`, while a lookup started before that commit ended waits. */
  let recent: { seq: number; fresh: Map<string, Receipt> }[] = [];
  /** The latest commit in line: the next one starts after it. */
  let tail: Promise<unknown> = Promise.resolve();

  function flush(groups: readonly (readonly PreparedEntry[])[]): Promise<(Receipt[] | Error)[]> {
    if (failure !== undefined) return Promise.reject(failure);
    const ids = [...new Set(groups.flatMap((g) => g.map((e) => e.id)))];
    const seen = commits;
    let lookup: Promise<(Receipt | undefined)[]>;
    try {
      lookup = o.store.getReceipts(ids);
    } catch (e) {
      lookup = Promise.reject(e instanceof Error ? e : new Error(String(e))); // a store that throws at once (closed)
    }
    lookup.catch(() => undefined); // awaited in commit; a failure there must not go unhandled meanwhile
    const run = tail.then(() => commit(groups, ids, seen, lookup));
    tail = run.catch(() => undefined);
    return run;
  }

  async function commit(
    groups: readonly (readonly PreparedEntry[])[],
    ids: readonly string[],
    seen: number,
    lookup: Promise<(Receipt | undefined)[]>,
  ): Promise<(Receipt[] | Error)[]> {
    if (failure !== undefined) throw failure;
    const storedList = await lookup;
    // Commits that ended after the lookup started may be missing from it: add their ids.
    recent = recent.filter((r) => r.seq > seen);
    const known = new Map<string, Receipt>();
    storedList.forEach((r, i) => {
      const id = ids[i] as string;
      const found = r ?? recent.find((c) => c.fresh.has(id))?.fresh.get(id);
      if (found !== undefined) known.set(id, found);
    });

    const time = o.clock();
    const leaves: Uint8Array[] = [];
    const leafHashes: Uint8Array[] = [];
    const fresh: { id: string; leafHash: string }[] = [];
    const freshById = new Map<string, number>();
    // Phase 1: decide every entry: a stored receipt, or the next index (slot in `fresh`).
    const decided = groups.map((group): (Receipt | number)[] | Error => {
      // A call is atomic: any conflict refuses all of it before anything is assigned.
      for (const [k, e] of group.entries()) {
        const prior = known.get(e.id);
        const slot = freshById.get(e.id);
        const priorHash = prior?.leafHash ?? (slot === undefined ? undefined : fresh[slot]?.leafHash);
        if (priorHash !== undefined && priorHash !== e.leafHash) {
          const where = prior === undefined ? '' : ` (index ${prior.index})`;
          return logError('LOG_ID_CONFLICT', `id "${e.id}" was appended before with another leaf${where}`, { field: `entries.${k}.id` });
        }
      }
      return group.map((e) => {
        const prior = known.get(e.id) ?? freshById.get(e.id);
        if (prior !== undefined) {
          duplicates++;
          return prior;
        }
        freshById.set(e.id, fresh.length);
        fresh.push({ id: e.id, leafHash: e.leafHash }); // index state.size + slot
        leaves.push(e.leaf);
        leafHashes.push(e.leafHashBytes);
        return fresh.length - 1;
      });
    });
    // Phase 2: the new receipts, batch-signed: their statements -> an RFC 6962 tree -> ONE
    // signature over its root -> receipts with proofs.
    const receipts = issueReceipts(signing, state.size, time, fresh);
    const results = decided.map((d) => (d instanceof Error ? d : d.map((r) => (typeof r === 'number' ? (receipts[r] as Receipt) : r))));
    if (leaves.length === 0) {
      commits++;
      return results;
    }

    const next = integrate(o.hasher, state, leafHashes, edgeTile);
    try {
      await o.store.append({ fromSize: state.size, leaves, receipts, tiles: next.tiles, state: next.state });
    } catch (cause) {
      // Fail closed: whether the write landed is unknown, so take no more writes until a restart
      // re-reads the store (where idempotent retries then find whatever did land).
      failure = logError('LOG_STORE_FAILED', 'a durable write failed; the log takes no more writes until restarted', { cause });
      throw failure;
    }
    commits++;
    recent.push({ seq: commits, fresh: new Map(receipts.map((r) => [r.id, r])) });
    state = next.state;
    committed = { size: next.state.size, root: next.root };
    for (const t of next.tiles) {
      if (tileValueWidth(t.nodes) < TILE_WIDTH) edge.set(t.level, t);
      else if (edge.get(t.level)?.index === t.index) edge.delete(t.level);
    }
    batches++;
    o.onCommit(committed, next.tiles);
    return results;
  }

  return {
    flush,
    committed: () => committed,
    edgeTile,
    get failure() {
      return failure;
    },
    get duplicates() {
      return duplicates;
    },
    get batches() {
      return batches;
    },
  };
}

export function prepareEntry(hasher: LogHasher, id: string, leaf: Uint8Array): PreparedEntry {
  const leafHashBytes = hasher.leafHash(leaf);
  return { id, leaf, leafHash: toBase64(leafHashBytes), leafHashBytes };
}

/** The partial tiles at the right edge of a tree of `size` leaves: at most one per tile level. */
export function edgeTileIds(size: number): (TileId & { width: number })[] {
  const out: (TileId & { width: number })[] = [];
  for (let level = 0; ; level++) {
    const count = Math.floor(size / TILE_WIDTH ** level);
    if (count === 0) return out;
    const width = count % TILE_WIDTH;
    if (width > 0) out.push({ level, index: Math.floor(count / TILE_WIDTH), width });
  }
}
