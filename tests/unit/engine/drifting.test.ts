import type { Contact } from '@/lib/core/model';
import { drift } from '@/lib/engine/drifting';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 2);

function c(
  inferredDays: number | null,
  silentDays: number | undefined,
  cadence: Contact['cadence'] = { mode: 'auto' },
) {
  return {
    cadence,
    summary: {
      count: 10,
      sent: 5,
      received: 5,
      meetings: 0,
      inferredDays,
      ...(silentDays === undefined ? {} : { lastTouchAt: NOW - silentDays * DAY, lastAt: NOW - silentDays * DAY }),
    },
  };
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
    ['set monthly by hand, quiet 100 days', c(null, 100, { mode: 'fixed', days: 30, toleranceDays: 0 }), 'silent'],
  ])('%s', (_, contact, kind) => {
    expect(drift(contact, NOW)?.kind ?? null).toBe(kind);
  });
});

describe('driftingPeople', () => {
  it('lists the most adrift first, skipping who the caller says, at most five', async () => {
    const { driftingPeople } = await import('@/lib/engine/drifting');
    const people = [
      { email: 'a@x.org', ...c(7, 12) },
      { email: 'b@x.org', ...c(7, 60) },
      { email: 'c@x.org', ...c(30, 95) },
      { email: 'd@x.org', ...c(7, 3) },
      { email: 'robot@x.org', ...c(7, 80) },
    ];
    const found = driftingPeople(people, NOW, (e) => e.startsWith('robot'));
    expect(found.map((f) => [f.contact.email, f.drift.kind])).toEqual([
      ['b@x.org', 'silent'],
      ['c@x.org', 'silent'],
      ['a@x.org', 'slowing'],
    ]);
  });
});
