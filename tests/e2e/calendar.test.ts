/**
 * Google Calendar in the built extension: the invented week (Mon 10 - Sun 16 June 2024, English, 12 h) served at
 * Calendar's real address, in a browser whose time zone is the fixture's (Europe/Berlin: the recurring 1:1's
 * instance id says 14:00 UTC for its "4pm"). The export must hold every event at the right instant, the open
 * event dialog's guests, one `meeting` per known guest however often the event is seen, and free slots for a
 * contact that avoid every event. Then the custom days view (tests/fixtures/calendar/customdays.html) adds its
 * events, and the sidebar's "Find a time" (components/live/schedule-panel.tsx, reading db.events and the settings)
 * is opened with the page clock set inside the fixture week: every slot it shows must miss every captured event
 * and an imported one that began two days before and is still running.
 */
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/core/model';
import { findSlots } from '../../lib/scheduling/slots';
import { fixture, launchTend, leakedRequests, pageTabId, readKv, type Tend, until, writeKv } from './harness';

const TZ = 'Europe/Berlin';
const WEEK_URL = 'https://calendar.google.com/calendar/u/0/r/week/2024/6/10';
const CUSTOM_URL = 'https://calendar.google.com/calendar/u/0/r/customday/2024/6/11';

let tend: Tend;
let served = fixture('calendar/week.html');

beforeAll(async () => {
  tend = await launchTend({ timezoneId: TZ });
  await tend.serve('https://calendar.google.com/**', () => served);
});

afterAll(async () => {
  await tend?.close();
});

type ExportedEvent = {
  id: string;
  start: string;
  end: string;
  title: string;
  allDay: boolean;
  attendees: string[];
  busy?: boolean;
};
type Backup = {
  contacts: { email: string }[];
  interactions: { key: string; contact: string; at: string; direction: string; source: string; subject?: string }[];
  events: ExportedEvent[];
  settings?: Settings;
};

async function exported(): Promise<Backup> {
  const r = await tend.send({ type: 'export' });
  expect(r.ok).toBe(true);
  return r.backup;
}

/** Each fixture event (tests/fixtures/calendar/generate.py) at its known instant: Berlin in June is UTC+2. */
const WEEK: Record<string, [title: string, start: string, end: string, allDay: boolean]> = {
  standup001: ['Standup', '2024-06-10T07:00:00.000Z', '2024-06-10T07:15:00.000Z', false],
  lunchbo0001: ['Lunch with Bo', '2024-06-10T10:30:00.000Z', '2024-06-10T11:30:00.000Z', false],
  weekly1on1_20240611T140000Z: ['Weekly 1:1', '2024-06-11T14:00:00.000Z', '2024-06-11T15:00:00.000Z', false],
  holiday0612: ['Team offsite', '2024-06-11T22:00:00.000Z', '2024-06-12T22:00:00.000Z', true],
  overnight01: ['Deploy window', '2024-06-13T20:00:00.000Z', '2024-06-14T00:00:00.000Z', false],
  review0042: ['Design review', '2024-06-14T13:00:00.000Z', '2024-06-14T13:30:00.000Z', false],
};

/** The custom days view's own events (Tue 11 - Fri 14 June 2024; the others are the week's). */
const CUSTOM: Record<string, [title: string, start: string, end: string]> = {
  oncall00610: ['On-call handover', '2024-06-10T19:00:00.000Z', '2024-06-11T05:00:00.000Z'],
  coffeepl001: ['Coffee with Priya Lindqvist', '2024-06-11T06:30:00.000Z', '2024-06-11T07:15:00.000Z'],
  sprintpl012: ['Sprint planning', '2024-06-12T09:45:00.000Z', '2024-06-12T10:15:00.000Z'],
  lunchmara13: ['Lunch with Mara Voss', '2024-06-13T10:00:00.000Z', '2024-06-13T11:00:00.000Z'],
  // 46 hours, drawn in the all-day row: still a timed, busy event (its label has times).
  hiking00614: ['Hiking weekend', '2024-06-14T16:00:00.000Z', '2024-06-16T14:00:00.000Z'],
};

