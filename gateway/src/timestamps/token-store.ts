// Durable RFC 3161 tokens per anchored checkpoint size, and the checkpoints still waiting for one.
// A LevelDB of its own under <dataDir>/timestamps/: `t!<size>` a stored token, `p!<size>` a pending
// checkpoint (its note). Sizes are zero-padded to 16 digits so key order is size order. A token
// replaces its pending record in one synced batch: a crash leaves one or the other, never neither.
import { Level } from 'level';

export const TIMESTAMP_STORE_DIR = 'timestamps';

export interface StoredToken {
  readonly size: number;
  /** standard base64 of the DER TimeStampToken */
  readonly token: string;
  readonly tsa: string;
  readonly local: boolean;
  /** TSTInfo genTime, RFC 3339 */
  readonly genTime: string;
  readonly serialNumber: string;
}

export interface PendingCheckpoint {
  readonly size: number;
  /** the signed note, byte for byte: what is timestamped */
  readonly note: string;
}

export interface TokenStore {
  get(size: number): Promise<StoredToken | undefined>;
  /** the stored token of the greatest size, if any */
  latest(): Promise<StoredToken | undefined>;
  addPending(p: PendingCheckpoint): Promise<void>;
  pending(): Promise<PendingCheckpoint[]>;
  /** stores the token and drops the pending record of its size, atomically */
  put(token: StoredToken): Promise<void>;
  close(): Promise<void>;
}

const SYNC = { sync: true } as const;
const pad = (n: number): string => n.toString().padStart(16, '0');

export async function openTokenStore(location: string): Promise<TokenStore> {
  const db = new Level<string, string>(location, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
  await db.open();
  const parse = <T>(v: string | undefined): T | undefined => (v === undefined ? undefined : (JSON.parse(v) as T));
  return {
    async get(size) {
      return parse<StoredToken>(await db.get(`t!${pad(size)}`));
    },
    async latest() {
      const [v] = await db.values({ gte: 't!', lt: 't"', reverse: true, limit: 1 }).all();
      return parse<StoredToken>(v);
    },
    async addPending(p) {
      if ((await db.get(`t!${pad(p.size)}`)) !== undefined) return;
      await db.put(`p!${pad(p.size)}`, JSON.stringify(p), SYNC);
    },
    async pending() {
      const values = await db.values({ gte: 'p!', lt: 'p"' }).all();
      return values.map((v) => JSON.parse(v) as PendingCheckpoint);
    },
    async put(token) {
      await db.batch().put(`t!${pad(token.size)}`, JSON.stringify(token)).del(`p!${pad(token.size)}`).write(SYNC);
    },
    close: () => db.close(),
  };
}
