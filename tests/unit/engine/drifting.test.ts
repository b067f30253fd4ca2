import type { Contact } from '@/lib/core/model';
import { contactDue } from '@/lib/engine/cadence';
import { DRIFTING_ROWS, drift, driftingPeople } from '@/lib/engine/drifting';
import { contact, DAY, settings } from './fixtures';

const NOW = Date.UTC(2026, 10, 2);
const SETTINGS = settings({ tagCadences: { clients: { days: 30, toleranceDays: 0 } } });

function c(
  inferredDays: number | null,
  silentDays: number | undefined,
  cadence: Contact['cadence'] = { mode: 'auto' },
  over: Partial<Omit<Contact, 'summary'>> = {},
) {
  return contact(over.email ?? 'p@x.org', {
    ...over,
    cadence,
    summary: {
      count: 10,
      sent: 5,
      received: 5,
      inferredDays,
      ...(silentDays === undefined ? {} : { lastTouchAt: NOW - silentDays * DAY, lastAt: NOW - silentDays * DAY }),
    },
  });
}

describe('drift', () => {
  it.each([
    ['weekly, quiet 5 days', c(7, 5), null],
    ['weekly, quiet 12 days: slowing', c(7, 12), 'slowing'],
    ['weekly, quiet 25 days: silent', c(7, 25), 'silent'],
    ['monthly, quiet 40 days: on its rhythm', c(30, 40), null],
    ['monthly, quiet 50 days: slowing', c(30, 50), 'slowing'],
    ['monthly, quiet 95 days: silent', c(30, 95), 'silent'],
    ['monthly, quiet 400 days: history, not drift', c(30, 400), null],
    ['no rhythm known', c(null, 200), null],
    ['never in touch', c(14, undefined), null],
    ['not tracked', c(7, 60, { mode: 'off' }), null],
    ['not tracked, even with a tag that has a rhythm', c(null, 60, { mode: 'off' }, { tags: ['clients'] }), null],
    ['set monthly by hand, quiet 100 days', c(null, 100, { mode: 'fixed', days: 30, toleranceDays: 0 }), 'silent'],
    ['monthly by its tag, quiet 50 days: slowing', c(null, 50, { mode: 'auto' }, { tags: ['clients'] }), 'slowing'],
    ['monthly by its tag, quiet 200 days: silent', c(null, 200, { mode: 'auto' }, { tags: ['Clients'] }), 'silent'],
    // A tag's rhythm comes before the inferred one, as it does for who is overdue.
    [
      'monthly by its tag though weekly by history, quiet 30 days',
      c(7, 30, { mode: 'auto' }, { tags: ['clients'] }),
      null,
    ],
    ['a tag with no rhythm: the inferred one', c(7, 30, { mode: 'auto' }, { tags: ['friends'] }), 'silent'],
  ])('%s', (_, contact, kind) => {
    expect(drift(contact, SETTINGS, NOW)?.kind ?? null).toBe(kind);
  });

  it('measures against the same rhythm the rest of the engine uses: overdue for a tag rhythm, drifting from it', () => {
    const tagged = c(null, 200, { mode: 'auto' }, { tags: ['clients'] });
    expect(contactDue(tagged, SETTINGS, NOW).overdue).toBe(true);
    expect(drift(tagged, SETTINGS, NOW)).toEqual({ kind: 'silent', usualDays: 30, silentDays: 200 });
  });
});

describe('driftingPeople', () => {
  it('lists the most adrift first, skipping who the caller says', () => {
    const people = [
      c(7, 12, undefined, { email: 'a@x.org' }),
      c(7, 60, undefined, { email: 'b@x.org' }),
      c(30, 95, undefined, { email: 'c@x.org' }),
      c(7, 3, undefined, { email: 'd@x.org' }),
      c(7, 80, undefined, { email: 'robot@x.org' }),
    ];
    const found = driftingPeople(people, SETTINGS, NOW, (e) => e.startsWith('robot'));
    expect(found.count).toBe(3);
    expect(found.top.map((f) => [f.contact.email, f.drift.kind])).toEqual([
      ['b@x.org', 'silent'],
      ['c@x.org', 'silent'],
      ['a@x.org', 'slowing'],
    ]);
  });

  it('counts everyone drifting, not only the five it lists', () => {
    const people = Array.from({ length: 40 }, (_, i) => c(7, 20 + i, undefined, { email: `p${i}@x.org` }));
    const found = driftingPeople(people, SETTINGS, NOW, () => false);
    expect(found.count).toBe(40);
    expect(found.top).toHaveLength(DRIFTING_ROWS);
    expect(found.top.map((f) => f.contact.email)).toEqual([
      'p39@x.org',
      'p38@x.org',
      'p37@x.org',
      'p36@x.org',
      'p35@x.org',
    ]);
  });
});