const BO = 'bo.berg@acme.com';
const CLEO = 'cleo@example.org';

/** Imports a small backup through the background, as Options would. */
async function importBackup(part: { contacts?: unknown[]; events?: unknown[] }): Promise<void> {
  const r = await tend.send({
    type: 'import',
    backup: {
      format: 'tend-backup',
      version: 1,
      exportedAt: new Date().toISOString(),
      contacts: part.contacts ?? [],
      interactions: [],
      ...(part.events ? { events: part.events } : {}),
    },
  });
  expect(r.ok, JSON.stringify(r.errors)).toBe(true);
}

/** Bo and Cleo are already contacts (as if met in Gmail): meetings with them count. */
async function knowBoAndCleo(): Promise<void> {
  await importBackup({
    contacts: [
      { email: BO, name: 'Bo Berg' },
      { email: CLEO, name: 'Cleo Park' },
    ],
  });
}

/**
 * The sidebar next to a Gmail thread with Bo, its clock (only Date; timers run) at `now`, with "Find a time"
 * open and at least three slots shown.
 */
async function findATimeWithBo(now: number) {
  const side = await tend.context.newPage();
  await side.clock.setFixedTime(now);
  await side.goto(`chrome-extension://${tend.extensionId}/sidepanel.html`);
  expect(await side.evaluate(() => Date.now())).toBe(now);
  await writeKv(tend, `tab:${await pageTabId(side)}`, {
    url: 'https://mail.google.com/mail/u/0/#inbox/18f0c0ffee',
    account: 'ana.example@gmail.com',
    threadKey: 'ana.example@gmail.com/18f0c0ffee',
    people: [BO],
    at: now,
  });
  await side.reload();
  const bo = side.getByRole('article', { name: 'Bo Berg' });
  await bo.getByRole('button', { name: 'Find a time' }).click();
  const rows = bo.getByRole('list', { name: 'Free slots' }).getByRole('listitem');
  await rows.nth(2).waitFor();
  return { side, bo, rows };
}

/** The link Tend offers to a week in Calendar, for the account the fixture shows (as the store names it). */
const weekLink = (y: number, m: number, d: number) =>
  `https://calendar.google.com/calendar/u/anaexample%40gmail.com/r/week/${y}/${m}/${d}`;

/** The sidebar's note of days not seen: each line's words, its link's name and address (thin spaces as spaces). */
async function unseenNote(card: ReturnType<Page['getByRole']>): Promise<[string, string, string][]> {
  const items = await card.getByRole('list', { name: 'Days Tend has not seen' }).getByRole('listitem').all();
  const flat = (s: string | null) => (s ?? '').replace(/[\u2009\u202f\s]+/g, ' ').trim();
  return Promise.all(
    items.map(async (li) => {
      const link = li.getByRole('link');
      return [
        flat(await li.locator('span').textContent()),
        flat(await link.textContent()),
        (await link.getAttribute('href')) ?? '',
      ] as [string, string, string];
    }),
  );
}

async function lastOk(): Promise<number> {
  const h = (await readKv(tend, 'health:calendar')) as { lastOkAt?: number } | undefined;
  return h?.lastOkAt ?? 0;
}

