/** The background's handlers over a real store: the parts the surfaces lean on. */

import { normalizeEmail } from '@/lib/core/email';
import { recordStartedMeetings } from '@/lib/ingest/ingest';
import { dispatch } from '@/lib/ingest/messages';
import { createHandlers } from '@/lib/ingest/router';
import { openPromises } from '@/lib/store/db';
import { allHistories, readHistory, writeHistories } from '@/lib/store/histories';
import { newContact } from '@/lib/store/interactions';
import { updateSettings } from '@/lib/store/settings';
import { freshDb } from './helpers';

// Friday 27 November 2026, 23:30 in Tokyo, 15:30 in Berlin: "tomorrow" differs by zone.
const NOW = Date.UTC(2026, 10, 27, 14, 30);

describe('nudge-action', () => {
  it('a named snooze is read in the time zone of the settings, not the runtime', async () => {
    const db = freshDb();
    await updateSettings(db, (s) => ({ ...s, timeZone: 'Asia/Tokyo' }));
    let changes = 0;
    const handlers = createHandlers({ db, now: () => NOW, changed: () => changes++ });
    const reply = await dispatch(
      { type: 'nudge-action', key: 'contact:ann@example.com', action: 'snooze', for: 'tomorrow' },
      handlers,
    );
    expect(reply).toMatchObject({ ok: true });
    // 8:00 on Saturday 28 November in Tokyo.
    expect((await db.nudgeState.get('contact:ann@example.com'))?.snoozedUntil).toBe(Date.UTC(2026, 10, 27, 23, 0));
    expect(changes).toBe(1);
  });

  it('a snooze with neither a time nor a name is refused and changes nothing', async () => {
    const db = freshDb();
    const handlers = createHandlers({ db, now: () => NOW, changed: () => {} });
    const reply = await dispatch({ type: 'nudge-action', key: 'contact:ann@example.com', action: 'snooze' }, handlers);
    expect(reply).toMatchObject({ ok: false });
    expect(await db.nudgeState.count()).toBe(0);
  });

  it('an unknown named time is a malformed message', async () => {
    const db = freshDb();
    const handlers = createHandlers({ db, now: () => NOW, changed: () => {} });
    const reply = await dispatch(
      { type: 'nudge-action', key: 'contact:ann@example.com', action: 'snooze', for: 'someday' },
      handlers,
    );
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/malformed "nudge-action"/) });
  });
});

const ics = (lines: string[]) =>
  `${['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...lines, 'END:VCALENDAR'].join('\r\n')}\r\n`;
const vevent = (uid: string, start: string, end: string, attendees: string[]) => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  `DTSTART:${start}`,
  `DTEND:${end}`,
  'SUMMARY:Coffee',
  ...attendees.map((a) => `ATTENDEE:mailto:${a}`),
  'END:VEVENT',
];

describe('import-ics', () => {
  it('records a meeting for each known guest of the events already begun, once however often it is imported', async () => {
    const db = freshDb();
    await db.contacts.bulkPut([newContact('ann@example.com', 'Ann', NOW), newContact('bo@example.com', 'Bo', NOW)]);
    const handlers = createHandlers({ db, now: () => NOW, changed: () => {} });
    const text = ics([
      ...vevent('past-1', '20261120T100000Z', '20261120T110000Z', ['ann@example.com', 'stranger@example.com']),
      ...vevent('future-1', '20261201T100000Z', '20261201T110000Z', ['bo@example.com']),
      ...vevent('robot', '20261121T100000Z', '20261121T110000Z', ['noreply@example.com']),
    ]);
    const first = await dispatch({ type: 'import-ics', text }, handlers);
    expect(first).toMatchObject({ ok: true, counts: { events: 3, meetings: 1 } });
    const again = await dispatch({ type: 'import-ics', text }, handlers);
    expect(again).toMatchObject({ ok: true, counts: { meetings: 0 } });
    const ann = await readHistory(db, 'ann@example.com');
    expect(ann?.items).toEqual([
      expect.objectContaining({
        direction: 'meeting',
        source: 'ics',
        at: Date.UTC(2026, 10, 20, 10),
        subject: 'Coffee',
      }),
    ]);
    expect((await db.contacts.get('ann@example.com'))?.summary?.lastAt).toBe(Date.UTC(2026, 10, 20, 10));
    // Not yet begun, not a person, not a contact: no touch.
    expect(await readHistory(db, 'bo@example.com')).toBeUndefined();
    expect(await db.contacts.get('stranger@example.com')).toBeUndefined();
    expect(await db.contacts.get('noreply@example.com')).toBeUndefined();
  });
});

