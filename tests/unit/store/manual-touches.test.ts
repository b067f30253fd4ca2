import { DEFAULT_SETTINGS } from '@/lib/core/model';
import { dueInfo } from '@/lib/engine/cadence';
import { exportBackup } from '@/lib/store/backup';
import { updateContact } from '@/lib/store/contacts';
import { historyOf, recordInteractions } from '@/lib/store/interactions';
import { deleteTouch, editTouch, logTouch } from '@/lib/store/manual-touches';
import { DAY, freshDb, recordTouches, T0, touch } from './helpers';

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

  it('edits and deletes a touch logged by hand under a key of its own, as a hand-written backup gives', async () => {
    const db = await seed();
    await recordTouches(db, [touch('ann@example.com', T0 + 2 * DAY, 'meeting', { key: 'coffee-1', source: 'manual' })]);
    expect(await editTouch(db, 'ann@example.com', 'coffee-1', { at: T0 + 2 * DAY, note: 'Rosa' }, T0)).toEqual({
      ok: true,
      key: 'coffee-1',
    });
    const [edited] = await historyOf(db, 'ann@example.com', 1);
    expect(edited).toMatchObject({ key: 'coffee-1', note: 'Rosa' });
    expect(await deleteTouch(db, 'ann@example.com', 'coffee-1', T0)).toEqual({ ok: true, key: 'coffee-1' });
    expect(await historyOf(db, 'ann@example.com')).toHaveLength(2);
  });

  it('refuses to edit or delete a captured touch whose key looks hand-made', async () => {
    const db = await seed();
    await recordTouches(db, [touch('ann@example.com', T0 + 2 * DAY, 'received', { key: 'manual:forged' })]);
    const before = await exportBackup(db, T0);
    expect(await editTouch(db, 'ann@example.com', 'manual:forged', { kind: 'call', at: T0 }, T0)).toEqual({
      ok: false,
      errors: ['Only touches logged by hand can be edited.'],
    });
    expect(await deleteTouch(db, 'ann@example.com', 'manual:forged', T0)).toEqual({
      ok: false,
      errors: ['Only touches logged by hand can be deleted.'],
    });
    expect(await exportBackup(db, T0)).toEqual(before);
  });

  it('an edit keeps every field it does not change', async () => {
    const db = await seed();
    const old = touch('ann@example.com', T0 + 2 * DAY, 'sent', {
      key: 'manual:old',
      source: 'manual',
      subject: 'Lunch at Rosa',
      account: 'me@example.com',
      mass: true,
      note: 'kids',
    });
    await recordTouches(db, [old]);
    // The note alone: no kind given, so the touch keeps having none, and counts as it did (sent).
    expect((await editTouch(db, 'ann@example.com', 'manual:old', { at: old.at, note: 'kids!' }, T0)).ok).toBe(true);
    const [noted] = await historyOf(db, 'ann@example.com', 1);
    expect(noted).toEqual({ ...old, note: 'kids!' });
    // The same kind again keeps the direction it has; a new kind brings its own; a blank note removes the note.
    await recordTouches(db, [
      { ...old, key: 'manual:coffee', at: T0 + 3 * DAY, kind: 'coffee', direction: 'received' },
    ]);
    await editTouch(db, 'ann@example.com', 'manual:coffee', { kind: 'coffee', at: T0 + 3 * DAY, note: 'kids' }, T0);
    expect((await historyOf(db, 'ann@example.com', 1))[0]).toMatchObject({ kind: 'coffee', direction: 'received' });
    await editTouch(db, 'ann@example.com', 'manual:coffee', { kind: 'message', at: T0 + 4 * DAY, note: ' ' }, T0);
    const [last] = await historyOf(db, 'ann@example.com', 1);
    expect(last && 'note' in last).toBe(false);
    expect(last).toEqual({
      key: 'manual:coffee',
      contact: 'ann@example.com',
      at: T0 + 4 * DAY,
      direction: 'sent',
      source: 'manual',
      kind: 'message',
      subject: 'Lunch at Rosa',
      account: 'me@example.com',
      mass: true,
    });
  });
});
