/**
 * An in-memory LogStore: the fake for unit tests and the reference the LevelDB store is held to
 * by the contract suite. `reopen()` gives a new store over the same data, as a restart would.
 */
import { logError } from './errors.js';
import type { LogConfig, LogStore, LogWrite, TileId, TreeState } from './store.js';
import type { Receipt, SignedCheckpoint } from './types.js';
import { checkCheckpointOrder, checkWrite } from './store-checks.js';

interface MemoryData {
  config: LogConfig | undefined;
  state: TreeState;
  readonly entries: Uint8Array[];
  readonly receipts: Map<string, Receipt>;
  /** tile values by "L/N" */
  readonly tiles: Map<string, Uint8Array>;
  /** ascending by size */
  readonly checkpoints: SignedCheckpoint[];
}

export interface MemoryLogStore extends LogStore {
  /** A new store over the same data (this one should be closed first), like reopening a directory. */
  reopen(): MemoryLogStore;
}

export function createMemoryStore(): MemoryLogStore {
  return open({
    config: undefined,
    state: { size: 0, hashes: [] },
    entries: [],
    receipts: new Map(),
    tiles: new Map(),
    checkpoints: [],
  });
}

function open(data: MemoryData): MemoryLogStore {
  let closed = false;
  const live = (): MemoryData => {
    if (closed) throw logError('LOG_CLOSED', 'store is closed');
    return data;
  };

  return {
    readConfig: () => Promise.resolve(live().config),
    writeConfig(config) {
      live().config = { origin: config.origin, hashAlg: config.hashAlg };
      return Promise.resolve();
    },
    readState: () => Promise.resolve(live().state),
    append: (write: LogWrite) =>
      attempt(() => {
        const d = live();
        checkWrite(d.state.size, write);
        d.entries.push(...write.leaves);
        // A copy, as LevelDB keeps its own bytes: a caller changing its receipt changes no stored one.
        for (const r of write.receipts) d.receipts.set(r.id, { ...r, batch: { ...r.batch, proof: [...r.batch.proof] } });
        for (const t of write.tiles) d.tiles.set(`${t.level}/${t.index}`, t.nodes);
        d.state = { size: write.state.size, hashes: [...write.state.hashes] };
      }),
    getEntry: (index) => Promise.resolve(live().entries[index]),
    getEntries: (start, count) => Promise.resolve(live().entries.slice(start, start + count)),
    getReceipts: (ids) => Promise.resolve(ids.map((id) => live().receipts.get(id))),
    getTiles: (ids: readonly TileId[]) => Promise.resolve(ids.map((id) => live().tiles.get(`${id.level}/${id.index}`))),
    putCheckpoint: (checkpoint) =>
      attempt(() => {
        const d = live();
        checkCheckpointOrder(d.checkpoints.at(-1), checkpoint);
        if (d.checkpoints.at(-1)?.size !== checkpoint.size) d.checkpoints.push(checkpoint);
      }),
    latestCheckpoint: () => Promise.resolve(live().checkpoints.at(-1)),
    getCheckpoint: (size) => Promise.resolve(live().checkpoints.find((c) => c.size === size)),
    listCheckpoints: (fromSize, limit) =>
      Promise.resolve(live().checkpoints.filter((c) => c.size >= fromSize).slice(0, Math.max(0, limit))),
    close() {
      closed = true;
      return Promise.resolve();
    },
    reopen: () => open(data),
  };
}


/** Runs fn and settles with its result: a throw becomes a rejection, as in an async store. */
function attempt<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}
