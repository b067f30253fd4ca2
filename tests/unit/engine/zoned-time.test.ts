import {
  calendarDaysBetween,
  localDateKey,
  resolveTimeZone,
  startOfZonedDay,
  wallTime,
  zonedInstant,
} from '@/lib/time/zoned-time';

describe('zoned time', () => {
  it.each([
    ['plain', 'America/New_York', { year: 2024, month: 1, day: 15, hour: 9 }, '2024-01-15T14:00:00.000Z'],
    ['summer', 'America/New_York', { year: 2024, month: 7, day: 15, hour: 9 }, '2024-07-15T13:00:00.000Z'],
    [
      'spring-forward gap: moved forward',
      'America/New_York',
      { year: 2024, month: 3, day: 10, hour: 2, minute: 30 },
      '2024-03-10T07:30:00.000Z',
    ],
    [
      'fall-back overlap: the first',
      'America/New_York',
      { year: 2024, month: 11, day: 3, hour: 1, minute: 30 },
      '2024-11-03T05:30:00.000Z',
    ],
    [
      'fall-back overlap east of UTC: the first',
      'Europe/Paris',
      { year: 2024, month: 10, day: 27, hour: 2, minute: 30 },
      '2024-10-27T00:30:00.000Z',
    ],
    ['half-hour zone', 'Asia/Kolkata', { year: 2024, month: 1, day: 1, hour: 0 }, '2023-12-31T18:30:00.000Z'],
    ['day overflow rolls over', 'UTC', { year: 2024, month: 1, day: 32 }, '2024-02-01T00:00:00.000Z'],
  ])('zonedInstant: %s', (_name, tz, w, iso) => {
    expect(new Date(zonedInstant(w, tz)).toISOString()).toBe(iso);
  });
  it('wallTime reads back what zonedInstant wrote', () => {
    const t = zonedInstant({ year: 2024, month: 3, day: 13, hour: 23, minute: 45 }, 'Asia/Tokyo');
    expect(wallTime(t, 'Asia/Tokyo')).toEqual({ year: 2024, month: 3, day: 13, hour: 23, minute: 45, weekday: 3 });
    expect(localDateKey(t, 'Asia/Tokyo')).toBe('2024-03-13');
    expect(localDateKey(t, 'UTC')).toBe('2024-03-13');
    expect(localDateKey(t, 'America/Los_Angeles')).toBe('2024-03-13');
  });
  it('a DST day is 23 hours long', () => {
    const t = Date.UTC(2024, 2, 10, 12);
    expect(startOfZonedDay(t, 'America/New_York', 1) - startOfZonedDay(t, 'America/New_York')).toBe(23 * 3_600_000);
  });
  it('calendar days between', () => {
    expect(calendarDaysBetween(Date.UTC(2024, 2, 13, 3), Date.UTC(2024, 2, 13, 5), 'America/New_York')).toBe(1);
  });
  it('an unknown zone falls back to the runtime’s', () => {
    expect(resolveTimeZone('Not/AZone')).toBe(resolveTimeZone(''));
  });
});
