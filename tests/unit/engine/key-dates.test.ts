import type { KeyDate } from '@/lib/core/model';
import { effectiveRhythm } from '@/lib/engine/cadence';
import { keyDateReminders, meetingAppreciation, nextOccurrence, replyAppreciation } from '@/lib/engine/key-dates';
import { personTest } from '@/lib/engine/people';
import { contact, DAY, HOUR, msg, NOW, settings, thread } from './fixtures';

const TZ = 'America/New_York';
const kd = (month: number, day: number, over: Partial<KeyDate> = {}): KeyDate => ({
  kind: 'birthday',
  label: '',
  month,
  day,
  leadDays: 0,
  ...over,
});

describe('nextOccurrence', () => {
  // NOW is Wednesday 13 March 2024, 11:00 in New York.
  it.each([
    ['later this year', kd(3, 20), '2024-03-20', 7],
    ['today counts', kd(3, 13), '2024-03-13', 0],
    ['already passed: next year', kd(3, 12), '2025-03-12', 364],
    ['Feb 29 in a leap year', kd(2, 29), '2025-02-28', 352],
    ['day 31 in a 30-day month: the month’s last day', kd(4, 31), '2024-04-30', 48],
  ])('%s', (_name, date, expected, daysAway) => {
    const o = nextOccurrence(date, NOW, TZ);
    expect(`${o.year}-${String(o.month).padStart(2, '0')}-${String(o.day).padStart(2, '0')}`).toBe(expected);
    expect(o.daysAway).toBe(daysAway);
  });
  it('Feb 29 falls on Feb 28 in common years and on Feb 29 in leap years', () => {
    expect(nextOccurrence(kd(2, 29), Date.UTC(2027, 0, 10), 'UTC')).toMatchObject({ year: 2027, month: 2, day: 28 });
    expect(nextOccurrence(kd(2, 29), Date.UTC(2028, 0, 10), 'UTC')).toMatchObject({ year: 2028, month: 2, day: 29 });
  });
  it('the day starts at local midnight', () => {
    const o = nextOccurrence(kd(3, 20), NOW, TZ);
    expect(new Date(o.startAt).toISOString()).toBe('2024-03-20T04:00:00.000Z');
    expect(o.endAt - o.startAt).toBe(DAY - 1);
  });
});

describe('keyDateReminders', () => {
  const s = settings();
  it.each([
    ['on the day, no lead time', [kd(3, 13)], 1],
    ['within the lead time', [kd(3, 18, { leadDays: 7 })], 1],
    ['before the lead time', [kd(3, 25, { leadDays: 7 })], 0],
    ['yesterday is over', [kd(3, 12, { leadDays: 3 })], 0],
    [
      'several dates',
      [kd(3, 13), kd(3, 14, { kind: 'work-anniversary', leadDays: 1 }), kd(6, 1, { kind: 'other' })],
      2,
    ],
  ])('%s', (_name, dates, count) => {
    expect(keyDateReminders(contact('a@x.com', { dates }), s, NOW, TZ)).toHaveLength(count);
  });
  it('keys are stable per occurrence and count the years', () => {
    const [r] = keyDateReminders(contact('a@x.com', { dates: [kd(3, 14, { year: 1984, leadDays: 2 })] }), s, NOW, TZ);
    expect(r?.key).toBe('date:a@x.com:birthday:2024-03-14');
    expect(r?.years).toBe(40);
  });
  it('turned off in settings', () => {
    expect(
      keyDateReminders(contact('a@x.com', { dates: [kd(3, 13)] }), settings({ keyDates: { enabled: false } }), NOW, TZ),
    ).toEqual([]);
  });
});

describe('meetingAppreciation', () => {
  const s = settings();
  const met = (over: Parameters<typeof contact>[1]) => meetingAppreciation(contact('a@x.com', over), s, NOW);
  it.each([
    ['met 3 hours ago, rarely', { summary: { lastMeetingAt: NOW - 3 * HOUR, meetings: 1 } }, true],
    ['met 2 days ago', { summary: { lastMeetingAt: NOW - 2 * DAY, meetings: 1 } }, false],
    [
      'the user already wrote since',
      { summary: { lastMeetingAt: NOW - 3 * HOUR, lastSentAt: NOW - HOUR, meetings: 1 } },
      false,
    ],
    ['a meeting still to come', { summary: { lastMeetingAt: NOW + HOUR, meetings: 1 } }, false],
    ['met every day (daily stand-up)', { summary: { lastMeetingAt: NOW - 3 * HOUR, meetings: 200 } }, false],
    ['a monthly client', { tags: ['client'], summary: { lastMeetingAt: NOW - 3 * HOUR, meetings: 12 } }, true],
  ])('%s', (_name, over, expected) => {
    expect(met(over) !== null).toBe(expected);
  });
  it('turned off in settings', () => {
    const c = contact('a@x.com', { summary: { lastMeetingAt: NOW - HOUR, meetings: 1 } });
    expect(meetingAppreciation(c, settings({ appreciation: { enabled: false } }), NOW)).toBeNull();
    expect(effectiveRhythm(c, s)).toBeNull();
  });
});

describe('replyAppreciation', () => {
  const s = settings();
  const isPerson = personTest(s, ['me@example.com']);
  const ME = 'me@example.com';
  it.each([
    [
      'they answered the user’s question this morning',
      [
        msg('1', NOW - 2 * DAY, 'sent', ME, ['sam@x.com'], true),
        msg('2', NOW - 3 * HOUR, 'received', 'sam@x.com', [ME]),
      ],
      true,
    ],
    [
      'the user did not ask anything',
      [msg('1', NOW - 2 * DAY, 'sent', ME, ['sam@x.com']), msg('2', NOW - 3 * HOUR, 'received', 'sam@x.com', [ME])],
      false,
    ],
    [
      'the answer came days ago',
      [
        msg('1', NOW - 5 * DAY, 'sent', ME, ['sam@x.com'], true),
        msg('2', NOW - 3 * DAY, 'received', 'sam@x.com', [ME]),
      ],
      false,
    ],
    [
      'the user already replied',
      [
        msg('1', NOW - 2 * DAY, 'sent', ME, ['sam@x.com'], true),
        msg('2', NOW - 3 * HOUR, 'received', 'sam@x.com', [ME]),
        msg('3', NOW - HOUR, 'sent', ME, ['sam@x.com']),
      ],
      false,
    ],
    [
      'a second message after the answer',
      [
        msg('1', NOW - 2 * DAY, 'sent', ME, ['sam@x.com'], true),
        msg('2', NOW - DAY + HOUR, 'received', 'sam@x.com', [ME]),
        msg('3', NOW - HOUR, 'received', 'sam@x.com', [ME]),
      ],
      false,
    ],
  ])('%s', (_name, messages, expected) => {
    const r = replyAppreciation(thread('t', messages), s, NOW, isPerson);
    expect(r !== null).toBe(expected);
    if (r) expect(r.key).toBe('thanks:me@example.com/t:2');
  });
});
