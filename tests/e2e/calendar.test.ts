/**
 * Google Calendar in the built extension: the invented week (Mon 10 - Sun 16 June 2024, English, 12 h) served at
 * Calendar's real address, in a browser whose time zone is the fixture's (Europe/Berlin: the recurring 1:1's
 * instance id says 14:00 UTC for its "4pm"). The export must hold every event at the right instant, the open
 * event dialog's guests, one `meeting` per known guest however often the event is seen, and free slots for a
 * contact that avoid every event.
 */
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/model';
import { findSlots } from '../../lib/slots';
import { fixture, launchTend, leakedRequests, readKv, type Tend, until } from './harness';

const TZ = 'Europe/Berlin';
const WEEK_URL = 'https://calendar.google.com/calendar/u/0/r/week/2024/6/10';

let tend: Tend;
let served = fixture('calendar/week.html');

beforeAll(async () => {
  tend = await launchTend({ timezoneId: TZ });
  await tend.serve('https://calendar.google.com/**', () => served);
});

afterAll(async () => {
  await tend?.close();
});

type ExportedEvent = { id: string; start: string; end: string; title: string; allDay: boolean; attendees: string[] };
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

const BO = 'bo.berg@acme.com';
const CLEO = 'cleo@example.org';

/** Bo and Cleo are already contacts (as if met in Gmail): meetings with them count. */
async function knowBoAndCleo(): Promise<void> {
  const r = await tend.send({
    type: 'import',
    backup: {
      format: 'tend-backup',
      version: 1,
      exportedAt: new Date().toISOString(),
      contacts: [
        { email: BO, name: 'Bo Berg' },
        { email: CLEO, name: 'Cleo Park' },
      ],
      interactions: [],
    },
  });
  expect(r.ok).toBe(true);
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
    const { slots, reason } = findSlots({ busy, now, settings: week, timeZone: TZ, contact: { email: BO }, count: 20 });
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
    const top = findSlots({ busy, now, settings, timeZone: TZ, contact: { email: BO } }).slots;
    expect(top).toHaveLength(3);
    for (const s of top) for (const e of busy) expect(s.start < e.end && s.end > e.start).toBe(false);
  });

  it('sent nothing off the machine and logged no errors', () => {
    expect(tend.requests.some((u) => u.startsWith('https://calendar.google.com/'))).toBe(true);
    expect(leakedRequests(tend.requests)).toEqual([]);
    expect(tend.consoleErrors).toEqual([]);
  });
});
