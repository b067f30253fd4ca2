import {
  civilDate,
  type DayRange,
  dayNumberOfKey,
  dayRangeWords,
  daysWithin,
  inDayRanges,
  isoWeekOf,
  mergeDayRanges,
} from '../../../lib/time/day-ranges';
import { civilDayNumber } from '../../../lib/time/zoned-time';

const day = (y: number, m: number, d: number) => civilDayNumber(y, m, d);

describe('day ranges', () => {
  it('reads yyyy-mm-dd keys, and refuses dates that do not exist', () => {
    expect(dayNumberOfKey('1970-01-01')).toBe(0);
    expect(dayNumberOfKey('2026-12-07')).toBe(day(2026, 12, 7));
    expect(dayNumberOfKey('2024-02-29')).toBe(day(2024, 2, 29));
    expect(dayNumberOfKey('2025-02-29')).toBeNull();
    expect(dayNumberOfKey('2026-13-01')).toBeNull();
    expect(dayNumberOfKey('7 Dec 2026')).toBeNull();
    expect(civilDate(day(2026, 12, 7))).toEqual({ year: 2026, month: 12, day: 7, isoDay: 1 });
    expect(civilDate(day(2026, 12, 13)).isoDay).toBe(7);
  });

  it('merges overlapping and touching ranges, drops reversed ones, and finds a day by binary search', () => {
    const merged = mergeDayRanges([
      [20, 25],
      [1, 3],
      [4, 5],
      [9, 8],
      [24, 30],
      [40, 40],
    ]);
    expect(merged).toEqual([
      [1, 5],
      [20, 30],
      [40, 40],
    ]);
    const hits = Array.from({ length: 45 }, (_, d) => d).filter((d) => inDayRanges(merged, d));
    expect(hits).toEqual([1, 2, 3, 4, 5, ...Array.from({ length: 11 }, (_, i) => 20 + i), 40]);
    expect(inDayRanges([], 3)).toBe(false);
  });

  it('puts Monday to Sunday in one week', () => {
    const mon = day(2026, 12, 7);
    expect(new Set([0, 1, 2, 3, 4, 5, 6].map((i) => isoWeekOf(mon + i))).size).toBe(1);
    expect(isoWeekOf(mon - 1)).toBe(isoWeekOf(mon) - 1);
    expect(isoWeekOf(mon + 7)).toBe(isoWeekOf(mon) + 1);
  });

  it('keeps of a span only the local days its window holds in full', () => {
    const tz = 'Europe/Berlin';
    const window = { from: Date.UTC(2026, 0, 1, 12), to: Date.UTC(2026, 2, 1, 12) };
    // 23:30 in Berlin on 9 Jan to 00:30 on 12 Jan: the 9th to the 12th.
    expect(daysWithin({ start: Date.UTC(2026, 0, 9, 22, 30), end: Date.UTC(2026, 0, 11, 23, 30) }, window, tz)).toEqual(
      [day(2026, 1, 9), day(2026, 1, 12)],
    );
    // An end at local midnight does not claim the next day.
    expect(daysWithin({ start: Date.UTC(2026, 0, 9, 23), end: Date.UTC(2026, 0, 10, 23) }, window, tz)).toEqual([
      day(2026, 1, 10),
      day(2026, 1, 10),
    ]);
    // Clipped to the window less its first and last (partly expanded) days.
    expect(daysWithin({ start: 0, end: Date.UTC(2027, 0, 1) }, window, tz)).toEqual([
      day(2026, 1, 2),
      day(2026, 2, 28),
    ]);
    expect(daysWithin({ start: window.from, end: window.from + 3_600_000 }, window, tz)).toBeNull();
  });

  it.each([
    ['en-US', [day(2026, 12, 7), day(2026, 12, 13)], /^Dec 7\s*–\s*13$/],
    ['en-US', [day(2026, 12, 28), day(2027, 1, 3)], /^Dec 28, 2026\s*–\s*Jan 3, 2027$/],
    ['en-US', [day(2026, 12, 7), day(2026, 12, 7)], /^Dec 7$/],
    ['de-DE', [day(2026, 12, 7), day(2026, 12, 13)], /^7\.\s*–\s*13\. Dez\.$/],
    ['en-GB', [day(2026, 12, 7), day(2026, 12, 11)], /^7\s*–\s*11 Dec$/],
  ] as [string, DayRange, RegExp][])(
    'words a range in %s as Intl does (the year only when the range crosses one)',
    (locale, range, words) => {
      expect(dayRangeWords(range, locale).replace(/[\u2009\u202f]/g, ' ')).toMatch(words);
    },
  );
});
