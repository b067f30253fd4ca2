import type { TendDB } from '@/lib/store/db';
import type { DataCounts } from './data-section';

/** What "Delete all data" would remove, counted (interactions are packed per contact: summed from the summaries). */
export async function dataCounts(db: TendDB): Promise<DataCounts> {
  return db.transaction('r', [db.contacts, db.events, db.threads, db.promises], async () => {
    let interactions = 0;
    await db.contacts.each((c) => {
      interactions += c.summary?.count ?? 0;
    });
    const [contacts, events, threads, promises] = await Promise.all([
      db.contacts.count(),
      db.events.count(),
      db.threads.count(),
      db.promises.count(),
    ]);
    return { contacts, interactions, events, threads, promises };
  });
}
