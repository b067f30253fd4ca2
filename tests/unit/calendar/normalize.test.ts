// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCalendarPage } from '../../../lib/capture/calendar-extract';
import { CalendarEvent, DEFAULT_SETTINGS, Interaction } from '../../../lib/core/model';
import { normalizeCalendarCapture } from '../../../lib/ingest/calendar-normalize';
import type { CalendarCapture } from '../../../lib/ingest/raw';

const dir = join(__dirname, '../../fixtures/calendar');
const capture = (file: string, lang = 'en'): CalendarCapture => {
  const doc = new DOMParser().parseFromString(
    readFileSync(join(dir, file), 'utf8'),
    'text/html',
  ) as unknown as Document;
  const page = parseCalendarPage(doc, 'https://calendar.google.com/calendar/u/0/r/week/2024/6/10');
  return { batchId: 'b1', account: 'ana.example@gmail.com', lang, ...page };
};
const ctx = (over: Partial<Parameters<typeof normalizeCalendarCapture>[1]> = {}) => ({
  now: new Date(2024, 5, 20),
  knownContacts: new Set(['bo.berg@acme.com']),
  settings: DEFAULT_SETTINGS,
  selfAddresses: [],
  ...over,
});

describe('normalizeCalendarCapture', () => {
  it('turns week chips into valid events keyed by event id and instance', () => {
    const r = normalizeCalendarCapture(capture('week.html'), ctx());
    expect(r.unreadable).toBe(0);
    expect(r.events.map((e) => e.id)).toEqual([
      'holiday0612',
      'standup001',
      'lunchbo0001',
      'weekly1on1_20240611T140000Z',
      'overnight01',
      'review0042',
    ]);
    for (const e of r.events) expect(() => CalendarEvent.parse(e)).not.toThrow();
    const overnight = r.events.find((e) => e.id === 'overnight01')!;
    expect(new Date(overnight.start)).toEqual(new Date(2024, 5, 13, 22));
    expect(new Date(overnight.end)).toEqual(new Date(2024, 5, 14, 2));
    // An all-day chip (a holiday) is free, as in Google Calendar; timed events are busy.
    expect(r.events[0]).toMatchObject({ allDay: true, busy: false, calendar: 'ana.example@gmail.com' });
    expect(r.events.slice(1).every((e) => e.busy && !e.allDay)).toBe(true);
    expect(r.interactions).toEqual([]);
  });

  it('records one meeting per known guest from the open dialog, same key every time', () => {
    const c = capture('dialog.html');
    const r1 = normalizeCalendarCapture(c, ctx());
    const r2 = normalizeCalendarCapture(c, ctx());
    expect(r1.interactions).toEqual([
      {
        key: 'calendar:weekly1on1_20240611T140000Z:bo.berg@acme.com',
        contact: 'bo.berg@acme.com',
        at: new Date(2024, 5, 11, 16).getTime(),
        direction: 'meeting',
        source: 'calendar',
        eventId: 'weekly1on1_20240611T140000Z',
        subject: 'Weekly 1:1',
        account: 'anaexample@gmail.com',
      },
    ]);
    expect(r2.interactions).toEqual(r1.interactions);
    for (const i of r1.interactions) expect(() => Interaction.parse(i)).not.toThrow();
    const ev = r1.events.find((e) => e.id === 'weekly1on1_20240611T140000Z')!;
    expect(ev.attendees).toContain('cleo@example.org');
  });

  it('records any person guest when allowed, never self, rooms or robots', () => {
    const r = normalizeCalendarCapture(
      capture('dialog.html'),
      ctx({ settings: { ...DEFAULT_SETTINGS, meetingsWithAnyGuest: true } }),
    );
    expect(r.interactions.map((i) => i.contact).sort()).toEqual(['bo.berg@acme.com', 'cleo@example.org']);
  });

  it.each([
    ['a list by domain pattern', { robotRules: ['*@acme.com'] }],
    ['an ignored address', { ignoredAddresses: ['bo.berg@acme.com'] }],
    ['an ignored domain', { ignoredDomains: ['acme.com'] }],
    ["one of the user's own addresses", { selfAddresses: ['bo.berg@acme.com'] }],
  ])('follows the mail rules for who is a person: %s is no meeting contact', (_, over) => {
    const r = normalizeCalendarCapture(
      capture('dialog.html'),
      ctx({ settings: { ...DEFAULT_SETTINGS, meetingsWithAnyGuest: true, ...over } }),
    );
    expect(r.interactions.map((i) => i.contact)).toEqual(['cleo@example.org']);
  });

  it('gives no interaction for a meeting that has not started', () => {
    const r = normalizeCalendarCapture(capture('dialog.html'), ctx({ now: new Date(2024, 5, 11, 15) }));
    expect(r.interactions).toEqual([]);
  });

  it('counts unreadable chips and says so in the health', () => {
    const c = capture('week.html');
    c.chips[1] = { ...c.chips[1]!, label: 'garbled', timeText: undefined };
    c.chips[2] = { ...c.chips[2]!, eventIdRaw: '!!' };
    const r = normalizeCalendarCapture(c, ctx());
    expect(r.unreadable).toBe(2);
    expect(r.health.problem).toMatch(/2 of 6/);
    const all = capture('week.html');
    all.chips = all.chips.map((ch) => ({ ...ch, label: 'x', timeText: undefined }));
    expect(normalizeCalendarCapture(all, ctx()).health.recognised).toBe(false);
  });
});
