// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDateKey, parseCalendarPage, readAccount, viewFromUrl } from '../../../lib/capture/calendar-extract';
import { DEFAULT_SETTINGS } from '../../../lib/core/model';
import { decodeEventId } from '../../../lib/ingest/calendar-event-id';
import { parseChipLabel } from '../../../lib/ingest/calendar-labels';
import { normalizeCalendarCapture } from '../../../lib/ingest/calendar-normalize';

const dir = join(__dirname, '../../fixtures/calendar');
const load = (name: string) =>
  new DOMParser().parseFromString(readFileSync(join(dir, name), 'utf8'), 'text/html') as unknown as Document;
const now = new Date(2024, 5, 12, 12);

describe('parseCalendarPage', () => {
  it('reads the week view: ids, labels, column dates, all-day', () => {
    const page = parseCalendarPage(load('week.html'), 'https://calendar.google.com/calendar/u/0/r/week/2024/6/10');
    expect(page.view).toBe('week');
    expect(page.health).toEqual({ recognised: true, hasContent: true });
    expect(page.chips).toHaveLength(6);
    const ids = page.chips.map((c) => decodeEventId(c.eventIdRaw)?.eventId);
    expect(ids).toEqual(['holiday0612', 'standup001', 'lunchbo0001', 'weekly1on1', 'overnight01', 'review0042']);
    const standup = page.chips[1]!;
    expect(standup).toMatchObject({ columnDate: '2024-06-10', allDay: false, timeText: '9 – 9:15am' });
    expect(standup.label).toBe('9am to 9:15am, Standup, Ana Example, Accepted, No location, June 10, 2024');
    expect(page.chips[0]).toMatchObject({ allDay: true, columnDate: '2024-06-12' });
    expect(page.dialog).toBeUndefined();
  });

  it('gives every week chip the right start and end once its label is parsed', () => {
    const page = parseCalendarPage(load('week.html'), 'https://calendar.google.com/calendar/u/0/r/week/2024/6/10');
    const parsed = page.chips.map((c) =>
      parseChipLabel(c.label, { now, lang: 'en', columnDate: c.columnDate, timeText: c.timeText }),
    );
    const iso = (d: Date) => [d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()].join('/');
    expect(parsed.map((p) => p && `${iso(p.start)}-${iso(p.end)} ${p.title}${p.allDay ? ' (all day)' : ''}`)).toEqual([
      '6/12/0/0-6/13/0/0 Team offsite (all day)',
      '6/10/9/0-6/10/9/15 Standup',
      '6/10/12/30-6/10/13/30 Lunch with Bo',
      '6/11/16/0-6/11/17/0 Weekly 1:1',
      '6/13/22/0-6/14/2/0 Deploy window',
      '6/14/15/0-6/14/15/30 Design review',
    ]);
  });

  it('reads the day view (German, 24 h)', () => {
    const page = parseCalendarPage(load('day.html'), 'https://calendar.google.com/calendar/u/0/r/day/2024/6/12');
    expect(page.view).toBe('day');
    expect(page.chips.map((c) => c.columnDate)).toEqual(['2024-06-12', '2024-06-12']);
    const p = parseChipLabel(page.chips[1]!.label, { now, lang: 'de' });
    expect(p!.start).toEqual(new Date(2024, 5, 12, 13));
    expect(p!.title).toBe('Fokuszeit');
  });

  it('reads the month view (cells without column index are not all-day by position)', () => {
    const page = parseCalendarPage(load('month.html'), 'https://calendar.google.com/calendar/u/0/r/month/2024/6/1');
    expect(page.view).toBe('month');
    expect(page.chips.map((c) => [c.columnDate, c.allDay])).toEqual([
      ['2024-06-03', false],
      ['2024-06-14', false],
      ['2024-06-20', false],
    ]);
    const conf = parseChipLabel(page.chips[2]!.label, { now, lang: 'en-GB' });
    expect(conf!.allDay).toBe(true);
    expect(decodeEventId(page.chips[2]!.eventIdRaw)).toEqual({
      eventId: 'm0000000003',
      instance: '20240620',
      calendar: 'ana.example@gmail.com',
    });
  });

  it('reads the schedule view from body[data-viewkey] when the URL has no view', () => {
    const page = parseCalendarPage(load('schedule.html'), 'https://calendar.google.com/calendar/u/0/r');
    expect(page.view).toBe('schedule');
    expect(page.health.recognised).toBe(true);
    expect(page.chips.map((c) => c.columnDate)).toEqual(['2024-06-10', '2024-06-11', '2024-06-11']);
  });

  it('ignores the outgoing week during a switch animation', () => {
    const page = parseCalendarPage(
      load('week-switching.html'),
      'https://calendar.google.com/calendar/u/0/r/week/2024/6/10',
    );
    expect(page.chips.map((c) => decodeEventId(c.eventIdRaw)?.eventId)).not.toContain('oldweek0001');
    expect(page.chips).toHaveLength(6);
  });

  it('picks the grid that holds the URL date when both weeks are visible', () => {
    const doc = load('week-switching.html');
    for (const g of Array.from(doc.querySelectorAll('[aria-hidden="true"][role="grid"]')))
      g.removeAttribute('aria-hidden');
    const toOld = parseCalendarPage(doc, 'https://calendar.google.com/calendar/u/0/r/week/2024/6/4');
    expect(toOld.chips.map((c) => decodeEventId(c.eventIdRaw)?.eventId)).toEqual(['oldweek0001']);
    const toNew = parseCalendarPage(doc, 'https://calendar.google.com/calendar/u/0/r/week/2024/6/12');
    expect(toNew.chips).toHaveLength(6);
  });

  it('reads the open dialog guests', () => {
    const page = parseCalendarPage(load('dialog.html'), 'https://calendar.google.com/calendar/u/0/r/week/2024/6/10');
    expect(page.dialog?.title).toBe('Weekly 1:1');
    expect(decodeEventId(page.dialog?.eventIdRaw)?.eventId).toBe('weekly1on1');
    expect(page.dialog?.guests).toEqual([
      { email: 'ana.example@gmail.com', name: 'Ana Example' },
      { email: 'bo.berg@acme.com', name: 'Bo Berg' },
      { email: 'Cleo@Example.org', name: 'Cleo Park' },
      { email: 'room-4@resource.calendar.google.com', name: 'Room 4' },
      { email: 'no-reply@acme.com', name: 'Acme Bot' },
    ]);
    expect(page.chips).toHaveLength(6); // dialog ids are not chips
  });

  it('reports an unrecognised page instead of throwing', () => {
    const doc = new DOMParser().parseFromString(
      '<html><body><p>Loading…</p></body></html>',
      'text/html',
    ) as unknown as Document;
    const page = parseCalendarPage(doc, 'https://calendar.google.com/calendar/u/0/r/week');
    expect(page.health.recognised).toBe(false);
    expect(page.health.problem).toMatch(/main region/);
  });

  it('reads the account, URL views and date keys', () => {
    expect(readAccount(load('week.html'))).toBe('ana.example@gmail.com');
    expect(viewFromUrl('https://calendar.google.com/calendar/u/1/r/customday/2024/6/10')).toEqual({
      view: 'customday',
      date: '2024-06-10',
    });
    expect(viewFromUrl('not a url')).toEqual({});
    expect(decodeDateKey(String(((2024 - 1970) << 9) | (6 << 5) | 10))).toBe('2024-06-10');
    expect(decodeDateKey('2024-06-10')).toBe('2024-06-10');
    expect(decodeDateKey('garbage')).toBeUndefined();
  });
});

