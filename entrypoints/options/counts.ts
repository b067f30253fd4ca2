import type { DataCounts } from '@/components/options/data-section';
import type { StorageFacts } from '@/components/storage-view';
import type { TendDB } from '@/lib/store/db';
import { countThreads, threadTables } from '@/lib/store/threads';

/** What "Delete all data" would remove, counted (interactions are packed per contact: summed from the summaries). */
export async function dataCounts(db: TendDB): Promise<DataCounts> {
  return db.transaction('r', [db.contacts, db.events, ...threadTables(db), db.promises], async () => {
    let interactions = 0;
    await db.contacts.each((c) => {
      interactions += c.summary?.count ?? 0;
    });
    const [contacts, events, threads, promises] = await Promise.all([
      db.contacts.count(),
      db.events.count(),
      countThreads(db),
      db.promises.count(),
    ]);
    return { contacts, interactions, events, threads, promises };
  });
}

/** What the Storage card shows: the browser's estimate, whether storage is persistent, and per-table counts. */
export async function storageFacts(db: TendDB): Promise<StorageFacts> {
  const [estimate, persisted, counts, snoozes, notices] = await Promise.all([
    navigator.storage?.estimate?.().catch(() => undefined),
    navigator.storage?.persisted?.().catch(() => undefined),
    dataCounts(db),
    db.nudgeState.count(),
    db.notified.count(),
  ]);
  return {
    usage: estimate?.usage,
    quota: estimate?.quota,
    persisted,
    counts: { ...counts, snoozes, notices },
  };
}
