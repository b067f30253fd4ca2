import type { NudgeState, PromiseRecord } from '@/lib/core/model';
import { contactNudgeKey, parseNudgeKey, promiseNudgeKey, threadNudgeKey } from '@/lib/engine/nudge-keys';
import { computeNudges, type NudgeInput } from '@/lib/engine/nudges';
import { snoozeUntil } from '@/lib/engine/snooze';
import { wallTime } from '@/lib/time/zoned-time';
import { contact, DAY, daysAgo, HOUR, msg, NOW, settings, thread } from './fixtures';

const ME = 'me@example.com';
const TZ = 'America/New_York';
const monthly = { mode: 'fixed' as const, days: 30, toleranceDays: 7 };
const busy = { count: 80, sent: 40, received: 40 };

function run(over: Partial<NudgeInput> = {}) {
  return computeNudges({
    contacts: [],
    threads: [],
    promises: [],
    states: [],
    settings: settings(),
    now: NOW,
    timeZone: TZ,
    ...over,
  });
}

function promise(id: string, over: Partial<PromiseRecord> = {}): PromiseRecord {
  return {
    id,
    threadKey: `${ME}/t-${id}`,
    messageId: `m-${id}`,
    contacts: ['sam@x.com'],
    text: "I'll send you the deck by Friday.",
    madeAt: daysAgo(3),
    status: 'open',
    suggestDone: false,
    ...over,
  };
}

describe('overdue ranking', () => {
  const contacts = [
    contact('strong-late@x.com', {
      name: 'Strong Late',
      cadence: monthly,
      summary: { ...busy, lastTouchAt: daysAgo(60) },
    }),
    contact('weak-late@x.com', {
      name: 'Weak Late',
      cadence: monthly,
      summary: { count: 2, sent: 2, lastTouchAt: daysAgo(60) },
    }),
    contact('strong-just@x.com', {
      name: 'Strong Just',
      cadence: monthly,
      summary: { ...busy, lastTouchAt: daysAgo(33) },
    }),
    contact('not-due@x.com', { cadence: monthly, summary: { ...busy, lastTouchAt: daysAgo(10) } }),
    contact('no-rhythm@x.com', { summary: { count: 2, sent: 1, received: 1, lastTouchAt: daysAgo(300) } }),
    contact('off@x.com', { cadence: { mode: 'off' }, summary: { ...busy, lastTouchAt: daysAgo(300) } }),
    contact('inferred-grace@x.com', { summary: { ...busy, lastTouchAt: daysAgo(25), inferredDays: 20 } }),
    contact('inferred-late@x.com', { summary: { ...busy, lastTouchAt: daysAgo(45), inferredDays: 20 } }),
  ];
  it('lists only due contacts, ranked by overdue ratio × strength', () => {
    const list = run({ contacts }).filter((n) => n.kind === 'overdue');
    expect(list.map((n) => n.contact)).toEqual([
      'inferred-late@x.com',
      'strong-late@x.com',
      'strong-just@x.com',
      'weak-late@x.com',
    ]);
    expect(list[1]).toMatchObject({
      key: 'contact:strong-late@x.com',
      name: 'Strong Late',
      at: daysAgo(60),
      dueAt: daysAgo(30),
      // lib/engine/cadence.ts DueInfo.worstAt, for the colour: well overdue from its "at worst" date (30 + 7 days).
      worstAt: daysAgo(23),
    });
    expect(list[1]?.reason).toBe('Monthly · last email 8 weeks ago');
    expect(list[0]?.reason).toBe('You usually talk every ~3 weeks · last email 6 weeks ago');
  });
});