describe('the custom days view (4 days, Tue 11 - Fri 14 June 2024)', () => {
  const URL = 'https://calendar.google.com/calendar/u/0/r/customday/2024/6/11';
  const ids = (page: ReturnType<typeof parseCalendarPage>) =>
    page.chips.map((c) => decodeEventId(c.eventIdRaw)?.eventId);
  /** Local wall-clock time, as the labels are read (the runtime's zone is the zone Calendar shows). */
  const at = (d: number, h = 0, m = 0) => new Date(2024, 5, d, h, m);

  it('reads the view from the URL, or from body[data-viewkey] when the URL names none', () => {
    const page = parseCalendarPage(load('customdays.html'), URL);
    expect(page.view).toBe('customday');
    expect(page.health).toEqual({ recognised: true, hasContent: true });
    expect(parseCalendarPage(load('customdays.html'), 'https://calendar.google.com/calendar/u/0/r').view).toBe(
      'customday',
    );
  });

  it('reads every chip with its column date; the all-day row gives no column index', () => {
    const page = parseCalendarPage(load('customdays.html'), URL);
    expect(ids(page)).toEqual([
      'holiday0612',
      'hiking00614',
      'oncall00610',
      'coffeepl001',
      'weekly1on1',
      'sprintpl012',
      'lunchmara13',
      'overnight01',
      'review0042',
    ]);
    expect(page.chips.map((c) => [c.columnDate, c.allDay])).toEqual([
      ['2024-06-12', true],
      ['2024-06-14', true], // a 46-hour timed event: Calendar draws it in the all-day row
      ['2024-06-11', false], // began the evening before the first column
      ['2024-06-11', false],
      ['2024-06-11', false],
      ['2024-06-12', false],
      ['2024-06-13', false],
      ['2024-06-13', false],
      ['2024-06-14', false],
    ]);
    expect(decodeEventId(page.chips[4]!.eventIdRaw)?.instance).toBe('20240611T140000Z');
    expect(page.chips[5]).toMatchObject({ timeText: '11:45am – 12:15pm' });
  });

  it('gives every chip its start and end, also those that begin or end outside the four days', () => {
    const page = parseCalendarPage(load('customdays.html'), URL);
    const got = page.chips.map((c) => {
      const p = parseChipLabel(c.label, { now, lang: 'en', columnDate: c.columnDate, timeText: c.timeText });
      return p && { start: p.start, end: p.end, title: p.title, allDay: p.allDay };
    });
    expect(got).toEqual([
      { start: at(12), end: at(13), title: 'Team offsite', allDay: true },
      { start: at(14, 18), end: at(16, 16), title: 'Hiking weekend', allDay: false },
      { start: at(10, 21), end: at(11, 7), title: 'On-call handover', allDay: false },
      { start: at(11, 8, 30), end: at(11, 9, 15), title: 'Coffee with Priya Lindqvist', allDay: false },
      { start: at(11, 16), end: at(11, 17), title: 'Weekly 1:1', allDay: false },
      { start: at(12, 11, 45), end: at(12, 12, 15), title: 'Sprint planning', allDay: false },
      { start: at(13, 12), end: at(13, 13), title: 'Lunch with Mara Voss', allDay: false },
      { start: at(13, 22), end: at(14, 2), title: 'Deploy window', allDay: false },
      { start: at(14, 15), end: at(14, 15, 30), title: 'Design review', allDay: false },
    ]);
  });

  const normalized = () => {
    const doc = load('customdays.html');
    const page = parseCalendarPage(doc, URL);
    return normalizeCalendarCapture(
      {
        batchId: 'customdays',
        account: readAccount(doc),
        view: page.view,
        lang: doc.documentElement.lang,
        chips: page.chips,
        health: page.health,
      },
      { now, knownContacts: new Set(), settings: DEFAULT_SETTINGS, selfAddresses: [] },
    );
  };

  it('normalizes the capture into events at the right instants, timed ones busy, the all-day one free', () => {
    const n = normalized();
    expect(n.unreadable).toBe(0);
    expect(n.health).toEqual({ recognised: true, hasContent: true });
    const byId = Object.fromEntries(n.events.map((e) => [e.id, e]));
    const timed: [id: string, start: Date, end: Date][] = [
      ['oncall00610', at(10, 21), at(11, 7)],
      ['coffeepl001', at(11, 8, 30), at(11, 9, 15)],
      ['weekly1on1_20240611T140000Z', at(11, 16), at(11, 17)],
      ['sprintpl012', at(12, 11, 45), at(12, 12, 15)],
      ['lunchmara13', at(13, 12), at(13, 13)],
      ['overnight01', at(13, 22), at(14, 2)],
      ['review0042', at(14, 15), at(14, 15, 30)],
    ];
    for (const [id, start, end] of timed)
      expect(byId[id], id).toMatchObject({ start: start.getTime(), end: end.getTime(), allDay: false, busy: true });
    expect(byId.holiday0612).toMatchObject({
      start: at(12).getTime(),
      end: at(13).getTime(),
      allDay: true,
      busy: false,
    });
    expect(n.events).toHaveLength(9);
    expect(n.interactions).toEqual([]);
  });

  // Calendar draws events of 24 hours or more in the all-day row; the label's times decide, not the row (the
  // row once won, storing the event as all-day and free, and slots were offered in the middle of it).
  it('keeps a timed event of 24 hours or more busy though Calendar draws it in the all-day row', () => {
    const hiking = normalized().events.find((e) => e.id === 'hiking00614');
    expect(hiking).toMatchObject({
      start: at(14, 18).getTime(),
      end: at(16, 16).getTime(),
      allDay: false,
      busy: true,
    });
  });
});
