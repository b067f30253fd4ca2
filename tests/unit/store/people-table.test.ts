import { dueScale, nudgeDueScale } from '@/components/due-scale';
import { rhythmText } from '@/components/rhythm-words';
import { Contact } from '@/lib/core/model';
import { contactNudgeKey } from '@/lib/engine/nudge-keys';
import { mergePeople } from '@/lib/store/addresses';
import { updateContact } from '@/lib/store/contacts';
import { recordInteractions } from '@/lib/store/interactions';
import { computeNudgeList } from '@/lib/store/nudge-list';
import { applyNudgeAction } from '@/lib/store/nudge-state';
import { ignorePeople, mutePeople, type PersonRow, peopleRows, setRhythmOf, tagPeople } from '@/lib/store/people-table';
import { getSettings } from '@/lib/store/settings';
import { DAY, freshDb, T0, touch } from './helpers';

const NOW = T0 + 200 * DAY;

async function seed(n = 120) {
  const db = freshDb();
  const people = Array.from({ length: n }, (_, i) => `p${i}@example.com`);
  await db.transaction('rw', db.contacts, db.historyPacks, db.kv, () =>
    recordInteractions(
      db,
      [
        ...people.flatMap((p, i) =>
          [0, 1, 2, 3].map((k) => touch(p, T0 + (k * 14 + (i % 5)) * DAY, k % 2 ? 'sent' : 'received')),
        ),
        touch('no-reply@shop.example', T0, 'received'),
      ],
      { 'p0@example.com': 'Ann Lee' },
      NOW,
    ),
  );
  return { db, people };
}

describe('peopleRows', () => {
  it('lists every person (no robots) with company, rhythm, due state, drift and strength', async () => {
    const { db } = await seed(3);
    const rows = await peopleRows(db, NOW);
    expect(rows.map((r) => r.email).sort()).toEqual(['p0@example.com', 'p1@example.com', 'p2@example.com']);
    const ann = rows.find((r) => r.name === 'Ann Lee');
    expect(ann).toMatchObject({
      org: 'example.com',
      rhythmSource: 'inferred',
      rhythmDays: 14,
      overdue: true,
      drifting: true,
      muted: false,
    });
    expect(ann?.strength).toBeGreaterThan(0);
    // Five months after their last fortnightly touch: far past the rhythm.
    expect(ann?.dueRatio).toBeGreaterThan(10);
  });

  it("agrees with the popup's Overdue after Done and snooze: neither overdue nor drifting", async () => {
    const { db } = await seed(3);
    const overdueInPopup = async () =>
      (await computeNudgeList(db, NOW)).nudges.filter((n) => n.kind === 'overdue').map((n) => n.contact);
    expect((await overdueInPopup()).sort()).toEqual(['p0@example.com', 'p1@example.com', 'p2@example.com']);
    await applyNudgeAction(db, { key: contactNudgeKey('p0@example.com'), action: 'done' }, NOW - DAY);
    await applyNudgeAction(
      db,
      { key: contactNudgeKey('p1@example.com'), action: 'snooze', until: NOW + 7 * DAY },
      NOW - DAY,
    );
    expect(await overdueInPopup()).toEqual(['p2@example.com']);
    const rows = new Map((await peopleRows(db, NOW)).map((r) => [r.email, r]));
    // Done counts as a touch: the clock starts again from it.
    expect(rows.get('p0@example.com')).toMatchObject({ overdue: false, drifting: false });
    expect(rows.get('p0@example.com')?.dueRatio).toBeLessThan(0.2);
    expect(rows.get('p1@example.com')).toMatchObject({ overdue: false, drifting: false });
    expect(rows.get('p2@example.com')).toMatchObject({ overdue: true, drifting: true });
    // A week on, the snooze is over and the rhythm's clock, which it never moved, says overdue again.
    const later = new Map((await peopleRows(db, NOW + 8 * DAY)).map((r) => [r.email, r]));
    expect(later.get('p1@example.com')).toMatchObject({ overdue: true, drifting: true });
    expect(later.get('p0@example.com')).toMatchObject({ overdue: false, drifting: false });
  });
  it('calls someone tagged with a monthly rhythm, quiet 200 days, drifting as well as overdue', async () => {
    const db = freshDb();
    // Mail the user sent, never answered: no rhythm to infer, only the tag's (client: monthly by default).
    await db.transaction('rw', db.contacts, db.historyPacks, db.kv, () =>
      recordInteractions(
        db,
        [0, 10, 20].map((d) => touch('lee@example.com', NOW - (220 - d) * DAY, 'sent')),
        { 'lee@example.com': 'Lee Park' },
        NOW - 200 * DAY,
      ),
    );
    await updateContact(db, 'lee@example.com', { tags: ['Client'] }, NOW);
    const [lee] = await peopleRows(db, NOW);
    expect(lee).toMatchObject({ rhythmSource: 'tag', rhythmDays: 30, overdue: true, drifting: true });
  });

  it('puts a person on the same step of the colour scale in the People view, the popup and on their page', async () => {
    const db = freshDb();
    // Mail the user sent, never answered: only the tag's rhythm (client: every 30 days, at worst 14 days later).
    const last = NOW - 220 * DAY;
    await db.transaction('rw', db.contacts, db.historyPacks, db.kv, () =>
      recordInteractions(
        db,
        [0, 10, 20].map((d) => touch('lee@example.com', last - d * DAY, 'sent')),
        { 'lee@example.com': 'Lee Park' },
        last,
      ),
    );
    await updateContact(db, 'lee@example.com', { tags: ['Client'] }, last);
    const settings = await getSettings(db);
    expect(settings.tagCadences.client).toEqual({ days: 30, toleranceDays: 14 });
    const contact = await db.contacts.get('lee@example.com');
    if (!contact) throw new Error('no contact');
    const everywhere = async (days: number) => {
      const now = last + days * DAY;
      const [row] = await peopleRows(db, now);
      const nudge = (await computeNudgeList(db, now)).nudges.find((n) => n.kind === 'overdue');
      const page = rhythmText(contact, settings, now);
      return {
        row: row ? dueScale(row) : null,
        nudge: nudge ? nudgeDueScale(nudge, now) : null,
        page: page.dueStep,
        overdue: row?.overdue,
      };
    };
    expect(await everywhere(20)).toEqual({ row: { step: 1, words: 'on time' }, nudge: null, page: 1, overdue: false });
    expect(await everywhere(35)).toEqual({
      row: { step: 3, words: 'overdue' },
      nudge: { step: 3, words: 'overdue' },
      page: 3,
      overdue: true,
    });
    // Past the "at worst" date (day 44), not twice the rhythm (day 60).
    for (const days of [44, 45, 59]) {
      expect(await everywhere(days)).toEqual({
        row: { step: 4, words: 'well overdue' },
        nudge: { step: 4, words: 'well overdue' },
        page: 4,
        overdue: true,
      });
    }
  });

  it('words an inferred rhythm with no touch in over a year truthfully, not "no touch yet"', async () => {
    const { db } = await seed(1);
    // The last fortnightly touch was T0 + 42 days; over a year later the inferred rhythm no longer gives a due date.
    const [row] = await peopleRows(db, T0 + 450 * DAY);
    expect(row).toMatchObject({ rhythmSource: 'inferred', rhythmDays: 14, overdue: false, drifting: false });
    expect(row?.dueRatio).toBeUndefined();
    expect(dueScale(row as PersonRow)).toEqual({ step: 0, words: 'not tracked: no touch in over a year' });
  });
});

