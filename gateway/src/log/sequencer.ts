/**
 * The write coordinator's flush: gives each new entry the next index, issues the batch's receipts
 * (one signature per flush, receipt.ts), integrates the batch into the tree and stores all of it in
 * ONE durable write. It runs one batch
 * at a time (the batcher guarantees it), so the store it reads is the truth: an id already stored
 * (by an earlier batch or before a restart) gets its stored receipt back and nothing is appended.
 */
import { toBase64, type ElcError, type LogHasher } from '@elc/core';
import { logError } from './errors.js';
import { integrate } from './integrate.js';
import { issueReceipts } from './receipt.js';
import type { LogStore, StoredTile, TileId, TreeState } from './store.js';
import { tileValueWidth } from './tile-nodes.js';
import { TILE_WIDTH } from './tiles.js';
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

  async function flush(groups: readonly (readonly PreparedEntry[])[]): Promise<(Receipt[] | Error)[]> {
    if (failure !== undefined) throw failure;
    const ids = [...new Set(groups.flatMap((g) => g.map((e) => e.id)))];
    const storedList = await o.store.getReceipts(ids);
    const known = new Map<string, Receipt>();
    storedList.forEach((r, i) => {
      if (r !== undefined) known.set(ids[i] as string, r);
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
    // signature over its root (off the event loop when the signer can) -> receipts with proofs.
    const receipts = await issueReceipts(signing, state.size, time, fresh);
    const results = decided.map((d) => (d instanceof Error ? d : d.map((r) => (typeof r === 'number' ? (receipts[r] as Receipt) : r))));
    if (leaves.length === 0) return results;

    const next = integrate(o.hasher, state, leafHashes, edgeTile);
    try {
      await o.store.append({ fromSize: state.size, leaves, receipts, tiles: next.tiles, state: next.state });
    } catch (cause) {
      // Fail closed: whether the write landed is unknown, so take no more writes until a restart
      // re-reads the store (where idempotent retries then find whatever did land).
      failure = logError('LOG_STORE_FAILED', 'a durable write failed; the log takes no more writes until restarted', { cause });
      throw failure;
    }
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
