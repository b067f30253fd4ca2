import { dueScale, nudgeDueScale } from '@/components/due-scale';
import type { Contact } from '@/lib/core/model';
import { contactDue, effectiveRhythm } from '@/lib/engine/cadence';
import type { PersonRow } from '@/lib/store/people-table';
import { contact, DAY, settings } from '../engine/fixtures';

const NOW = Date.UTC(2026, 11, 3, 12);
const SETTINGS = settings({
  tagCadences: {
    clients: { days: 30, toleranceDays: 5 },
    mentors: { days: 30, toleranceDays: 14 },
    team: { days: 30, toleranceDays: 0 },
  },
});

/** A person's row as the People view builds it (lib/store/people-table.ts peopleRows), from the engine. */
function rowOf(
  c: Contact,
): Pick<PersonRow, 'dueRatio' | 'worstRatio' | 'rhythmDays' | 'rhythmSource' | 'lastAt' | 'muted' | 'overdue'> {
  const r = effectiveRhythm(c, SETTINGS);
  const { due, overdue } = contactDue(c, SETTINGS, NOW);
  return {
    ...(c.summary?.lastAt !== undefined ? { lastAt: c.summary.lastAt } : {}),
    ...(r ? { rhythmDays: r.days, rhythmSource: r.source } : {}),
    ...(due ? { dueRatio: due.overdueRatio, worstRatio: due.worstRatio } : {}),
    overdue,
    muted: false,
  };
}

function quietFor(days: number, over: Partial<Omit<Contact, 'summary'>>, inferredDays: number | null = null) {
  const at = NOW - days * DAY;
  return contact('p@x.org', {
    ...over,
    summary: { count: 10, sent: 5, received: 5, inferredDays, lastAt: at, lastTouchAt: at },
  });
}

/** The words a row goes through day by day, each with the first day it shows them. */
function steps(make: (days: number) => Contact, until: number): string {
  const out: string[] = [];
  for (let d = 0; d <= until; d++) {
    const { words } = dueScale(rowOf(make(d)));
    if (out.at(-1)?.split('@')[0] !== words) out.push(`${words}@${d}`);
  }
  return out.join(' → ');
}

describe('dueScale over the days', () => {
  it.each([
    // An inferred rhythm is overdue only after its allowance (half the rhythm); it still passes through "overdue".
    [
      'inferred weekly',
      (d: number) => quietFor(d, {}, 7),
      21,
      'on time@0 → due soon@6 → due@7 → overdue@11 → well overdue@14',
    ],
    [
      'inferred fortnightly',
      (d: number) => quietFor(d, {}, 14),
      42,
      'on time@0 → due soon@11 → due@14 → overdue@21 → well overdue@28',
    ],
    [
      'inferred monthly',
      (d: number) => quietFor(d, {}, 30),
      90,
      'on time@0 → due soon@23 → due@30 → overdue@45 → well overdue@60',
    ],
    [
      'set monthly',
      (d: number) => quietFor(d, { cadence: { mode: 'fixed', days: 30, toleranceDays: 0 } }),
      90,
      'on time@0 → due soon@23 → overdue@30 → well overdue@60',
    ],
    // A rhythm set by hand or by a tag is well overdue past its "at worst" date: its tolerance's end.
    [
      'monthly by a tag, at worst 5 days later',
      (d: number) => quietFor(d, { tags: ['clients'] }),
      90,
      'on time@0 → due soon@23 → overdue@30 → well overdue@35',
    ],
    [
      'monthly by a tag, at worst 14 days later',
      (d: number) => quietFor(d, { tags: ['mentors'] }),
      90,
      'on time@0 → due soon@23 → overdue@30 → well overdue@44',
    ],
    [
      'monthly by a tag with no tolerance',
      (d: number) => quietFor(d, { tags: ['team'] }),
      90,
      'on time@0 → due soon@23 → overdue@30 → well overdue@60',
    ],
    [
      'set monthly by the rhythm picker (half the rhythm as tolerance)',
      (d: number) => quietFor(d, { cadence: { mode: 'fixed', days: 30, toleranceDays: 15 } }),
      90,
      'on time@0 → due soon@23 → overdue@30 → well overdue@45',
    ],
    [
      'set weekly, at worst 4 days later',
      (d: number) => quietFor(d, { cadence: { mode: 'fixed', days: 7, toleranceDays: 4 } }),
      30,
      'on time@0 → due soon@6 → overdue@7 → well overdue@11',
    ],
  ])('%s', (_, make, until, expected) => {
    expect(steps(make, until)).toBe(expected);
  });

  it('puts an Overdue nudge for an inferred rhythm on the same step as its row, not straight at well overdue', () => {
    for (const days of [11, 13, 14, 20]) {
      const c = quietFor(days, {}, 7);
      const { due, overdue } = contactDue(c, SETTINGS, NOW);
      expect(overdue).toBe(true);
      const nudge = nudgeDueScale({ kind: 'overdue', at: due?.lastAt ?? 0, dueAt: due?.dueAt ?? 0 }, NOW);
      expect(nudge).toEqual(dueScale(rowOf(c)));
      expect(nudge?.words).toBe(days < 14 ? 'overdue' : 'well overdue');
    }
  });
});

