import { dueInfo } from '@/lib/engine/cadence';
import {
  dayWords,
  explainAppreciation,
  explainAwaitingReply,
  explainKeyDate,
  explainOverdue,
  explainPromise,
  explainReplyNeeded,
} from '@/lib/engine/explain';
import { keyDateReminders } from '@/lib/engine/key-dates';
import { contact, DAY, daysAgo, HOUR, NOW, settings } from './fixtures';

const TZ = 'America/New_York';
// NOW: Wednesday 13 March 2024, 11:00 in New York.

describe('dayWords', () => {
  it.each([
    [NOW - HOUR, 'today'],
    [daysAgo(1), 'yesterday'],
    [NOW + DAY, 'tomorrow'],
    [daysAgo(1) - 10 * HOUR, 'yesterday'],
    [daysAgo(1) - 13 * HOUR, 'Monday'], // Monday 22:00 in New York
    [daysAgo(6), 'Thursday'],
    [NOW + 2 * DAY, 'Friday'],
    [daysAgo(10), 'Mar 3'],
    [Date.UTC(2023, 11, 20, 15), 'Dec 20, 2023'],
  ])('%i', (at, words) => {
    expect(dayWords(at, NOW, TZ)).toBe(words);
  });
});

describe('reasons', () => {
  const s = settings();
  it.each([
    [
      'a set rhythm, last email',
      contact('a@x.com', {
        cadence: { mode: 'fixed', days: 30, toleranceDays: 0 },
        summary: { lastTouchAt: daysAgo(49), lastReceivedAt: daysAgo(49) },
      }),
      'Monthly · last email 7 weeks ago',
    ],
    [
      'an inferred rhythm, last met',
      contact('a@x.com', { summary: { inferredDays: 21, lastTouchAt: daysAgo(35), lastMeetingAt: daysAgo(35) } }),
      'You usually talk every ~3 weeks · last met 5 weeks ago',
    ],
    [
      'a tag rhythm',
      contact('a@x.com', { tags: ['mentor'], summary: { lastTouchAt: daysAgo(100) } }),
      'Quarterly (mentor) · last email 3 months ago',
    ],
    [
      'an unusual set rhythm',
      contact('a@x.com', {
        cadence: { mode: 'fixed', days: 10, toleranceDays: 0 },
        summary: { lastTouchAt: daysAgo(12) },
      }),
      'Every 10 days · last email 12 days ago',
    ],
  ])('overdue: %s', (_name, c, words) => {
    const d = dueInfo(c, s, NOW);
    expect(d).not.toBeNull();
    expect(explainOverdue(c, d!, NOW)).toBe(words);
  });
  it('overdue after a done', () => {
    const c = contact('a@x.com', {
      cadence: { mode: 'fixed', days: 7, toleranceDays: 0 },
      summary: { lastTouchAt: daysAgo(30) },
    });
    expect(explainOverdue(c, dueInfo(c, s, NOW, { doneAt: daysAgo(9) })!, NOW)).toBe('Weekly · marked done 9 days ago');
  });
  it.each([
    [daysAgo(1) - 2 * HOUR, 'Waiting for your reply since yesterday'],
    [daysAgo(6), 'Waiting for your reply since Thursday'],
    [daysAgo(12), 'Waiting for your reply since Mar 1'],
  ])('reply needed %#', (since, words) => {
    expect(explainReplyNeeded(since, NOW, TZ)).toBe(words);
  });
  it('awaiting reply', () => {
    expect(explainAwaitingReply(daysAgo(6), NOW, TZ)).toBe('You asked on Thursday · no answer yet');
  });
  it.each([
    [
      { text: "I'll send you the deck by Friday.", madeAt: daysAgo(1), dueAt: NOW + 2 * DAY, suggestDone: false },
      'You promised to send them the deck · due Friday',
    ],
    [
      { text: "I'll send you the deck by Monday.", madeAt: daysAgo(5), dueAt: daysAgo(2), suggestDone: false },
      'You promised to send them the deck · was due Monday',
    ],
    [
      { text: 'I can intro you to Dana.', madeAt: daysAgo(6), suggestDone: true },
      'You promised to intro them to Dana on Thursday · you wrote in the thread since: done?',
    ],
  ])('promise %#', (p, words) => {
    expect(explainPromise(p, NOW, TZ)).toBe(words);
  });
  it.each([
    [{ kind: 'birthday' as const, label: '', month: 3, day: 13, leadDays: 0 }, 'Birthday today'],
    [
      { kind: 'birthday' as const, label: '', month: 3, day: 15, year: 1984, leadDays: 7 },
      'Birthday Friday · turns 40',
    ],
    [
      { kind: 'work-anniversary' as const, label: '', month: 3, day: 23, year: 2021, leadDays: 14 },
      'Work anniversary in 10 days · 3 years',
    ],
    [{ kind: 'other' as const, label: 'Launch day', month: 3, day: 14, leadDays: 1 }, 'Launch day tomorrow'],
  ])('key date %#', (date, words) => {
    const [r] = keyDateReminders(contact('a@x.com', { dates: [date] }), s, NOW, TZ);
    expect(explainKeyDate(r!, NOW, TZ)).toBe(words);
  });
  it('appreciation', () => {
    expect(explainAppreciation('meeting', NOW - 2 * HOUR, NOW, TZ)).toBe('You met today · say thanks');
    expect(explainAppreciation('reply', daysAgo(1), NOW, TZ)).toBe(
      'They answered your question yesterday · say thanks',
    );
  });
});
