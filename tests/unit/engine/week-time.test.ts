import { median } from '@/lib/core/median';
import { type WeekTouch, weekTime } from '@/lib/engine/week-time';
import { startOfZonedWeek, weekStartDay, zonedInstant } from '@/lib/time/zoned-time';

const TZ = 'Europe/Berlin';
const DAY = 86_400_000;
/** Local Berlin time. */
const at = (month: number, day: number, hour = 12, minute = 0) =>
  zonedInstant({ year: 2026, month, day, hour, minute }, TZ);
// Wednesday, 2 December 2026, noon in Berlin.
const NOW = at(12, 2);
const t = (contact: string, when: number, direction: WeekTouch['direction'] = 'sent', mass = false): WeekTouch => ({
  contact,
  at: when,
  direction,
  ...(mass ? { mass } : {}),
});

describe('weekTime', () => {
  it('counts this week so far (Monday weeks in Berlin): touches, meetings, people; mass mail and later today left out', () => {
    const items = [
      t('ann@x.org', at(11, 30, 0, 5)), // Monday just after midnight: this week
      t('ann@x.org', at(12, 1, 9), 'received'),
      t('bo@x.org', at(12, 2, 8), 'meeting'),
      t('list@x.org', at(12, 2, 9), 'sent', true), // one-way mail to many
      t('cy@x.org', at(12, 2, 15), 'meeting'), // later today: not yet
      t('dee@x.org', at(11, 29, 23, 55)), // Sunday night: last week
    ];
    const w = weekTime(items, NOW, { timeZone: TZ, weekStartsOn: 1 });
    expect(w.thisWeek).toMatchObject({ start: at(11, 30, 0), end: at(12, 7, 0), touches: 3, meetings: 1, people: 2 });
    expect(w.previous).toHaveLength(12);
    expect(w.previous.at(-1)).toMatchObject({ start: at(11, 23, 0), touches: 1, people: 1 });
  });

  it('starts the week on Sunday where the locale does (en-US), so Sunday night is this week', () => {
    const w = weekTime([t('dee@x.org', at(11, 29, 23, 55))], NOW, { timeZone: TZ, weekStartsOn: 0 });
    expect(w.thisWeek).toMatchObject({ start: at(11, 29, 0), touches: 1 });
  });

  it('takes the median of the 12 weeks before as the usual week', () => {
    // Week k before this one (1 = last week) has k touches with k different people, one of them a meeting.
    const items: WeekTouch[] = [];
    for (let k = 1; k <= 14; k++)
      for (let i = 0; i < k; i++)
        items.push(t(`p${i}@x.org`, NOW - k * 7 * DAY + i * 60_000, i === 0 ? 'meeting' : 'sent'));
    const w = weekTime(items, NOW, { timeZone: TZ, weekStartsOn: 1 });
    // Weeks 13 and 14 are outside the 12; weeks 1..12 give the median (6 + 7) / 2, a usual week of 7 touches
    // with 7 people (a week has whole touches: never "6.5 people reached").
    expect(w.usual).toEqual({ touches: 7, meetings: 1, people: 7, weeks: 12 });
    expect(w.previous.map((p) => p.touches)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('leaves out the weeks before Tend knew of any touch, and the part-known week it began in while others remain', () => {
    const items = [
      t('ann@x.org', NOW - 14 * DAY),
      t('ann@x.org', NOW - 13 * DAY),
      t('bo@x.org', NOW - 7 * DAY),
      t('cy@x.org', NOW - 6 * DAY),
      t('di@x.org', NOW - 5 * DAY),
    ];
    const w = weekTime(items, NOW, { timeZone: TZ, weekStartsOn: 1, historyStart: NOW - 14 * DAY });
    // History began on Wednesday, Nov 18: that week (2 touches in 5 of its days) is not a usual week while the
    // whole week of Nov 23 (3 touches) is there.
    expect(w.usual).toEqual({ touches: 3, meetings: 0, people: 3, weeks: 1 });
    // A history that begins on the week's first day: that week is whole, and counts.
    const monday = startOfZonedWeek(NOW - 14 * DAY, TZ, 1);
    expect(weekTime(items, NOW, { timeZone: TZ, weekStartsOn: 1, historyStart: monday }).usual?.weeks).toBe(2);
    // The part-known week alone is the only usual there is.
    const one = weekTime(items.slice(0, 2), NOW - 8 * DAY, {
      timeZone: TZ,
      weekStartsOn: 1,
      historyStart: NOW - 14 * DAY,
    });
    expect(one.usual).toEqual({ touches: 2, meetings: 0, people: 1, weeks: 1 });
    const none = weekTime([t('ann@x.org', NOW - DAY)], NOW, { timeZone: TZ, weekStartsOn: 1, historyStart: NOW - DAY });
    expect(none.usual).toBeNull();
    expect(none.previous).toEqual([]);
  });

  it('follows the local calendar across a DST change (Berlin, 25 October 2026)', () => {
    const now = at(10, 28);
    const w = weekTime([t('ann@x.org', at(10, 25, 23, 30)), t('bo@x.org', at(10, 26, 0, 30))], now, {
      timeZone: TZ,
      weekStartsOn: 1,
    });
    expect(w.thisWeek).toMatchObject({ start: at(10, 26, 0), touches: 1 });
    const last = w.previous.at(-1);
    expect(last).toMatchObject({ start: at(10, 19, 0), end: at(10, 26, 0), touches: 1 });
    // The week with the change has an hour more.
    expect((last?.end ?? 0) - (last?.start ?? 0)).toBe(7 * DAY + 3_600_000);
  });

  it('median of odd, even and no numbers', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, 0]);
  });
});

describe('weekStartDay and startOfZonedWeek', () => {
  it.each([
    ['en-US', 0],
    ['de-DE', 1],
    ['en-GB', 1],
    ['ar-EG', 6],
  ])('%s starts its week on day %i', (locale, day) => {
    expect(weekStartDay(locale)).toBe(day);
  });

  it('falls back to Monday for a locale it cannot read', () => {
    expect(weekStartDay('not a locale!')).toBe(1);
  });

  it('finds the local midnight that starts the week', () => {
    expect(startOfZonedWeek(NOW, TZ, 1)).toBe(at(11, 30, 0));
    expect(startOfZonedWeek(NOW, TZ, 0)).toBe(at(11, 29, 0));
    expect(startOfZonedWeek(NOW, TZ, 3)).toBe(at(12, 2, 0));
    expect(startOfZonedWeek(NOW, 'America/New_York', 1)).toBe(
      zonedInstant({ year: 2026, month: 11, day: 30 }, 'America/New_York'),
    );
  });
});
