import { TZDateMini } from '@date-fns/tz';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/core/model';
import { type BusyBlock, findSlots } from '../../lib/scheduling/slots';
import { civilDayNumber } from '../../lib/time/zoned-time';

const MIN = 60_000;
/** Epoch ms of a wall-clock time in a zone. */
const at = (tz: string, y: number, m: number, d: number, h: number, min = 0) =>
  new TZDateMini(y, m - 1, d, h, min, 0, 0, tz).getTime();
const settings = (over: Partial<Settings['slots']> = {}, work: Partial<Settings['work']> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  slots: { ...DEFAULT_SETTINGS.slots, ...over },
  work: { ...DEFAULT_SETTINGS.work, ...work },
});
const localHM = (t: number, tz: string) => {
  const d = new TZDateMini(t, tz);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
const localDay = (t: number, tz: string) => new TZDateMini(t, tz).getDate();

const BER = 'Europe/Berlin';
// Monday 3 March 2025, 06:00 in Berlin
const monday = at(BER, 2025, 3, 3, 6);
/** Slots with ana@acme.com from Monday, on a calendar seen in full. */
const forAna = (busy: BusyBlock[]) =>
  findSlots({
    seen: 'all',
    busy,
    now: monday,
    settings: settings(),
    timeZone: BER,
    contact: { email: 'ana@acme.com' },
  });

function assertClear(slots: { start: number; end: number }[], busy: BusyBlock[], bufferMin: number, now: number) {
  for (const s of slots) {
    expect(s.start).toBeGreaterThanOrEqual(now);
    expect(s.end).toBeGreaterThan(s.start);
    for (const b of busy) {
      if (b.busy === false) continue;
      const overlap = s.start < b.end + bufferMin * MIN && b.start - bufferMin * MIN < s.end;
      expect(overlap, `slot ${new Date(s.start).toISOString()} overlaps busy ${new Date(b.start).toISOString()}`).toBe(
        false,
      );
    }
  }
}

describe('findSlots', () => {
  it('with an empty calendar proposes lunch on three different days, soonest first', () => {
    const r = findSlots({ seen: 'all', busy: [], now: monday, settings: settings(), timeZone: BER });
    expect(r.reason).toBeUndefined();
    expect(r.slots).toHaveLength(3);
    expect(r.slots.map((s) => s.moment)).toEqual(['lunch', 'lunch', 'lunch']);
    expect(r.slots.map((s) => localDay(s.start, BER))).toEqual([3, 4, 5]);
    expect(r.slots.map((s) => localHM(s.start, BER))).toEqual(['12:00', '12:00', '12:00']);
    expect(r.slots[0]!.end - r.slots[0]!.start).toBe(30 * MIN);
    expect(r.slots[0]!.why).toMatch(/lunch/i);
  });

  it('never proposes a time in the past', () => {
    const now = at(BER, 2025, 3, 3, 12, 40);
    const r = findSlots({ seen: 'all', busy: [], now, settings: settings(), timeZone: BER, count: 5 });
    assertClear(r.slots, [], 0, now);
    expect(localHM(r.slots[0]!.start, BER)).toBe('12:45');
  });

  it('keeps the buffer around meetings', () => {
    const busy = [{ start: at(BER, 2025, 3, 3, 12), end: at(BER, 2025, 3, 3, 12, 30) }];
    const r = findSlots({
      seen: 'all',
      busy,
      now: monday,
      settings: settings({ bufferMinutes: 10 }),
      timeZone: BER,
      count: 1,
    });
    expect(localHM(r.slots[0]!.start, BER)).toBe('12:45'); // 12:30 + 10 min, on the quarter hour
    assertClear(r.slots, busy, 10, monday);
  });

  it('handles overlapping events and skips a lunch they fill', () => {
    const busy = [
      { start: at(BER, 2025, 3, 3, 11, 30), end: at(BER, 2025, 3, 3, 12, 45) },
      { start: at(BER, 2025, 3, 3, 12, 30), end: at(BER, 2025, 3, 3, 13, 30) },
      { start: at(BER, 2025, 3, 3, 12, 0), end: at(BER, 2025, 3, 3, 12, 15) },
    ];
    const r = findSlots({ seen: 'all', busy, now: monday, settings: settings(), timeZone: BER, count: 6 });
    const mondayLunch = r.slots.find((s) => localDay(s.start, BER) === 3 && s.moment === 'lunch');
    expect(mondayLunch).toBeUndefined();
    assertClear(r.slots, busy, 10, monday);
  });

  it('lets a busy all-day event block its day, and a free one not', () => {
    const allDay = (busyFlag: boolean): BusyBlock => ({
      start: at(BER, 2025, 3, 3, 0),
      end: at(BER, 2025, 3, 4, 0),
      allDay: true,
      busy: busyFlag,
    });
    const days = (block: BusyBlock) =>
      findSlots({ seen: 'all', busy: [block], now: monday, settings: settings(), timeZone: BER, count: 5 }).slots.map(
        (s) => localDay(s.start, BER),
      );
    expect(days(allDay(true))).not.toContain(3);
    expect(days(allDay(false))).toContain(3);
  });

  it('skips back-to-back full days', () => {
    const busy: BusyBlock[] = [3, 4, 5].map((d) => ({ start: at(BER, 2025, 3, d, 6), end: at(BER, 2025, 3, d, 20) }));
    const r = findSlots({ seen: 'all', busy, now: monday, settings: settings(), timeZone: BER });
    expect(r.slots.map((s) => localDay(s.start, BER))).toEqual([6, 7, 10]);
    assertClear(r.slots, busy, 10, monday);
  });

  it('says why when nothing fits', () => {
    const busy = [{ start: monday - 86_400_000, end: monday + 30 * 86_400_000, title: 'Sabbatical prep' }];
    const r = findSlots({ seen: 'all', busy, now: monday, settings: settings(), timeZone: BER });
    expect(r.slots).toEqual([]);
    expect(r.reason).toMatch(/no free 30-minute gap/);
    const noDays = findSlots({
      seen: 'all',
      busy: [],
      now: monday,
      settings: settings({}, { days: [] }),
      timeZone: BER,
    });
    expect(noDays.reason).toMatch(/No working days/);
    const weekend = findSlots({
      seen: 'all',
      busy: [],
      now: at(BER, 2025, 3, 8, 10),
      settings: settings({ horizonDays: 2 }),
      timeZone: BER,
    });
    expect(weekend.reason).toMatch(/no working day left/);
  });

  it('ranks a time right after a meeting already shared with the person first', () => {
    const busy: BusyBlock[] = [
      {
        start: at(BER, 2025, 3, 5, 15),
        end: at(BER, 2025, 3, 5, 16),
        title: 'Quarterly review',
        attendees: ['Ana@Acme.com', 'me@x.com'],
      },
      { start: at(BER, 2025, 3, 5, 16, 10), end: at(BER, 2025, 3, 5, 16, 30), title: 'Other' },
    ];
    const r = forAna(busy);
    expect(r.slots[0]!.moment).toBe('around-shared-meeting');
    expect(localHM(r.slots[0]!.start, BER)).toBe('14:15'); // before it: 15:00 - 10 min buffer - 30 min, on the quarter
    expect(r.slots[0]!.why).toContain('Quarterly review');
    assertClear(r.slots, busy, 10, monday);
  });

  it('counts a meeting with the same company, but not a public mail domain', () => {
    const busy: BusyBlock[] = [
      { start: at(BER, 2025, 3, 4, 15), end: at(BER, 2025, 3, 4, 16), title: 'Sync', attendees: ['bo@acme.com'] },
    ];
    const company = forAna(busy);
    expect(company.slots[0]!.moment).toBe('around-shared-meeting');
    expect(company.slots[0]!.why).toContain('their company');
    const gmail: BusyBlock[] = [{ ...busy[0]!, attendees: ['bo@gmail.com'] }];
    const pub = findSlots({
      seen: 'all',
      busy: gmail,
      now: monday,
      settings: settings(),
      timeZone: BER,
      contact: { email: 'ana@gmail.com' },
    });
    expect(pub.slots.some((s) => s.moment === 'around-shared-meeting')).toBe(false);
  });

  it.each([
    // zone, Friday before the change, Monday after it, UTC hour of 08:30 local before / after
    ['Europe/Berlin', [2024, 10, 25], [2024, 10, 28], 6, 7],
    ['America/New_York', [2024, 11, 1], [2024, 11, 4], 12, 13],
  ] as const)('keeps wall-clock hours across the DST change in %s', (tz, fri, mon, utcBefore, utcAfter) => {
    const now = at(tz, fri[0], fri[1], fri[2], 6);
    const s = settings({ moments: ['before-work'], horizonDays: 5 });
    const r = findSlots({ seen: 'all', busy: [], now, settings: s, timeZone: tz, count: 2 });
    // 'work' fills in as a fallback, but before-work ranks higher: the two picks are Fri and Mon before work
    expect(r.slots.map((x) => x.moment)).toEqual(['before-work', 'before-work']);
    const [a, b] = [...r.slots].sort((x, y) => x.start - y.start);
    expect(localHM(a!.start, tz)).toBe('08:30');
    expect(localHM(b!.start, tz)).toBe('08:30');
    expect(localDay(a!.start, tz)).toBe(fri[2]);
    expect(localDay(b!.start, tz)).toBe(mon[2]);
    expect(new Date(a!.start).getUTCHours()).toBe(utcBefore);
    expect(new Date(b!.start).getUTCHours()).toBe(utcAfter);
  });

  it('never overlaps a busy block and never proposes the past (property)', () => {
    const block = fc.record({
      day: fc.integer({ min: 0, max: 16 }),
      startMin: fc.integer({ min: 0, max: 1439 }),
      dur: fc.integer({ min: 5, max: 600 }),
    });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 60 }), fc.integer({ min: 0, max: 3 * 1440 }), (raw, nowOffset) => {
        const busy = raw.map((b) => {
          const start = at(BER, 2025, 3, 3 + b.day, 0) + b.startMin * MIN;
          return { start, end: start + b.dur * MIN };
        });
        const now = monday + nowOffset * MIN;
        const r = findSlots({ seen: 'all', busy, now, settings: settings(), timeZone: BER, count: 5 });
        assertClear(r.slots, busy, 10, now);
        if (r.slots.length === 0) expect(r.reason).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  });
});

