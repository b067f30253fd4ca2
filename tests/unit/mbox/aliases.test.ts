import { importMbox } from '@/lib/ingest/mbox-import';
import { mergePeople } from '@/lib/store/addresses';
import { findContact } from '@/lib/store/aliases';
import { importBackup } from '@/lib/store/backup';
import { historyOf } from '@/lib/store/interactions';
import { ME, mailDate, mbox, mboxFile } from '@/tests/support/mbox';
import { DAY, freshDb, T0 } from '../store/helpers';

const ID = 1_784_565_224_872_936_700n;
const THREAD = 1_784_565_224_000_000_100n;

/** Ann at work and Ann at home, the two made one person (the person page's merge). */
async function annWithTwoAddresses() {
  const db = freshDb();
  const r = await importMbox(
    db,
    mboxFile(
      mbox([
        { id: ID, thread: THREAD, from: 'Ann Lee <ann@work.example>', to: ME, date: mailDate(T0 - 30 * DAY) },
        { id: ID + 1n, thread: THREAD + 1n, from: 'Ann <ann@home.example>', to: ME, date: mailDate(T0 - 20 * DAY) },
      ]),
    ),
    { now: () => T0 - 10 * DAY },
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
  const merged = await mergePeople(db, 'ann@work.example', 'ann@home.example', T0 - 10 * DAY);
  if (!merged.ok) throw new Error(merged.errors.join());
  return db;
}

describe('an address that is already one of a person’s other addresses', { timeout: 60_000 }, () => {
  it('a mailbox with mail from it files the touch under the person and makes no contact of it', async () => {
    const db = await annWithTwoAddresses();
    const r = await importMbox(
      db,
      mboxFile(
        mbox([
          { id: ID + 2n, thread: THREAD + 2n, from: 'Ann L. <ann@home.example>', to: ME, date: mailDate(T0 - DAY) },
        ]),
      ),
      { now: () => T0 },
    );
    expect(r.ok).toBe(true);
    expect((await db.contacts.toArray()).map((c) => c.email)).toEqual(['ann@work.example']);
    expect((await findContact(db, 'ann@home.example'))?.email).toBe('ann@work.example');
    const ann = await db.contacts.get('ann@work.example');
    expect(ann?.name).toBe('Ann Lee');
    expect(ann?.aliases).toEqual(['ann@home.example']);
    expect(ann?.summary.count).toBe(3);
    expect((await historyOf(db, 'ann@work.example')).map((i) => i.at)).toEqual([
      T0 - DAY,
      T0 - 20 * DAY,
      T0 - 30 * DAY,
    ]);
  });

  it('a backup that names it as a contact gives what it says to the person, once', async () => {
    const db = await annWithTwoAddresses();
    const r = await importBackup(
      db,
      {
        format: 'tend-backup',
        version: 1,
        exportedAt: T0,
        contacts: [
          { email: 'ann@home.example', name: 'Ann at home', notes: 'Prefers calls', tags: ['friend'] },
          { email: 'ann@work.example', name: 'Ann Lee', tags: ['client'] },
        ],
        interactions: [{ contact: 'ann@home.example', at: T0 - 2 * DAY, direction: 'sent', source: 'manual' }],
        events: [],
        threads: [],
        promises: [],
        nudgeState: [],
      } as never,
      T0,
    );
    expect(r).toMatchObject({ contacts: 2, interactions: 1 });
    const contacts = await db.contacts.toArray();
    expect(contacts.map((c) => c.email)).toEqual(['ann@work.example']);
    expect(contacts[0]).toMatchObject({
      name: 'Ann Lee',
      notes: 'Prefers calls',
      aliases: ['ann@home.example'],
    });
    expect([...(contacts[0]?.tags ?? [])].sort()).toEqual(['client', 'friend']);
    expect(contacts[0]?.summary.count).toBe(3);
  });
});
