import {
  describeRhythm,
  dueInfo,
  effectiveRhythm,
  inferRhythmDays,
  strength,
  type Touch,
  wellOverdueDays,
} from '@/lib/engine/cadence';
import { contact, DAY, daysAgo, NOW, settings } from './fixtures';

/** Touches on the given days ago, alternating sent / received unless told. */
function touches(days: number[], direction?: Touch['direction']): Touch[] {
  return days.map((d, i) => ({ at: daysAgo(d), direction: direction ?? (i % 2 ? 'sent' : 'received') }));
}

describe('inferRhythmDays', () => {
  it.each<[string, Touch[], number | null]>([
    ['regular, every 2 weeks', touches([0, 14, 28, 42, 56, 70]), 14],
    ['regular, monthly', touches([5, 35, 65, 95, 125]), 30],
    [
      'weekly meetings with a follow-up email the next day',
      [
        ...touches([1, 8, 15, 22, 29], 'sent'),
        ...[2, 9, 16, 23, 30].map((d) => ({ at: daysAgo(d), direction: 'meeting' as const })),
      ],
      6,
    ],
    [
      'a burst of 10 mails in one day counts once',
      [
        ...Array.from({ length: 10 }, (_, i) => ({
          at: daysAgo(30) + i * 60_000,
          direction: (i % 2 ? 'sent' : 'received') as Touch['direction'],
        })),
        ...touches([0, 60, 90]),
      ],
      30,
    ],
    ['bursty: 3-day exchanges about every 3 weeks', touches([0, 1, 2, 21, 22, 23, 42, 43, 63, 64, 65]), 19],
    ['near daily over a month', touches(Array.from({ length: 30 }, (_, i) => i)), 1],
    ['sparse: two touches only', touches([10, 100]), null],
    ['sparse: one short burst', touches([10, 11, 12, 13]), null],
    ['one-way: only the user wrote', touches([0, 14, 28, 42], 'sent'), null],
    ['one-way: only they wrote (newsletters)', touches([0, 14, 28, 42], 'received'), null],
    [
      'one-way mass mail does not count',
      [
        ...touches([0, 14, 28, 42], 'sent').map((t) => ({ ...t, mass: true })),
        { at: daysAgo(5), direction: 'received' as const },
      ],
      null,
    ],
    ['older than a year is ignored', touches([400, 430, 460, 490]), null],
    [
      'future meetings are ignored',
      [...touches([0, 30, 60]), { at: NOW + 5 * DAY, direction: 'meeting' as const }],
      30,
    ],
  ])('%s', (_name, t, expected) => {
    expect(inferRhythmDays(t, NOW)).toBe(expected);
  });
});

describe('effectiveRhythm', () => {
  const s = settings({
    tagCadences: { client: { days: 30, toleranceDays: 14 }, mentor: { days: 91, toleranceDays: 30 } },
  });
  it.each([
    [
      'set by the user wins',
      contact('a@x.com', {
        cadence: { mode: 'fixed', days: 14, toleranceDays: 3 },
        tags: ['client'],
        summary: { inferredDays: 7 },
      }),
      { days: 14, toleranceDays: 3, source: 'set' },
    ],
    [
      'tag default next (case-insensitive)',
      contact('a@x.com', { tags: ['Client'], summary: { inferredDays: 7 } }),
      { days: 30, toleranceDays: 14, source: 'tag', tag: 'client' },
    ],
    [
      'the shortest of several tags',
      contact('a@x.com', { tags: ['mentor', 'client'] }),
      { days: 30, toleranceDays: 14, source: 'tag', tag: 'client' },
    ],
    [
      'inferred last, with half the rhythm as tolerance',
      contact('a@x.com', { summary: { inferredDays: 20 } }),
      { days: 20, toleranceDays: 10, source: 'inferred' },
    ],
    [
      'inferred daily is nagged weekly at most',
      contact('a@x.com', { summary: { inferredDays: 1 } }),
      { days: 7, toleranceDays: 4, source: 'inferred' },
    ],
    [
      'off means never',
      contact('a@x.com', { cadence: { mode: 'off' }, tags: ['client'], summary: { inferredDays: 7 } }),
      null,
    ],
    ['nothing known means never', contact('a@x.com', { summary: { inferredDays: null } }), null],
  ])('%s', (_name, c, expected) => {
    expect(effectiveRhythm(c, s)).toEqual(expected);
  });
});