describe('a Calendar week', () => {
  let page: Page;

  it('exports every event of the week at its right start and end', async () => {
    await knowBoAndCleo();
    page = await tend.context.newPage();
    await page.goto(WEEK_URL);
    const b = await until(async () => {
      const x = await exported();
      return x.events.length >= Object.keys(WEEK).length ? x : undefined;
    }, 'the week’s events');
    const got = Object.fromEntries(b.events.map((e) => [e.id, [e.title, e.start, e.end, e.allDay]]));
    expect(got).toEqual(WEEK);
    // Chips carry no guests: nothing is a meeting yet.
    expect(b.interactions.filter((i) => i.direction === 'meeting')).toEqual([]);
  });

  it('reads the open event dialog: its guests, and one meeting per known guest, once', async () => {
    served = fixture('calendar/dialog.html');
    await page.reload();
    const b = await until(async () => {
      const x = await exported();
      return x.interactions.some((i) => i.direction === 'meeting') ? x : undefined;
    }, 'meetings from the dialog');
    const weekly = b.events.find((e) => e.id === 'weekly1on1_20240611T140000Z');
    expect(weekly?.attendees).toEqual(expect.arrayContaining([BO, CLEO]));
    const meetings = b.interactions.filter((i) => i.direction === 'meeting');
    expect(meetings.map((i) => [i.contact, i.at, i.subject]).sort()).toEqual([
      [BO, '2024-06-11T14:00:00.000Z', 'Weekly 1:1'],
      [CLEO, '2024-06-11T14:00:00.000Z', 'Weekly 1:1'],
    ]);
    // Not the user, not the room, not the robot.
    const emails = b.contacts.map((c) => c.email).sort();
    expect(emails).toEqual([BO, CLEO]);

    // Seen again (a reload): nothing new.
    const keys = b.interactions.map((i) => i.key).sort();
    const events = b.events.length;
    const before = await lastOk();
    await page.reload();
    await until(async () => (await lastOk()) > before, 'the capture after the reload');
    const again = await exported();
    expect(again.interactions.map((i) => i.key).sort()).toEqual(keys);
    expect(again.events).toHaveLength(events);
    expect(again.events.find((e) => e.id === 'weekly1on1_20240611T140000Z')?.attendees).toEqual(weekly?.attendees);
  });

  it('suggests free time with a contact that avoids every event and is never in the past', async () => {
    const b = await exported();
    const settings: Settings = b.settings ?? DEFAULT_SETTINGS;
    const busy = b.events.map((e) => ({
      start: Date.parse(e.start),
      end: Date.parse(e.end),
      title: e.title,
      attendees: e.attendees,
      allDay: e.allDay,
    }));
    // A fixed clock: Monday 10 June 2024, 08:00 in Berlin, so the whole fixture week is ahead.
    const now = Date.parse('2024-06-10T06:00:00.000Z');
    // The fixture's working week, with as many slots as the finder gives, so they fill the gaps between events.
    const week: Settings = { ...settings, slots: { ...settings.slots, horizonDays: 5 } };
    const { slots, reason } = findSlots({
      seen: 'all',
      busy,
      now,
      settings: week,
      timeZone: TZ,
      contact: { email: BO },
      count: 20,
    });
    expect(reason ?? '').not.toMatch(/no /i);
    expect(slots.length).toBeGreaterThan(3);
    const buffer = settings.slots.bufferMinutes * 60_000;
    for (const s of slots) {
      expect(s.start).toBeGreaterThanOrEqual(now);
      expect(s.end - s.start).toBe(settings.slots.minutes * 60_000);
      for (const e of busy) {
        const overlaps = s.start < e.end + buffer && s.end > e.start - buffer;
        expect(overlaps, `${new Date(s.start).toISOString()} overlaps ${e.title}`).toBe(false);
      }
    }
    // Right before or after the 1:1 Bo already shares.
    expect(slots.some((s) => s.moment === 'around-shared-meeting')).toBe(true);

    // And the default horizon (14 days): the top 3 avoid the events too.
    const top = findSlots({ seen: 'all', busy, now, settings, timeZone: TZ, contact: { email: BO } }).slots;
    expect(top).toHaveLength(3);
    for (const s of top) for (const e of busy) expect(s.start < e.end && s.end > e.start).toBe(false);
  });

  it('exports the custom days view’s events at their right start and end', async () => {
    served = fixture('calendar/customdays.html');
    await page.goto(CUSTOM_URL);
    const b = await until(async () => {
      const x = await exported();
      return Object.keys(CUSTOM).every((id) => x.events.some((e) => e.id === id)) ? x : undefined;
    }, 'the custom days’ events');
    const got = Object.fromEntries(
      b.events.filter((e) => e.id in CUSTOM).map((e) => [e.id, [e.title, e.start, e.end]]),
    );
    expect(got).toEqual(CUSTOM);
    const timed = b.events.filter((e) => e.id in CUSTOM);
    expect(timed.map((e) => [e.id, e.allDay, e.busy]).sort()).toEqual(
      Object.keys(CUSTOM)
        .map((id) => [id, false, true])
        .sort(),
    );
    // The events both views show are still one event each, and the 1:1 keeps the guests its dialog gave.
    expect(b.events).toHaveLength(Object.keys(WEEK).length + Object.keys(CUSTOM).length);
    expect(b.events.find((e) => e.id === 'weekly1on1_20240611T140000Z')?.attendees).toEqual(
      expect.arrayContaining([BO, CLEO]),
    );
  });

  it('shows in the sidebar’s “Find a time” only slots that miss every event, also one begun two days before', async () => {
    // A trade fair from Sunday 07:00 to Tuesday 15:30 (Berlin), as an .ics import would bring it: on Tuesday
    // 07:00, the panel's "now", it began two days ago and still runs until just before the 1:1 with Bo.
    await importBackup({
      events: [
        {
          id: 'tradefair-0609',
          start: '2024-06-09T05:00:00.000Z',
          end: '2024-06-11T13:30:00.000Z',
          title: 'Trade fair stand',
          allDay: false,
          attendees: [],
          source: 'ics',
          busy: true,
        },
      ],
    });
    const b = await exported();
    const fair = b.events.find((e) => e.id === 'tradefair-0609');
    expect(fair).toBeDefined();
    const settings: Settings = b.settings ?? DEFAULT_SETTINGS;
    const buffer = settings.slots.bufferMinutes * 60_000;

    // The sidebar next to a Gmail thread with Bo on Tue 11 June 2024, 07:00.
    const now = Date.parse('2024-06-11T05:00:00.000Z');
    const { side, bo, rows } = await findATimeWithBo(now);

    // What the panel shows: each slot's words, and the start and end its "Add to Google Calendar" link carries.
    const stamp = (s: string) =>
      Date.parse(s.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    const shown = await Promise.all(
      (await rows.all()).map(async (row) => {
        const href = (await row.getByRole('link', { name: 'Add to Google Calendar' }).getAttribute('href')) ?? '';
        const [start = '', end = ''] = (new URL(href).searchParams.get('dates') ?? '').split('/');
        return {
          start: stamp(start),
          end: stamp(end),
          when: ((await row.locator('.slot-when').textContent()) ?? '').replace(/\s+/g, ' '),
          why: (await row.locator('.slot-why').textContent()) ?? '',
        };
      }),
    );
    // Only the week of 10 June was shown in Calendar: the next working days are named, with a link to their week.
    expect(await unseenNote(bo)).toEqual([
      ['Tend has not seen your calendar for Jun 17 – 21.', 'Open Calendar for Jun 17 – 21', weekLink(2024, 6, 17)],
      ['Tend has not seen your calendar for Jun 24.', 'Open Calendar for Jun 24', weekLink(2024, 6, 24)],
    ]);
    await side.close();

    const busy = b.events.filter((e) => e.busy !== false);
    const words = (t: number) =>
      new Intl.DateTimeFormat('en-US', { weekday: 'short', day: 'numeric', month: 'short', timeZone: TZ }).format(t);
    for (const s of shown) {
      expect(s.start, JSON.stringify(s)).toBeGreaterThanOrEqual(now);
      expect(s.end - s.start).toBe(settings.slots.minutes * 60_000);
      // The words say the same day as the link.
      expect(s.when.startsWith(words(s.start)), `${s.when} / ${new Date(s.start).toISOString()}`).toBe(true);
      for (const e of busy) {
        const [start, end] = [Date.parse(e.start), Date.parse(e.end)];
        const hit = s.start < end + buffer && s.end > start - buffer;
        expect(hit, `${new Date(s.start).toISOString()} overlaps ${e.title}`).toBe(false);
      }
    }
    // Concretely (Berlin): Tuesday 17:15 right after the 1:1 Bo shares (15:20, right before it, is in the fair),
    // Wednesday 12:30 after Sprint planning, Friday 12:00 (Lunch with Mara takes Thursday's lunch).
    expect(shown.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString()])).toEqual([
      ['2024-06-11T15:15:00.000Z', '2024-06-11T15:45:00.000Z'],
      ['2024-06-12T10:30:00.000Z', '2024-06-12T11:00:00.000Z'],
      ['2024-06-14T10:00:00.000Z', '2024-06-14T10:30:00.000Z'],
    ]);
    expect(shown[0]?.why).toMatch(/^Right after “Weekly 1:1”/);

    // The check bites: without the running fair, the finder's best slot would sit inside it.
    const blocks = busy.map((e) => ({ ...e, start: Date.parse(e.start), end: Date.parse(e.end) }));
    const without = findSlots({
      seen: 'all',
      busy: blocks.filter((e) => e.id !== fair?.id),
      now,
      settings,
      timeZone: TZ,
      contact: { email: BO },
    }).slots;
    const inFair = (s: { start: number; end: number }) =>
      s.start < Date.parse(fair!.end) + buffer && s.end > Date.parse(fair!.start) - buffer;
    expect(without.some(inFair)).toBe(true);
  });

  it('gives slots in a week once Calendar has shown it, even a week without events', async () => {
    // The next week in Calendar: the same page, a week on, with no event in it.
    const nextWeek = fixture('calendar/week.html')
      .replace(/data-eventid=/g, 'data-was-eventid=')
      .replace(/data-datekey="(\d+)"/g, (_, k: string) => `data-datekey="${Number(k) + 7}"`);
    served = nextWeek;
    const cal = await tend.context.newPage();
    await cal.goto('https://calendar.google.com/calendar/u/0/r/week/2024/6/17');
    await until(async () => {
      const c = (await readKv(tend, 'calendar-coverage')) as { bySource: Record<string, number[][]> } | undefined;
      return JSON.stringify(c?.bySource ?? {}).includes(String(Date.UTC(2024, 5, 23) / 86_400_000)) || undefined;
    }, 'the week of 17 June seen');
    await cal.close();

    // The sidebar on Saturday 15 June: the week of the 17th now holds the slots, the one after is named.
    const now = Date.parse('2024-06-15T08:00:00.000Z');
    const { side, bo, rows } = await findATimeWithBo(now);
    const starts = await Promise.all(
      (await rows.all()).map(async (row) => {
        const href = (await row.getByRole('link', { name: 'Add to Google Calendar' }).getAttribute('href')) ?? '';
        return (new URL(href).searchParams.get('dates') ?? '').slice(0, 8);
      }),
    );
    expect(starts.length).toBe(3);
    for (const day of starts) expect(['20240617', '20240618', '20240619', '20240620', '20240621']).toContain(day);
    expect(await unseenNote(bo)).toEqual([
      ['Tend has not seen your calendar for Jun 24 – 28.', 'Open Calendar for Jun 24 – 28', weekLink(2024, 6, 24)],
    ]);
    await side.close();
  });

  it('sent nothing off the machine and logged no errors', () => {
    expect(tend.requests.some((u) => u.startsWith('https://calendar.google.com/'))).toBe(true);
    expect(leakedRequests(tend.requests)).toEqual([]);
    expect(tend.consoleErrors).toEqual([]);
  });
});
