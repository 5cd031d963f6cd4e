// TEST DOUBLE wiring: the runtime's SimulatorHandler (@elc/ledger-sim, the peer end of the chaincode
// stream in process) over the in-memory world state of the tests, for one transaction.
import { SimulatorHandler, TxSimulator } from '@elc/ledger-sim/runtime';
import type { WorldStateReader } from '@elc/ledger-sim/runtime';
import type { MemoryWorldState } from './world-state.js';

/**
 * The in-memory world state as the simulator reads it. The double keeps no block numbers, so a
 * key's version is the count of its committed versions (enough for a read set; nothing checks it).
 */
export function memoryStateReader(world: MemoryWorldState): WorldStateReader {
  const versionOf = (key: string) => ({ blockNumber: world.historyOf(key).length, txNumber: 0 });
  return {
    get(key) {
      const value = world.get(key);
      return Promise.resolve(value === undefined ? undefined : { value, version: versionOf(key) });
    },
    range(start, end, limit) {
      const rows = world.range(start, end).map((r) => ({ ...r, version: versionOf(r.key) }));
      return Promise.resolve(limit === undefined ? rows : rows.slice(0, limit));
    },
    history: (key) => Promise.resolve([...world.historyOf(key)]),
  };
}

export class MemoryTxHandler extends SimulatorHandler {
  constructor(world: MemoryWorldState, namespace: string) {
    super(new TxSimulator(memoryStateReader(world), namespace));
  }

  get writes(): ReadonlyMap<string, Uint8Array | null> {
    return this.sim.writes;
  }
}