describe('dueInfo', () => {
  const s = settings();
  it('runs from the last touch', () => {
    const c = contact('a@x.com', {
      cadence: { mode: 'fixed', days: 30, toleranceDays: 14 },
      summary: { lastTouchAt: daysAgo(45) },
    });
    const d = dueInfo(c, s, NOW);
    expect(d?.dueAt).toBe(daysAgo(15));
    expect(d?.lateAt).toBe(daysAgo(1));
    expect(d?.overdueRatio).toBeCloseTo(1.5);
    expect(d?.overdueDays).toBeCloseTo(15);
    expect(d?.nudgeAt).toBe(d?.dueAt);
  });
  it('an inferred rhythm is nudged only past its tolerance', () => {
    const c = contact('a@x.com', { summary: { lastTouchAt: daysAgo(25), inferredDays: 20 } });
    const d = dueInfo(c, s, NOW);
    expect(d?.nudgeAt).toBe(daysAgo(25) + 30 * DAY);
    expect(NOW < (d?.nudgeAt ?? 0)).toBe(true);
  });
  it('done counts as a touch for this cycle', () => {
    const c = contact('a@x.com', {
      cadence: { mode: 'fixed', days: 30, toleranceDays: 0 },
      summary: { lastTouchAt: daysAgo(60) },
    });
    expect(dueInfo(c, s, NOW, { doneAt: daysAgo(10) })?.dueAt).toBe(daysAgo(10) + 30 * DAY);
    // a touch after the done wins again
    const c2 = contact('a@x.com', {
      cadence: { mode: 'fixed', days: 30, toleranceDays: 0 },
      summary: { lastTouchAt: daysAgo(5) },
    });
    expect(dueInfo(c2, s, NOW, { doneAt: daysAgo(10) })?.lastAt).toBe(daysAgo(5));
  });
  it.each([
    ['no rhythm', contact('a@x.com', { summary: { lastTouchAt: daysAgo(100) } })],
    ['no touch', contact('a@x.com', { cadence: { mode: 'fixed', days: 7, toleranceDays: 0 } })],
    [
      'inferred but silent for over a year',
      contact('a@x.com', { summary: { lastTouchAt: daysAgo(400), inferredDays: 30 } }),
    ],
  ])('null: %s', (_name, c) => {
    expect(dueInfo(c, s, NOW)).toBeNull();
  });
});

