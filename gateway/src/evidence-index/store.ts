/**
 * The evidence index: which log entries belong to a contract, which carry a document hash, and
 * which orgs submitted evidence of a contract. A LevelDB of its own under <dataDir>/evidence-index/
 * (`level` v10, UTF-8 keys; USCCs, contract numbers and document hashes hold no control
 * characters, so NUL separates key parts):
 *
 *   m!size                                  entries of the log indexed so far (a prefix of the log)
 *   c!<employer>\0<contractId>\0<index16>   the entry is an event of the contract
 *   d!<docHash>\0<index16>                  the entry's event names the document hash
 *   o!<employer>\0<contractId>\0<org>       the org submitted an event of the contract
 *   r!<employer>\0<contractId>              the region of the contract's first event
 *
 * Each batch of entries and the new size are one synced LevelDB batch, so the index is always
 * the index of a prefix of the log. Everything but `o!` is derived from the leaves alone: delete
 * the folder and the gateway rebuilds it from the log on start (docs/evidence.md).
 *
 * Two implementations pass one contract suite (store.contract.test-support.ts): LevelDB
 * (level-store.ts) and memory (memory-store.ts).
 */
export const EVIDENCE_INDEX_DIR = 'evidence-index';

export interface IndexedEntry {
  readonly index: number;
  readonly employer: string;
  readonly contractId: string;
  readonly region: string;
  readonly docHash: string | undefined;
  /** the org whose append id carried the entry, when known */
  readonly org: string | undefined;
}

export interface ContractIndex {
  readonly indices: number[];
  readonly orgs: string[];
  readonly region: string | undefined;
}

export interface EvidenceIndexStore {
  indexedSize(): Promise<number>;
  /** Indexes entries [from, from + entries.length) and sets the indexed size to their end. */
  add(from: number, entries: readonly (IndexedEntry | undefined)[]): Promise<void>;
  contract(employer: string, contractId: string): Promise<ContractIndex>;
  docHash(docHash: string): Promise<number[]>;
  close(): Promise<void>;
}