describe('recordStartedMeetings', () => {
  it('turns a Calendar event whose guests were read before it began into touches once it has begun', async () => {
    const db = freshDb();
    await db.contacts.put(newContact('ann@example.com', 'Ann', NOW));
    const start = NOW + 3_600_000;
    await db.events.put({
      id: 'ev1',
      start,
      end: start + 1_800_000,
      title: 'Roadmap',
      allDay: false,
      attendees: ['ann@example.com', 'me@example.com'],
      source: 'calendar',
      busy: true,
    });
    await updateSettings(db, (s) => ({ ...s, selfAddresses: ['me@example.com'] }));
    expect(await recordStartedMeetings(db, NOW, 30 * 86_400_000)).toBe(0);
    expect(await recordStartedMeetings(db, start + 60_000, 30 * 86_400_000)).toBe(1);
    expect(await recordStartedMeetings(db, start + 120_000, 30 * 86_400_000)).toBe(0);
    const items = (await readHistory(db, 'ann@example.com'))?.items ?? [];
    // The key the Calendar page gives when the dialog is open during the meeting: the two never add up.
    expect(items).toEqual([expect.objectContaining({ key: 'calendar:ev1:ann@example.com', direction: 'meeting' })]);
    expect(await readHistory(db, 'me@example.com')).toBeUndefined();
  });
});

describe('nudge-action on a promise', () => {
  it('Done closes the promise itself, so the sidebar no longer lists it', async () => {
    const db = freshDb();
    await db.promises.put({
      id: 'p1',
      threadKey: 'me@example.com/t1',
      messageId: 'm1',
      contacts: ['ann@example.com'],
      text: "I'll send the deck by Friday",
      madeAt: NOW - 86_400_000,
      status: 'open',
      suggestDone: false,
    });
    const handlers = createHandlers({ db, now: () => NOW, changed: () => {} });
    expect(await dispatch({ type: 'nudge-action', key: 'promise:p1', action: 'done' }, handlers)).toMatchObject({
      ok: true,
    });
    expect((await db.promises.get('p1'))?.status).toBe('done');
    expect(await openPromises(db)).toEqual([]);
  });
});

describe('refresh', () => {
  it('an address the user has just listed as theirs stops being a contact, in any Gmail spelling', async () => {
    const db = freshDb();
    const dana = normalizeEmail('dana.reyes@gmail.com') as string;
    await db.contacts.bulkPut([newContact(dana, 'Dana', NOW), newContact('ann@example.com', 'Ann', NOW)]);
    await writeHistories(db, [{ contact: dana, items: [] }]);
    await updateSettings(db, (s) => ({ ...s, selfAddresses: ['Dana.Reyes+work@googlemail.com'] }));
    const handlers = createHandlers({ db, now: () => NOW, changed: () => {} });
    expect(await dispatch({ type: 'refresh' }, handlers)).toMatchObject({ ok: true });
    expect((await db.contacts.toArray()).map((c) => c.email)).toEqual(['ann@example.com']);
    expect(await readHistory(db, dana)).toBeUndefined();
  });
});

