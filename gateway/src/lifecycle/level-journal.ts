/**
 * The lifecycle journal on LevelDB (<dataDir>/transitions/), every write synced:
 *
 *   j!<key>          pending batch (JSON PendingBatch)
 *   e!<append id>    done record (JSON DoneRecord)
 *
 * The first version of this store (the transitions outbox) used `p!` and `d!` records; a data
 * dir that still has `p!` batches was left mid-write by that version, whose recovery this one
 * does not repeat: it refuses to open rather than leave them unfinished.
 */
import { ElcError } from '@elc/core';
import { Level } from 'level';
import type { DoneRecord, LifecycleJournal, PendingBatch } from './journal.js';

const SYNC = { sync: true } as const;

export async function openLevelJournal(location: string): Promise<LifecycleJournal> {
  const db = new Level<string, string>(location, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
  await db.open();
  const legacy = await db.keys({ gte: 'p!', lt: 'p"', limit: 1 }).all();
  if (legacy.length > 0) {
    await db.close();
    throw new ElcError('LOG_CONFIG_MISMATCH', `${location} holds transition batches an earlier version left unfinished; start that version once to finish them`);
  }
  return {
    putPending: (b) => db.put(`j!${b.key}`, JSON.stringify(b), SYNC),
    async pending() {
      return (await db.values({ gte: 'j!', lt: 'j"' }).all()).map((v) => JSON.parse(v) as PendingBatch);
    },
    dropPending: (key) => db.del(`j!${key}`, SYNC),
    async finish(key, records) {
      const batch = db.batch();
      for (const r of records) batch.put(`e!${r.appendId}`, JSON.stringify(r));
      await batch.del(`j!${key}`).write(SYNC);
    },
    async done(ids) {
      if (ids.length === 0) return [];
      const values = await db.getMany(ids.map((id) => `e!${id}`));
      return values.map((v) => (v === undefined ? undefined : (JSON.parse(v) as DoneRecord)));
    },
    close: () => db.close(),
  };
}