describe('findSlots on days Tend has or has not seen', () => {
  // Monday 3 March 2025 06:00 in Berlin; the default 14 days run to Sunday 16 March.
  const d = (day: number) => civilDayNumber(2025, 3, day);
  const base = { busy: [] as BusyBlock[], now: monday, settings: settings(), timeZone: BER };

  it('calls no day free when it has seen none, and names the working days of each week instead', () => {
    const r = findSlots({ ...base, seen: [] });
    expect(r.slots).toEqual([]);
    expect(r.unseen).toEqual([
      [d(3), d(7)],
      [d(10), d(14)],
    ]);
    expect(r.reason).toBe('Tend has not seen your calendar for any working day in the next 14 days.');
  });

  it('puts slots only on the week it has seen, and names the week it has not', () => {
    const r = findSlots({ ...base, seen: [[d(3), d(9)]], count: 5 });
    expect(r.slots).toHaveLength(5);
    for (const s of r.slots) expect(localDay(s.start, BER)).toBeLessThanOrEqual(7);
    expect(r.unseen).toEqual([[d(10), d(14)]]);
    // The same week, all seen, gives the same five slots: the seen days change nothing but where slots may go.
    expect(findSlots({ ...base, seen: 'all', count: 5 }).slots).toEqual(r.slots);
  });

  it('names a single unseen day inside a seen week, and never puts a slot there', () => {
    const r = findSlots({
      ...base,
      seen: [
        [d(3), d(4)],
        [d(6), d(16)],
      ],
      count: 10,
    });
    expect(r.unseen).toEqual([[d(5), d(5)]]);
    expect(r.slots.length).toBe(10);
    expect(r.slots.some((s) => localDay(s.start, BER) === 5)).toBe(false);
    // With everything seen, Wednesday 5 March holds slots: the hole is what kept them out.
    expect(findSlots({ ...base, seen: 'all', count: 10 }).slots.some((s) => localDay(s.start, BER) === 5)).toBe(true);
  });

  it('does not offer the time around a shared meeting on a day it has not seen', () => {
    const meeting = (day: number) => ({
      start: at(BER, 2025, 3, day, 15),
      end: at(BER, 2025, 3, day, 16),
      title: 'Roadmap',
      attendees: ['ana@acme.com'],
    });
    const busy = [meeting(4), meeting(11)];
    const contact = { email: 'ana@acme.com' };
    const all = findSlots({ ...base, busy, contact, seen: 'all', count: 6 });
    const shared = (r: typeof all) =>
      r.slots.filter((s) => s.moment === 'around-shared-meeting').map((s) => localDay(s.start, BER));
    expect(new Set(shared(all))).toEqual(new Set([4, 11]));
    const half = findSlots({ ...base, busy, contact, seen: [[d(3), d(9)]], count: 6 });
    expect(new Set(shared(half))).toEqual(new Set([4]));
    expect(half.unseen).toEqual([[d(10), d(14)]]);
  });

  it('leaves out days already over and days off, and says how few fit on the days it has seen', () => {
    // Monday 20:00: Monday is over; Saturday and Sunday are not working days.
    const late = at(BER, 2025, 3, 3, 20);
    const r = findSlots({ ...base, now: late, seen: [[d(4), d(4)]], count: 3 });
    expect(r.unseen).toEqual([
      [d(5), d(7)],
      [d(10), d(14)],
    ]);
    expect(r.slots.map((s) => localDay(s.start, BER))).toEqual([4, 4, 4]);
    expect(findSlots({ ...base, now: late, seen: [[d(4), d(4)]], count: 5 }).reason).toBe(
      'Only 4 free times fit on the days Tend has seen your calendar for in the next 14 days.',
    );
  });
});