describe('bulk edits', () => {
  it('tags 100 people in one go, leaving those who already have the tag alone', async () => {
    const { db, people } = await seed();
    await updateContact(db, 'p0@example.com', { tags: ['Client'] }, NOW);
    const hundred = people.slice(0, 100);
    expect(await tagPeople(db, hundred, 'client', NOW)).toEqual({ ok: true, changed: 99 });
    const rows = await peopleRows(db, NOW);
    expect(rows.filter((r) => r.tags.some((t) => t.toLowerCase() === 'client'))).toHaveLength(100);
    // A tag with a default rhythm (client: monthly) now applies to all of them.
    expect(rows.find((r) => r.email === 'p5@example.com')).toMatchObject({ rhythmSource: 'tag', rhythmDays: 30 });
  });

  it('refuses a tag longer than a tag may be, before writing anything, as the person page does', async () => {
    const { db, people } = await seed(5);
    const before = await db.contacts.toArray();
    expect(await tagPeople(db, people, 'x'.repeat(61), NOW)).toEqual({
      ok: false,
      errors: ['A tag is at most 60 characters.'],
    });
    expect(await tagPeople(db, people, '   ', NOW)).toEqual({ ok: false, errors: ['Type a tag first.'] });
    expect(await db.contacts.toArray()).toEqual(before);
    // At the limit it is a tag like any other, and every record written is one the store accepts whole.
    expect(await tagPeople(db, people, ` ${'y'.repeat(60)} `, NOW)).toEqual({ ok: true, changed: 5 });
    for (const c of await db.contacts.toArray()) expect(Contact.safeParse(c).success).toBe(true);
  });

  it('"Not a person" covers a person\'s other addresses too', async () => {
    const { db, people } = await seed(3);
    const merged = await mergePeople(db, people[0] as string, people[1] as string, NOW);
    expect(merged.ok).toBe(true);
    await ignorePeople(db, [people[0] as string]);
    expect((await getSettings(db)).ignoredAddresses.sort()).toEqual([people[0], people[1]].sort());
  });

  it('sets a rhythm, mutes and unmutes, and marks people as not a person', async () => {
    const { db, people } = await seed(10);
    expect(await setRhythmOf(db, people.slice(0, 4), { mode: 'fixed', days: 7, toleranceDays: 0 }, NOW)).toBe(4);
    // The count is of people who changed: those already on that rhythm, or already muted, are not counted again.
    expect(await setRhythmOf(db, people.slice(2, 6), { mode: 'fixed', days: 7, toleranceDays: 0 }, NOW)).toBe(2);
    expect(await mutePeople(db, people.slice(0, 2), true)).toBe(2);
    expect(await mutePeople(db, people.slice(0, 3), true)).toBe(1);
    await mutePeople(db, [people[2] as string], false);
    await setRhythmOf(db, people.slice(4, 6), { mode: 'auto' }, NOW);
    let rows = await peopleRows(db, NOW);
    expect(rows.filter((r) => r.rhythmSource === 'set')).toHaveLength(4);
    expect(rows.filter((r) => r.muted).map((r) => r.email)).toEqual(people.slice(0, 2));
    expect(
      rows
        .filter((r) => r.overdue)
        .map((r) => r.email)
        .sort(),
    ).toEqual(people.slice(2).sort());
    await mutePeople(db, [people[0] as string], false);
    await ignorePeople(db, people.slice(5, 8));
    rows = await peopleRows(db, NOW);
    expect(rows).toHaveLength(7);
    expect(rows.filter((r) => r.muted)).toHaveLength(1);
    expect((await getSettings(db)).ignoredAddresses).toEqual(people.slice(5, 8));
  });
});