describe('states: snoozed, done, muted', () => {
  const c = contact('sam@x.com', { name: 'Sam', cadence: monthly, summary: { ...busy, lastTouchAt: daysAgo(40) } });
  const t = thread('t1', [msg('1', daysAgo(4), 'received', 'sam@x.com', [ME])]);
  const base = { contacts: [c], threads: [t], promises: [promise('p1', { dueAt: NOW + HOUR })] };
  const keys = (states: NudgeState[]) =>
    run({ ...base, states })
      .map((n) => n.key)
      .sort();
  const all = ['contact:sam@x.com', 'promise:p1', `thread:${ME}/t1:reply-needed`];

  it.each<[string, NudgeState[], string[]]>([
    ['no state: everything', [], all],
    [
      'snoozed until tomorrow',
      [{ key: 'contact:sam@x.com', snoozedUntil: NOW + DAY }],
      ['promise:p1', `thread:${ME}/t1:reply-needed`],
    ],
    ['a snooze that ended', [{ key: 'contact:sam@x.com', snoozedUntil: NOW - 1 }], all],
    [
      'overdue done today: done for this cycle',
      [{ key: 'contact:sam@x.com', doneAt: NOW - HOUR }],
      ['promise:p1', `thread:${ME}/t1:reply-needed`],
    ],
    ['overdue done 40 days ago: due again', [{ key: 'contact:sam@x.com', doneAt: daysAgo(40) }], all],
    [
      'follow-up done after their message',
      [{ key: `thread:${ME}/t1:reply-needed`, doneAt: daysAgo(1) }],
      ['contact:sam@x.com', 'promise:p1'],
    ],
    [
      'follow-up done before their message: back again',
      [{ key: `thread:${ME}/t1:reply-needed`, doneAt: daysAgo(5) }],
      all,
    ],
    [
      'promise done',
      [{ key: 'promise:p1', doneAt: daysAgo(1) }],
      ['contact:sam@x.com', `thread:${ME}/t1:reply-needed`],
    ],
    ['contact muted: nothing about them', [{ key: 'contact:sam@x.com', muted: true }], []],
  ])('%s', (_name, states, expected) => {
    expect(keys(states)).toEqual(expected);
  });

  it('accepts states as a Map', () => {
    const states = new Map([['contact:sam@x.com', { key: 'contact:sam@x.com', muted: true }]]);
    expect(computeNudges({ ...base, states, settings: settings(), now: NOW })).toEqual([]);
  });
  it('ignored addresses are left out', () => {
    expect(run({ ...base, settings: settings({ ignoredAddresses: ['sam@x.com'] }) }).map((n) => n.key)).toEqual([]);
  });
});

describe('promises', () => {
  const t = thread('t-p2', [
    msg('m-p2', daysAgo(3), 'sent', ME, ['sam@x.com']),
    msg('later', daysAgo(1), 'sent', ME, ['sam@x.com']),
  ]);
  it.each([
    ['due later today: shown', promise('a', { dueAt: NOW + 5 * HOUR }), true],
    ['due in three days: not yet', promise('b', { dueAt: NOW + 3 * DAY }), false],
    // NOW is Wednesday 11:00 in New York; 23:59 there is 03:59 UTC the next day.
    ['due at the end of tomorrow: shown today', promise('b2', { dueAt: Date.UTC(2024, 2, 15, 3, 59, 59, 999) }), true],
    [
      'due at the end of the day after: not yet',
      promise('b3', { dueAt: Date.UTC(2024, 2, 16, 3, 59, 59, 999) }),
      false,
    ],
    ['overdue: shown', promise('c', { dueAt: daysAgo(2) }), true],
    ['long overdue: let go', promise('d', { dueAt: daysAgo(40) }), false],
    ['undated, made 3 days ago: shown', promise('e', { text: "I'll keep you posted." }), true],
    ['undated, made yesterday: not yet', promise('f', { text: "I'll keep you posted.", madeAt: daysAgo(1) }), false],
    ['marked done in the store', promise('g', { dueAt: NOW, status: 'done' }), false],
  ])('%s', (_name, p, shown) => {
    expect(run({ promises: [p] }).length).toBe(shown ? 1 : 0);
  });
  it('says why, links to the thread, and suggests done when the user wrote since', () => {
    const endOfToday = Date.UTC(2024, 2, 14, 3, 59, 59, 999); // 23:59 in New York
    const p2 = promise('p2', { text: "I'll send you the deck today.", dueAt: endOfToday });
    const [n] = run({ promises: [p2], threads: [t], contacts: [contact('sam@x.com', { name: 'Sam' })] });
    expect(n).toMatchObject({
      key: 'promise:p2',
      kind: 'promise',
      contact: 'sam@x.com',
      name: 'Sam',
      promiseId: 'p2',
      threadKey: `${ME}/t-p2`,
      threadId: 't-p2',
      account: ME,
    });
    expect(n?.reason).toBe('You promised to send them the deck · due today · you wrote in the thread since: done?');
  });
});