describe('a change the user made, on a full disk', () => {
  it('is answered in words, told to the banners as a person change, changes nothing, and clears once saved', async () => {
    const db = freshDb();
    const disk = { usage: 1_000_000, quota: 100_000_000 };
    db.estimateRoom = async () => disk;
    const told: string[] = [];
    const handlers = createHandlers({
      db,
      now: () => NOW,
      changed: () => {},
      saves: {
        failed: (f) => told.push(`failed ${f.kind} ${f.reason}: ${f.notSaved}`),
        saved: (kind) => told.push(`saved ${kind}`),
      },
    });
    const touch = { type: 'log-touch', contact: 'ann@example.com', kind: 'call', at: NOW - 3_600_000 } as const;
    const snooze = { type: 'nudge-action', key: 'contact:ann@example.com', action: 'mute' } as const;
    disk.quota = disk.usage + 1_000_000;
    for (const msg of [touch, snooze]) {
      const reply = await dispatch(msg, handlers);
      expect(reply).toMatchObject({ ok: false, reason: 'disk-full' });
      expect((reply as { error: string }).error).toMatch(/^Tend could not save: the disk is full \(not saved: /);
    }
    expect(told).toEqual([
      'failed contact disk-full: a touch with ann@example.com',
      'failed contact disk-full: your mute on a nudge',
    ]);
    expect(await allHistories(db).then((h) => h.length)).toBe(0);
    expect(await db.nudgeState.count()).toBe(0);
    disk.quota = 100_000_000;
    expect(await dispatch(touch, handlers)).toMatchObject({ ok: true });
    expect(told.at(-1)).toBe('saved contact');
    expect(await allHistories(db).then((h) => h.length)).toBe(1);
  });
});

describe('touches logged by hand', () => {
  it('a new touch must say what it was; an edit without a kind keeps the one it has; Undo puts it back as it was', async () => {
    const db = freshDb();
    const handlers = createHandlers({ db, now: () => NOW, changed: () => {} });
    const contact = 'ann@example.com';
    expect(await dispatch({ type: 'log-touch', contact, at: NOW - 3_600_000 }, handlers)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Say what the touch was/),
    });
    expect(await allHistories(db).then((h) => h.length)).toBe(0);
    // A backup's touch logged by hand, with no kind: a message the user wrote.
    const kindless = { key: 'manual:old-1', at: NOW - 86_400_000, direction: 'sent', source: 'manual' } as const;
    await writeHistories(db, [{ contact, items: [kindless] }]);
    await db.contacts.put(newContact(contact, 'Ann', NOW));
    const edit = { type: 'log-touch', contact, key: kindless.key, at: kindless.at, note: 'Flowers' } as const;
    expect(await dispatch(edit, handlers)).toMatchObject({ ok: true });
    const edited = { ...kindless, note: 'Flowers' };
    expect((await readHistory(db, contact))?.items).toEqual([edited]);
    expect(await dispatch({ type: 'delete-touch', contact, key: kindless.key }, handlers)).toMatchObject({ ok: true });
    expect((await readHistory(db, contact))?.items ?? []).toEqual([]);
    expect(await dispatch({ type: 'restore-touch', contact, touch: edited }, handlers)).toMatchObject({ ok: true });
    expect(await dispatch({ type: 'restore-touch', contact, touch: edited }, handlers)).toMatchObject({ ok: true });
    expect((await readHistory(db, contact))?.items).toEqual([edited]);
    expect((await db.contacts.get(contact))?.summary).toMatchObject({ count: 1, sent: 1, meetings: 0 });
    // A captured touch is what Gmail said: it cannot be slipped in through Undo.
    const captured = { key: 'gmail:msg:x', at: NOW - 7_200_000, direction: 'sent', source: 'gmail' } as const;
    expect(await dispatch({ type: 'restore-touch', contact, touch: captured }, handlers)).toMatchObject({ ok: false });
    expect((await readHistory(db, contact))?.items).toEqual([edited]);
  });
});

describe('import-contacts', () => {
  it('tells the safety copy and sync (the layer) what the file gave the user, as a backup import does', async () => {
    const db = freshDb();
    let edits = 0;
    const layer = {
      edited: () => {
        edits++;
      },
      status: async () => ({}) as never,
      setSyncEnabled: async () => ({}) as never,
      forget: async () => undefined,
    };
    const handlers = createHandlers({ db, now: () => NOW, changed: () => {}, layer: layer as never });
    const card =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\nBDAY:1990-04-02\r\nEND:VCARD\r\n';
    const r = await dispatch({ type: 'import-contacts', text: card, fileName: 'ann.vcf' }, handlers);
    expect(r).toMatchObject({ ok: true });
    expect((await db.contacts.get('ann@example.com'))?.dates).toHaveLength(1);
    expect(edits).toBe(1);
  });
});