describe('the tolerance of a rhythm set by a tag (every 30 days, at worst 14 days later)', () => {
  const mentor = (days: number) => quietFor(days, { tags: ['mentors'] });
  const overdueNudge = (c: Contact) => {
    const { due, overdue } = contactDue(c, SETTINGS, NOW);
    expect(overdue).toBe(true);
    return { kind: 'overdue' as const, at: due?.lastAt ?? 0, dueAt: due?.dueAt ?? 0, worstAt: due?.worstAt ?? 0 };
  };

  it('is overdue on day 35 and well overdue on day 45, in the People view and in the popup alike', () => {
    expect(dueScale(rowOf(mentor(35)))).toEqual({ step: 3, words: 'overdue' });
    expect(dueScale(rowOf(mentor(43)))).toEqual({ step: 3, words: 'overdue' });
    expect(dueScale(rowOf(mentor(45)))).toEqual({ step: 4, words: 'well overdue' });
    for (const days of [30, 35, 43, 44, 45, 59, 60, 90]) {
      expect(nudgeDueScale(overdueNudge(mentor(days)), NOW)).toEqual(dueScale(rowOf(mentor(days))));
    }
  });

  it('is read as twice the rhythm from a nudge or a row kept by an older version (no date of its own)', () => {
    const { worstAt: _, ...old } = overdueNudge(mentor(45));
    expect(nudgeDueScale(old, NOW)).toEqual({ step: 3, words: 'overdue' });
    expect(nudgeDueScale(overdueNudge(mentor(61)), NOW)?.step).toBe(4);
    const { worstRatio: __, ...oldRow } = rowOf(mentor(45));
    expect(dueScale(oldRow)).toEqual({ step: 3, words: 'overdue' });
    expect(dueScale({ ...oldRow, dueRatio: 2 }).step).toBe(4);
    // A broken ratio is no ratio.
    expect(dueScale({ ...oldRow, worstRatio: Number.NaN }).step).toBe(3);
    expect(nudgeDueScale({ ...old, worstAt: Number.NaN }, NOW)?.step).toBe(3);
  });
});

describe('dueScale without a due date', () => {
  it('says an inferred rhythm whose last touch is over a year old is not tracked, not "no touch yet"', () => {
    const c = quietFor(400, {}, 14);
    expect(contactDue(c, SETTINGS, NOW).due).toBeNull();
    expect(dueScale(rowOf(c))).toEqual({ step: 0, words: 'not tracked: no touch in over a year' });
  });

  it('says "no touch yet" for a rhythm with no touch that counts, and "no rhythm" without one', () => {
    const never = contact('p@x.org', { cadence: { mode: 'fixed', days: 30, toleranceDays: 0 } });
    expect(dueScale(rowOf(never)).words).toBe('no touch yet');
    expect(dueScale(rowOf(quietFor(400, {}))).words).toBe('no rhythm');
    // A rhythm set by hand keeps its due date after a year: overdue, not left alone.
    expect(dueScale(rowOf(quietFor(400, { cadence: { mode: 'fixed', days: 30, toleranceDays: 0 } }))).words).toBe(
      'well overdue',
    );
  });
});