describe('the "at worst" date (worstAt): from when a contact is well overdue', () => {
  const s = settings({
    tagCadences: { client: { days: 30, toleranceDays: 14 }, team: { days: 30, toleranceDays: 0 } },
  });
  const quiet = (days: number, over: Parameters<typeof contact>[1] = {}) =>
    contact('a@x.com', { ...over, summary: { lastTouchAt: daysAgo(days), ...over.summary } });

  it("is the tolerance's end for a rhythm set by a tag: every 30 days, at worst 14 days later, is day 44", () => {
    const d = dueInfo(quiet(35, { tags: ['Client'] }), s, NOW);
    expect(d?.rhythm).toMatchObject({ source: 'tag', days: 30, toleranceDays: 14 });
    expect(d?.worstAt).toBe(daysAgo(35) + 44 * DAY);
    expect(d?.worstAt).toBe(d?.lateAt);
    expect(d?.worstRatio).toBeCloseTo(44 / 30);
    expect(d?.nudgeAt).toBe(d?.dueAt);
  });

  it("is the tolerance's end for a rhythm set by hand too", () => {
    const d = dueInfo(quiet(10, { cadence: { mode: 'fixed', days: 7, toleranceDays: 4 } }), s, NOW);
    expect(d?.worstAt).toBe(daysAgo(10) + 11 * DAY);
    expect(d?.nudgeAt).toBe(daysAgo(3));
  });

  it('is twice the rhythm without a tolerance', () => {
    for (const c of [
      quiet(35, { tags: ['team'] }),
      quiet(35, { cadence: { mode: 'fixed', days: 30, toleranceDays: 0 } }),
    ]) {
      const d = dueInfo(c, s, NOW);
      expect(d?.worstAt).toBe(daysAgo(35) + 60 * DAY);
      expect(d?.worstRatio).toBe(2);
    }
  });

  it('is twice the rhythm for an inferred rhythm, whose tolerance is its allowance before it is overdue at all', () => {
    const d = dueInfo(quiet(25, { summary: { inferredDays: 20 } }), s, NOW);
    expect(d?.rhythm).toMatchObject({ source: 'inferred', days: 20, toleranceDays: 10 });
    expect(d?.nudgeAt).toBe(d?.lateAt);
    expect(d?.worstAt).toBe(daysAgo(25) + 40 * DAY);
    expect(d?.worstRatio).toBe(2);
  });

  it('runs from Done as the due date does', () => {
    const d = dueInfo(quiet(100, { tags: ['client'] }), s, NOW, { doneAt: daysAgo(5) });
    expect(d?.worstAt).toBe(daysAgo(5) + 44 * DAY);
  });

  it.each([
    [{ days: 30, toleranceDays: 14, source: 'tag' as const }, 44],
    [{ days: 30, toleranceDays: 15, source: 'set' as const }, 45],
    [{ days: 30, toleranceDays: 60, source: 'set' as const }, 90],
    [{ days: 30, toleranceDays: 0, source: 'set' as const }, 60],
    [{ days: 30, toleranceDays: 15, source: 'inferred' as const }, 60],
  ])('wellOverdueDays(%j) is %i', (r, days) => {
    expect(wellOverdueDays(r)).toBe(days);
  });
});

describe('strength', () => {
  const strong = contact('a@x.com', {
    summary: { lastTouchAt: daysAgo(3), count: 120, sent: 60, received: 55, meetings: 5 },
  });
  const faded = contact('b@x.com', {
    summary: { lastTouchAt: daysAgo(300), count: 120, sent: 60, received: 55, meetings: 5 },
  });
  const oneWay = contact('c@x.com', { summary: { lastTouchAt: daysAgo(3), count: 120, sent: 120 } });
  const thin = contact('d@x.com', { summary: { lastTouchAt: daysAgo(3), count: 2, sent: 1, received: 1 } });
  it('is between 0 and 1', () => {
    for (const c of [strong, faded, oneWay, thin, contact('e@x.com')]) {
      const v = strength(c, NOW);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(strength(contact('e@x.com'), NOW)).toBe(0);
  });
  it('grows with recency, frequency and reciprocity', () => {
    expect(strength(strong, NOW)).toBeGreaterThan(0.9);
    expect(strength(strong, NOW)).toBeGreaterThan(strength(faded, NOW));
    expect(strength(strong, NOW)).toBeGreaterThan(strength(oneWay, NOW));
    expect(strength(strong, NOW)).toBeGreaterThan(strength(thin, NOW));
  });
});

describe('describeRhythm', () => {
  it.each([
    [1, 'you usually talk every day'],
    [3, 'you usually talk every ~3 days'],
    [7, 'you usually talk every ~week'],
    [21, 'you usually talk every ~3 weeks'],
    [30, 'you usually talk every ~month'],
    [61, 'you usually talk every ~2 months'],
    [91, 'you usually talk every ~3 months'],
    [365, 'you usually talk every ~year'],
  ])('%i days', (days, words) => {
    expect(describeRhythm(days)).toBe(words);
  });
});
