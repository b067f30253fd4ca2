// @vitest-environment happy-dom
/**
 * Which days Tend has seen the calendar for: the date range each Calendar view shows (read by the content
 * script's extractor, carried by the queue), written by the background's ingest into the coverage record, and
 * the days an .ics import covers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCalendarPage } from '@/lib/capture/calendar-extract';
import { CalendarQueue } from '@/lib/capture/calendar-queue';
import { normalizeEmail } from '@/lib/core/email';
import { calendarWeekUrl } from '@/lib/core/gmail-links';
import { ingestCalendar } from '@/lib/ingest/ingest';
import { dispatch } from '@/lib/ingest/messages';
import type { CalendarCapture } from '@/lib/ingest/raw';
import { createHandlers } from '@/lib/ingest/router';
import { addCoverage, COVERAGE_KEY, ICS_SOURCE, readCoverage, seenDays } from '@/lib/store/calendar-coverage';
import { updateSettings } from '@/lib/store/settings';
import { civilDayNumber } from '@/lib/time/zoned-time';
import { freshDb } from '../store/helpers';

const dir = join(__dirname, '../../fixtures/calendar');
const load = (name: string) =>
  new DOMParser().parseFromString(readFileSync(join(dir, name), 'utf8'), 'text/html') as unknown as Document;
const CAL = 'https://calendar.google.com/calendar/u/0/r';
const ANA = 'ana.example@gmail.com';
const june = (d: number) => civilDayNumber(2024, 6, d);

describe('the days a Calendar view shows', () => {
  it.each([
    ['week.html', `${CAL}/week/2024/6/10`, { from: '2024-06-10', to: '2024-06-16' }],
    ['day.html', `${CAL}/day/2024/6/12`, { from: '2024-06-12', to: '2024-06-12' }],
    ['customdays.html', `${CAL}/customday/2024/6/11`, { from: '2024-06-11', to: '2024-06-14' }],
    ['month.html', `${CAL}/month/2024/6/1`, { from: '2024-06-03', to: '2024-07-07' }],
    ['schedule.html', CAL, { from: '2024-06-10', to: '2024-06-11' }],
    // Mid-switch: the incoming week, not the outgoing one under aria-hidden.
    ['week-switching.html', `${CAL}/week/2024/6/10`, { from: '2024-06-10', to: '2024-06-16' }],
  ])('%s shows %s', (file, url, shown) => {
    expect(parseCalendarPage(load(file), url).shown).toEqual(shown);
  });

  it('claims no days for the year view or a page it does not recognise', () => {
    expect(parseCalendarPage(load('week.html'), `${CAL}/year/2024/6/10`).shown).toBeUndefined();
    const blank = new DOMParser().parseFromString('<html><body><p>Loading</p></body></html>', 'text/html');
    expect(parseCalendarPage(blank as unknown as Document, `${CAL}/week/2024/6/10`).shown).toBeUndefined();
  });

  it('sends a range once, and a new range even when it brings no new chip', async () => {
    const sent: CalendarCapture[] = [];
    const q = new CalendarQueue({
      send: async (c) => {
        sent.push(c);
        return { ok: true };
      },
      newId: () => `b${sent.length}`,
      schedule: () => {},
    });
    const week = parseCalendarPage(load('week.html'), `${CAL}/week/2024/6/10`);
    const flush = () => new Promise((r) => setTimeout(r, 0));
    q.offer(week, { account: ANA, lang: 'en' });
    await flush();
    q.offer(week, { account: ANA, lang: 'en' });
    // The same chips, a week further on (an empty week would look like this: nothing new but the days).
    q.offer({ ...week, shown: { from: '2024-06-17', to: '2024-06-23' } }, { account: ANA, lang: 'en' });
    await flush();
    expect(sent.map((c) => [c.shown, c.chips.length])).toEqual([
      [{ from: '2024-06-10', to: '2024-06-16' }, 6],
      [{ from: '2024-06-17', to: '2024-06-23' }, 0],
    ]);
  });
});

describe('the coverage record', () => {
  const capture = (file: string, url: string, account = ANA): CalendarCapture => {
    const page = parseCalendarPage(load(file), url);
    return {
      batchId: file,
      account,
      view: page.view,
      lang: 'en',
      chips: page.chips,
      health: page.health,
      ...(page.shown ? { shown: page.shown } : {}),
    };
  };
  const NOW = Date.UTC(2024, 5, 12, 10);

  it('keeps the days each view showed, per account, merged, and remembers the account for the link', async () => {
    const db = freshDb();
    await updateSettings(db, (s) => ({ ...s, timeZone: 'Europe/Berlin' }));
    await ingestCalendar(db, capture('week.html', `${CAL}/week/2024/6/10`), NOW);
    await ingestCalendar(db, capture('customdays.html', `${CAL}/customday/2024/6/11`), NOW);
    await ingestCalendar(db, capture('day.html', `${CAL}/day/2024/6/12`, ''), NOW);
    const c = await readCoverage(db);
    // Accounts as the store names them (lib/core/email: Gmail ignores dots).
    const ana = normalizeEmail(ANA)!;
    expect(c).toEqual({ bySource: { [ana]: [[june(10), june(16)]], '': [[june(12), june(12)]] }, lastAccount: ana });
    // A week further on joins the same range; the stored record stays a few numbers.
    const later = capture('week.html', `${CAL}/week/2024/6/10`);
    await ingestCalendar(db, { ...later, chips: [], shown: { from: '2024-06-17', to: '2024-06-23' } }, NOW);
    expect((await readCoverage(db)).bySource[ana]).toEqual([[june(10), june(23)]]);
    expect(JSON.stringify((await db.kv.get(COVERAGE_KEY))?.value).length).toBeLessThan(120);
  });

  it('does not call a day seen when a chip on the page could not be read, or the range is not a real date', async () => {
    const db = freshDb();
    const week = capture('week.html', `${CAL}/week/2024/6/10`);
    const broken = { ...week, chips: [...week.chips, { eventIdRaw: '!!', label: 'gibberish', allDay: false }] };
    const r = await ingestCalendar(db, broken, NOW);
    expect(r.held).toBe(1);
    await ingestCalendar(db, { ...week, shown: { from: '2024-02-30', to: '2024-03-05' } }, NOW);
    await ingestCalendar(db, { ...week, shown: { from: '2024-06-10', to: '2025-06-10' } }, NOW);
    expect(seenDays(await readCoverage(db))).toEqual([]);
    // The events themselves were stored as always.
    expect(await db.events.count()).toBe(6);
  });

  it('stays small: past 64 separate ranges for one account, those that end earliest go', async () => {
    const db = freshDb();
    for (let i = 0; i < 100; i++) await addCoverage(db, ANA, [[i * 10, i * 10 + 6]]);
    const kept = (await readCoverage(db)).bySource[ANA]!;
    expect(kept).toHaveLength(64);
    expect(kept[0]).toEqual([360, 366]);
    expect(kept.at(-1)).toEqual([990, 996]);
    expect(JSON.stringify((await db.kv.get(COVERAGE_KEY))?.value).length).toBeLessThan(1200);
  });

  it('reads a malformed record as empty rather than trusting it', async () => {
    const db = freshDb();
    await db.kv.put({ key: COVERAGE_KEY, value: { bySource: { [ANA]: [[5, 1], 'x', [3, 4]], b: 'no' } } });
    expect(await readCoverage(db)).toEqual({ bySource: { [ANA]: [[3, 4]] } });
    await db.kv.put({ key: COVERAGE_KEY, value: 'garbage' });
    expect(await readCoverage(db)).toEqual({ bySource: {} });
  });

  it('links an unseen week to Calendar’s week view for the account', () => {
    expect(calendarWeekUrl(ANA, { year: 2026, month: 12, day: 7 })).toBe(
      'https://calendar.google.com/calendar/u/ana.example%40gmail.com/r/week/2026/12/7',
    );
    expect(calendarWeekUrl(undefined, { year: 2026, month: 12, day: 7 })).toBe(
      'https://calendar.google.com/calendar/u/0/r/week/2026/12/7',
    );
    expect(calendarWeekUrl('u/1', { year: 2027, month: 1, day: 4 })).toBe(
      'https://calendar.google.com/calendar/u/1/r/week/2027/1/4',
    );
  });
});

describe('the days an .ics import covers', () => {
  // Friday 27 November 2026, 14:30 UTC; Tend's window is a year back and 90 days ahead.
  const NOW = Date.UTC(2026, 10, 27, 14, 30);
  const day = (y: number, m: number, d: number) => civilDayNumber(y, m, d);
  const ics = (head: string[], body: string[]) =>
    `${['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...head, ...body, 'END:VCALENDAR'].join('\r\n')}\r\n`;
  const vevent = (uid: string, start: string, end: string, rrule?: string) => [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTART:${start}`,
    `DTEND:${end}`,
    ...(rrule ? [`RRULE:${rrule}`] : []),
    'SUMMARY:Busy',
    'END:VEVENT',
  ];
  async function importing(text: string) {
    const db = freshDb();
    await updateSettings(db, (s) => ({ ...s, timeZone: 'Europe/Berlin' }));
    const reply = await dispatch(
      { type: 'import-ics', text },
      createHandlers({ db, now: () => NOW, changed: () => {} }),
    );
    return { reply, covered: (await readCoverage(db)).bySource[ICS_SOURCE] };
  }

  it('covers from the first event to the last one', async () => {
    const { reply, covered } = await importing(
      ics(
        [],
        [
          ...vevent('a', '20261130T080000Z', '20261130T090000Z'),
          ...vevent('b', '20261210T230000Z', '20261211T000000Z'),
        ],
      ),
    );
    expect(reply).toMatchObject({ ok: true, counts: { events: 2 } });
    // 11 Dec 00:00 in Berlin is the last event's start: it runs to 01:00 there, so the 11th is covered.
    expect(covered).toEqual([[day(2026, 11, 30), day(2026, 12, 11)]]);
  });

  it('covers a repeating event without end up to its last occurrence inside the window', async () => {
    const { covered } = await importing(ics([], vevent('w', '20261102T080000Z', '20261102T090000Z', 'FREQ=WEEKLY')));
    // 90 days after Friday 27 Nov 2026 is Thursday 25 Feb 2027; the last Monday before it is the 22nd.
    expect(covered).toEqual([[day(2026, 11, 2), day(2027, 2, 22)]]);
  });

  it('covers the range an Outlook export was cut to, even where it has no event', async () => {
    const { covered } = await importing(
      ics(
        ['METHOD:PUBLISH', 'X-CALSTART:20261207T090000Z', 'X-CALEND:20261207T100000Z'],
        [
          'X-CLIPSTART:20261206T230000Z',
          'X-CLIPEND:20261213T230000Z',
          ...vevent('one', '20261207T090000Z', '20261207T100000Z'),
        ],
      ),
    );
    // Midnight to midnight in Berlin: Monday 7 to Sunday 13 December.
    expect(covered).toEqual([[day(2026, 12, 7), day(2026, 12, 13)]]);
  });

  it('covers nothing for an invitation, an empty calendar or a file it refuses', async () => {
    const invite = await importing(ics(['METHOD:REQUEST'], vevent('i', '20261201T090000Z', '20261201T100000Z')));
    expect(invite.reply).toMatchObject({ ok: true, counts: { events: 1 } });
    expect(invite.covered).toBeUndefined();
    expect((await importing(ics([], []))).covered).toBeUndefined();
    const refused = await importing('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n');
    expect(refused.reply).toMatchObject({ ok: false });
    expect(refused.covered).toBeUndefined();
  });
});