describe('order and keys', () => {
  it('groups kinds in a fixed order, by score within a kind', () => {
    const list = run({
      contacts: [
        contact('a@x.com', {
          cadence: monthly,
          summary: { ...busy, lastTouchAt: daysAgo(50) },
          dates: [{ kind: 'birthday', label: '', month: 3, day: 13, leadDays: 0 }],
        }),
        contact('b@x.com', {
          summary: { lastMeetingAt: NOW - 2 * HOUR, lastTouchAt: NOW - 2 * HOUR, meetings: 1, count: 1 },
        }),
      ],
      threads: [
        thread('t1', [msg('1', daysAgo(4), 'received', 'c@x.com', [ME])]),
        thread('t2', [msg('1', daysAgo(9), 'received', 'd@x.com', [ME])]),
        thread('t3', [msg('1', daysAgo(8), 'sent', ME, ['e@x.com'], true)]),
      ],
      promises: [promise('p', { dueAt: NOW + HOUR })],
    });
    expect(list.map((n) => `${n.kind} ${n.key}`)).toEqual([
      'promise promise:p',
      `reply-needed thread:${ME}/t2:reply-needed`,
      `reply-needed thread:${ME}/t1:reply-needed`,
      'key-date date:a@x.com:birthday:2024-03-13',
      `appreciation thanks:b@x.com:meeting:${NOW - 2 * HOUR}`,
      `awaiting-reply thread:${ME}/t3:awaiting-reply`,
      'overdue contact:a@x.com',
    ]);
  });
  it('key dates and appreciation have off switches', () => {
    const input = {
      contacts: [
        contact('b@x.com', {
          dates: [{ kind: 'birthday' as const, label: '', month: 3, day: 13, leadDays: 0 }],
          summary: { lastMeetingAt: NOW - HOUR, meetings: 1 },
        }),
      ],
      settings: settings({ keyDates: { enabled: false }, appreciation: { enabled: false } }),
    };
    expect(run(input)).toEqual([]);
  });
});

describe('snoozeUntil', () => {
  // NOW: Wednesday 13 March 2024, 11:00 in New York.
  const local = (ms: number) => {
    const w = wallTime(ms, TZ);
    return `${w.year}-${w.month}-${w.day} ${w.hour}:${String(w.minute).padStart(2, '0')} wd${w.weekday}`;
  };
  it.each([
    ['tomorrow', 'tomorrow' as const, NOW, '2024-3-14 8:00 wd4'],
    ['next week: next Monday', 'next-week' as const, NOW, '2024-3-18 8:00 wd1'],
    ['next week on a Monday: the Monday after', 'next-week' as const, Date.UTC(2024, 2, 18, 15), '2024-3-25 8:00 wd1'],
    ['a week', 'week' as const, NOW, '2024-3-20 8:00 wd3'],
    ['across the DST change (10 March)', 'tomorrow' as const, Date.UTC(2024, 2, 9, 15), '2024-3-10 8:00 wd0'],
  ])('%s', (_name, option, now, expected) => {
    expect(local(snoozeUntil(option, now, TZ))).toBe(expected);
  });
  it('a date is taken as it is', () => {
    expect(snoozeUntil(new Date(Date.UTC(2024, 3, 1)), NOW, TZ)).toBe(Date.UTC(2024, 3, 1));
  });
});

describe('nudge keys (lib/engine/nudge-keys): built and read in one place', () => {
  it.each([
    [contactNudgeKey('ann@example.com'), { kind: 'contact', email: 'ann@example.com' }],
    [promiseNudgeKey('p:1/2'), { kind: 'promise', id: 'p:1/2' }],
    [
      threadNudgeKey('0/18c:reply-needed', 'reply-needed'),
      { kind: 'thread', threadKey: '0/18c:reply-needed', follow: 'reply-needed' },
    ],
    [threadNudgeKey('0/18c', 'awaiting-reply'), { kind: 'thread', threadKey: '0/18c', follow: 'awaiting-reply' }],
    ['thread::reply-needed', { kind: 'other' }],
    ['date:ann@example.com:birthday:2026-07-05', { kind: 'other' }],
    ['something else', { kind: 'other' }],
  ])('%s', (key, parsed) => {
    expect(parseNudgeKey(key)).toEqual(parsed);
  });
});
