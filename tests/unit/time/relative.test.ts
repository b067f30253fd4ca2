/**
 * One wording of "how long ago" for every surface (lib/time/relative.ts). Before, the popup's nudge reason
 * (lib/engine/explain) said "8 weeks ago" where its recent-contacts list (components/format) said "2 months ago".
 */

import { lastContactWords } from '@/components/format';
import { dueInfo } from '@/lib/engine/cadence';
import { explainOverdue } from '@/lib/engine/explain';
import { relativeWords, spanOf, spanWords } from '@/lib/time/relative';
import { contact, daysAgo, settings } from '../engine/fixtures';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TZ = 'Europe/Berlin';
// 12 March 2025, 15:00 in Berlin.
const NOW = Date.UTC(2025, 2, 12, 14, 0);

describe('relativeWords', () => {
  it.each([
    [NOW - HOUR, 'today'],
    [NOW - 14 * HOUR, 'today'],
    [NOW - 16 * HOUR, 'yesterday'],
    [NOW - DAY, 'yesterday'],
    [NOW - 3 * DAY, '3 days ago'],
    [NOW - 13 * DAY, '13 days ago'],
    [NOW - 14 * DAY, '2 weeks ago'],
    [NOW - 21 * DAY, '3 weeks ago'],
    [NOW - 49 * DAY, '7 weeks ago'],
    [NOW - 62 * DAY, '8 weeks ago'],
    [NOW - 63 * DAY, '2 months ago'],
    [NOW - 92 * DAY, '3 months ago'],
    [NOW - 364 * DAY, '11 months ago'],
    [NOW - 400 * DAY, '1 year ago'],
    [NOW - 800 * DAY, '2 years ago'],
    [NOW + DAY, 'tomorrow'],
    [NOW + 5 * DAY, 'in 5 days'],
    [NOW + 20 * DAY, 'in 2 weeks'],
    [NOW + 100 * DAY, 'in 3 months'],
  ])('%#: %s', (at, expected) => {
    expect(relativeWords(at, NOW, TZ)).toBe(expected);
  });

  it('counts calendar days in the zone it is given', () => {
    // 23:30 the evening before in New York (EDT) is "yesterday" there, "today" in Berlin (04:30).
    const at = Date.UTC(2025, 2, 12, 3, 30);
    expect(relativeWords(at, NOW, 'America/New_York')).toBe('yesterday');
    expect(relativeWords(at, NOW, 'Europe/Berlin')).toBe('today');
  });

  it('never reads a longer time as shorter (monotonic in the number of days)', () => {
    let last = { value: 0, unit: 'day' as string };
    const rank = { day: 0, week: 1, month: 2, year: 3 } as const;
    for (let d = 0; d < 3000; d++) {
      const s = spanOf(d);
      const prevRank = rank[last.unit as keyof typeof rank];
      expect(rank[s.unit] > prevRank || (rank[s.unit] === prevRank && s.value >= last.value), `day ${d}`).toBe(true);
      last = s;
    }
  });
});

describe('spanWords', () => {
  it.each([
    [1, '1 day'],
    [7, '7 days'],
    [14, '2 weeks'],
    [62, '8 weeks'],
    [63, '2 months'],
    [730, '2 years'],
  ])('%i days -> %s', (days, words) => {
    expect(spanWords(days)).toBe(words);
  });
});

it('the nudge reason and the contact list say the same at 62 days', () => {
  const now = Date.now();
  const last = daysAgo(62, now);
  const c = contact('ann@example.com', {
    cadence: { mode: 'fixed', days: 30, toleranceDays: 0 },
    summary: { lastTouchAt: last, lastReceivedAt: last, lastAt: last },
  });
  const due = dueInfo(c, settings(), now);
  const reason = due ? explainOverdue(c, due, now) : '';
  expect(reason).toMatch(/8 weeks ago$/);
  expect(lastContactWords(last, now)).toBe('last contact 8 weeks ago');
});
