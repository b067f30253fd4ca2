/** The popup's head start: the first screen read with plain IndexedDB, before Dexie and React have loaded. */
import { recentContacts } from '@/lib/store/contact-search';
import { readFirstPaint } from '@/lib/store/first-paint';
import { recordHealth } from '@/lib/store/health';
import { newContact } from '@/lib/store/interactions';
import { DAY, freshDb, T0 } from './helpers';

it('reads nothing, and creates nothing, when there is no store yet', async () => {
  const name = `tend-first-paint-none-${Math.random().toString(36).slice(2)}`;
  expect(await readFirstPaint(indexedDB, name)).toBeUndefined();
  const names = (await indexedDB.databases()).map((d) => d.name);
  expect(names).not.toContain(name);
});

it('reads the nudge list, the health and the most recent contacts, as the live queries will', async () => {
  const db = freshDb();
  const contacts = Array.from({ length: 30 }, (_, i) => ({
    ...newContact(`p${i}@example.org`, `Person ${i}`, T0),
    summary: { lastAt: T0 - ((i * 7) % 30) * DAY, sent: 1, received: 1, meetings: 0 },
  }));
  // One never in touch: no summary, so not in the index.
  await db.contacts.bulkPut([...contacts, newContact('new@example.org', 'New', T0)] as never);
  const nudges = { computedAt: T0, nudges: [{ key: 'contact:p1@example.org', kind: 'overdue' }] };
  await db.kv.put({ key: 'nudges', value: nudges });
  await recordHealth(db, 'gmail', { recognised: false, hasContent: true, records: 0, unreadableDates: 0 }, T0);
  db.close();

  const first = await readFirstPaint(indexedDB, db.name, 20);
  await db.open();
  expect(first?.nudges).toEqual(nudges);
  expect(first?.health).toEqual([
    { source: 'gmail', failingSince: T0, problem: 'the page was not recognised', unreadableDates: 0 },
  ]);
  expect(first?.contacts.map((c) => c.email)).toEqual((await recentContacts(db, 20)).map((c) => c.email));
  expect(first?.contacts).toHaveLength(20);
});

it('a nudge record of another shape reads as "not computed yet"', async () => {
  const db = freshDb();
  await db.kv.put({ key: 'nudges', value: 'garbage' });
  db.close();
  expect((await readFirstPaint(indexedDB, db.name))?.nudges).toBeUndefined();
});

it('reads the zone set in Options, and none when the setting is empty or the record is of another shape', async () => {
  const db = freshDb();
  await db.kv.put({ key: 'settings', value: { timeZone: 'Pacific/Auckland' } });
  db.close();
  expect((await readFirstPaint(indexedDB, db.name))?.timeZone).toBe('Pacific/Auckland');
  await db.open();
  await db.kv.put({ key: 'settings', value: { timeZone: '' } });
  db.close();
  expect((await readFirstPaint(indexedDB, db.name))?.timeZone).toBeUndefined();
  await db.open();
  await db.kv.put({ key: 'settings', value: 'garbage' });
  db.close();
  expect((await readFirstPaint(indexedDB, db.name))?.timeZone).toBeUndefined();
});
