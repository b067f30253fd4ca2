import { DEFAULT_SETTINGS } from '@/lib/core/model';
import { dueInfo } from '@/lib/engine/cadence';
import { exportBackup } from '@/lib/store/backup';
import { updateContact } from '@/lib/store/contacts';
import { historyOf, recordInteractions } from '@/lib/store/interactions';
import { deleteTouch, editTouch, logTouch } from '@/lib/store/manual-touches';
import { DAY, freshDb, T0, touch } from './helpers';

async function seed() {
  const db = freshDb();
  await db.transaction('rw', db.contacts, db.historyPacks, db.kv, () =>
    recordInteractions(
      db,
      [touch('ann@example.com', T0, 'received'), touch('ann@example.com', T0 + DAY, 'sent')],
      {},
      T0,
    ),
  );
  await updateContact(db, 'ann@example.com', { cadence: { mode: 'fixed', days: 30, toleranceDays: 0 } }, T0);
  return db;
}

describe('touches logged by hand', () => {
  it('a coffee resets the clock, shows in the history with its note, and is exported', async () => {
    const db = await seed();
    const now = T0 + 40 * DAY;
    const before = await db.contacts.get('ann@example.com');
    expect(before && dueInfo(before, DEFAULT_SETTINGS, now)?.overdueDays).toBeGreaterThan(0);
    const r = await logTouch(
      db,
      'ann@example.com',
      { kind: 'coffee', at: now - DAY, note: ' Talked about the move ' },
      now,
    );
    expect(r.ok).toBe(true);
    const after = await db.contacts.get('ann@example.com');
    expect(after?.summary).toMatchObject({ count: 3, meetings: 1, lastTouchAt: now - DAY });
    expect(after && dueInfo(after, DEFAULT_SETTINGS, now)?.overdueDays).toBeLessThan(0);
    const [latest] = await historyOf(db, 'ann@example.com', 1);
    expect(latest).toMatchObject({
      source: 'manual',
      kind: 'coffee',
      direction: 'meeting',
      note: 'Talked about the move',
    });
    const backup = await exportBackup(db, now);
    expect(backup.interactions.filter((i) => i.source === 'manual')).toHaveLength(1);
  });

  it('a message elsewhere counts as one the user sent', async () => {
    const db = await seed();
    await logTouch(db, 'ann@example.com', { kind: 'message', at: T0 + 2 * DAY }, T0 + 3 * DAY);
    expect((await db.contacts.get('ann@example.com'))?.summary).toMatchObject({ sent: 2, lastSentAt: T0 + 2 * DAY });
  });

  it('can be edited and deleted; the summary follows each time', async () => {
    const db = await seed();
    const now = T0 + 40 * DAY;
    const r = await logTouch(db, 'ann@example.com', { kind: 'call', at: now }, now);
    if (!r.ok) throw new Error('not logged');
    expect(
      (await editTouch(db, 'ann@example.com', r.key, { kind: 'meeting', at: now - 2 * DAY, note: 'Lunch' }, now)).ok,
    ).toBe(true);
    const [edited] = await historyOf(db, 'ann@example.com', 1);
    expect(edited).toMatchObject({ key: r.key, kind: 'meeting', at: now - 2 * DAY, note: 'Lunch' });
    expect((await db.contacts.get('ann@example.com'))?.summary.lastAt).toBe(now - 2 * DAY);
    expect((await deleteTouch(db, 'ann@example.com', r.key, now)).ok).toBe(true);
    expect((await db.contacts.get('ann@example.com'))?.summary).toMatchObject({ count: 2, lastAt: T0 + DAY });
    expect(await deleteTouch(db, 'ann@example.com', r.key, now)).toEqual({
      ok: false,
      errors: ['That touch is no longer there.'],
    });
  });

  it('refuses to edit or delete what Gmail recorded, and a bad date or note, changing nothing', async () => {
    const db = await seed();
    const [captured] = await historyOf(db, 'ann@example.com', 1);
    const before = await exportBackup(db, T0);
    expect((await deleteTouch(db, 'ann@example.com', captured?.key ?? '', T0)).ok).toBe(false);
    expect((await editTouch(db, 'ann@example.com', captured?.key ?? '', { kind: 'call', at: T0 }, T0)).ok).toBe(false);
    expect((await logTouch(db, 'ann@example.com', { kind: 'call', at: -5 }, T0)).ok).toBe(false);
    expect((await logTouch(db, 'ann@example.com', { kind: 'call', at: T0, note: 'x'.repeat(20_001) }, T0)).ok).toBe(
      false,
    );
    expect(await exportBackup(db, T0)).toEqual(before);
  });
});
