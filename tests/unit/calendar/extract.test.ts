// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEventId } from '../../../lib/calendar/event-id';
import { decodeDateKey, parseCalendarPage, readAccount, viewFromUrl } from '../../../lib/calendar/extract';
import { parseChipLabel } from '../../../lib/calendar/labels';

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
