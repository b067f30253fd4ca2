import { composeUrl, threadUrl } from '@/lib/core/gmail-links';
import type { Settings } from '@/lib/core/model';
import { inQuietHours, nextDigestAt, type PlanInput, planNotifications, targetUrl } from '@/lib/engine/notify';
import type { Nudge } from '@/lib/engine/nudges';
import { wallTime, zonedInstant } from '@/lib/time/zoned-time';
import { DAY, HOUR, settings } from './fixtures';

const TZ = 'Europe/Paris';
/** 14:00 on a local day in Paris (CET in March before the 31st). */
const at = (day: number, hour: number, minute = 0, month = 3) =>
  zonedInstant({ year: 2024, month, day, hour, minute }, TZ);
const NOW = at(13, 14);

const nudge = (i: number, over: Partial<Nudge> = {}): Nudge => ({
  key: `contact:p${i}@x.com`,
  kind: 'overdue',
  contact: `p${i}@x.com`,
  name: `Person ${i}`,
  reason: 'Monthly · last email 7 weeks ago',
  score: 10 - i,
  at: NOW - 50 * DAY,
  ...over,
});
const promiseNudge = (id: string, dueAt: number): Nudge => ({
  key: `promise:${id}`,
  kind: 'promise',
  contact: 'sam@x.com',
  name: 'Sam',
  reason: 'You promised to send them the deck · due today',
  score: 2,
  at: dueAt,
  dueAt,
  promiseId: id,
  threadKey: 'me@x.com/t1',
  threadId: 't1',
  account: 'me@x.com',
});

function plan(over: Partial<PlanInput> & { s?: Partial<Settings['notifications']> } = {}) {
  const { s, ...rest } = over;
  const base = settings();
  return planNotifications({
    nudges: [nudge(1), nudge(2), nudge(3)],
    settings: { ...base, notifications: { ...base.notifications, ...s } },
    now: NOW,
    timeZone: TZ,
    sentLog: [],
    kind: 'digest',
    ...rest,
  });
}

describe('quiet hours', () => {
  const s = (quietStart: string, quietEnd: string) => ({
    ...settings(),
    notifications: { ...settings().notifications, quietStart, quietEnd },
  });
  it.each([
    ['20:00–08:00 at 23:00 (crossing midnight)', s('20:00', '08:00'), at(13, 23), true],
    ['20:00–08:00 at 03:00', s('20:00', '08:00'), at(13, 3), true],
    ['20:00–08:00 at 08:00 (end is open)', s('20:00', '08:00'), at(13, 8), false],
    ['20:00–08:00 at 12:00', s('20:00', '08:00'), at(13, 12), false],
    ['12:00–14:00 at 13:00', s('12:00', '14:00'), at(13, 13), true],
    ['12:00–14:00 at 23:00', s('12:00', '14:00'), at(13, 23), false],
    ['equal start and end: none', s('08:00', '08:00'), at(13, 3), false],
  ])('%s', (_name, st, t, expected) => {
    expect(inQuietHours(st, t, TZ)).toBe(expected);
  });
  it('no notices inside quiet hours, digest or immediate', () => {
    expect(plan({ now: at(13, 22) }).notices).toEqual([]);
    expect(plan({ now: at(14, 2), kind: 'immediate', nudges: [promiseNudge('p', at(14, 23, 59))] }).notices).toEqual(
      [],
    );
  });
});

describe('digest', () => {
  it('one digest a day, listing the nudges, with one button to the popup', () => {
    const { notices } = plan();
    expect(notices).toHaveLength(1);
    const [d] = notices;
    expect(d).toMatchObject({
      id: 'digest:2024-03-13',
      title: '3 people to get back to today',
      message: 'Person 1, Person 2 and Person 3',
      target: { kind: 'popup' },
      nudgeKeys: ['contact:p1@x.com', 'contact:p2@x.com', 'contact:p3@x.com'],
    });
    expect(d?.items).toHaveLength(3);
    expect(d?.buttons.length).toBeLessThanOrEqual(2);
    // About several people: a click opens the popup, not one person's page.
    expect(d?.person).toBeUndefined();
  });
  it("a digest of several things about one person opens that person's page", () => {
    const twice = [nudge(1), nudge(1, { key: 'key-date:p1@x.com:birthday', kind: 'key-date' })];
    const [d] = plan({ nudges: twice }).notices;
    expect(d).toMatchObject({ title: '2 things for Person 1 today', person: 'p1@x.com' });
  });
  it('a single nudge: Write and Snooze a week, opening Gmail compose', () => {
    const [d] = plan({ nudges: [nudge(1)] }).notices;
    expect(d?.buttons).toEqual([
      { action: 'write', title: 'Write' },
      { action: 'snooze-week', title: 'Snooze a week' },
    ]);
    expect(d?.target).toEqual({ kind: 'compose', to: 'p1@x.com' });
  });
  it('never the same notice twice: the same sentLog given again (a restart) yields nothing new', () => {
    const first = plan();
    const sentLog = first.notices.map((n) => ({ id: n.id, at: NOW }));
    expect(plan({ sentLog }).notices).toEqual([]);
    expect(plan({ sentLog, now: NOW + 3 * HOUR }).notices).toEqual([]);
    // the next day, a new digest
    expect(plan({ sentLog, now: at(14, 9, 30) }).notices.map((n) => n.id)).toEqual(['digest:2024-03-14']);
  });
  it.each([
    ['before the digest time', at(13, 8, 30), 0],
    ['at the digest time', at(13, 9), 1],
    ['hours late (the machine slept)', at(13, 19), 1],
    ['over 18 hours late: stale', at(14, 8, 30), 0],
  ])('%s', (_name, now, count) => {
    expect(plan({ now, s: { quietStart: '22:00', quietEnd: '07:00' } }).notices).toHaveLength(count);
  });
  it('nothing to say, no digest', () => {
    expect(plan({ nudges: [] }).notices).toEqual([]);
  });
});

describe('immediate promise notices', () => {
  const due = at(13, 23, 59);
  it('one per promise and due date, with Open thread and Mark done', () => {
    const { notices } = plan({ kind: 'immediate', nudges: [promiseNudge('p1', due), nudge(1)] });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      id: `promise:p1:${due}`,
      title: 'Promise due today: Sam',
      target: { kind: 'thread', threadId: 't1', account: 'me@x.com' },
      buttons: [
        { action: 'open', title: 'Open thread' },
        { action: 'done', title: 'Mark done' },
      ],
      nudgeKeys: ['promise:p1'],
    });
  });
  it('a promise given a new date notifies again; the same one never', () => {
    const sentLog = [{ id: `promise:p1:${due}`, at: NOW - HOUR }];
    expect(plan({ kind: 'immediate', nudges: [promiseNudge('p1', due)], sentLog }).notices).toEqual([]);
    expect(plan({ kind: 'immediate', nudges: [promiseNudge('p1', NOW + 2 * HOUR)], sentLog }).notices).toHaveLength(1);
  });
  it('promises not yet coming due wait', () => {
    expect(plan({ kind: 'immediate', nudges: [promiseNudge('p1', NOW + 3 * DAY)] }).notices).toEqual([]);
  });
  it.each([
    ['due at the end of tomorrow: told today', at(14, 23, 59), 'Promise due tomorrow: Sam'],
    ['due at 10:00 tomorrow: told today', at(14, 10), 'Promise due tomorrow: Sam'],
    ['due at the end of the day after tomorrow: not yet', at(15, 23, 59), null],
  ])('%s', (_name, dueAt, title) => {
    const { notices } = plan({ kind: 'immediate', nudges: [promiseNudge('p1', dueAt)] });
    expect(notices.map((n) => n.title)).toEqual(title ? [title] : []);
  });
  it('told from the start of the day before the due day', () => {
    const dueAt = at(14, 23, 59);
    expect(plan({ kind: 'immediate', now: at(12, 18), nudges: [promiseNudge('p1', dueAt)] }).notices).toEqual([]);
    expect(plan({ kind: 'immediate', now: at(13, 8), nudges: [promiseNudge('p1', dueAt)] }).notices).toHaveLength(1);
  });
});

describe('daily cap and off switches', () => {
  const many = Array.from({ length: 8 }, (_, i) => promiseNudge(`p${i}`, at(13, 23, 59)));
  it.each([
    ['the cap limits notices', { dailyCap: 3 }, [], 3],
    [
      "today's sent notices count",
      { dailyCap: 3 },
      [
        { id: 'digest:2024-03-13', at: at(13, 9) },
        { id: 'x', at: at(13, 10) },
      ],
      1,
    ],
    [
      "yesterday's do not",
      { dailyCap: 3 },
      [
        { id: 'a', at: at(12, 9) },
        { id: 'b', at: at(12, 23, 30) },
      ],
      3,
    ],
    [
      'cap reached',
      { dailyCap: 2 },
      [
        { id: 'a', at: at(13, 9) },
        { id: 'b', at: at(13, 10) },
      ],
      0,
    ],
    ['cap zero', { dailyCap: 0 }, [], 0],
    ['notifications off', { enabled: false }, [], 0],
    ['promise notices off', { promiseNotices: false }, [], 0],
  ])('%s', (_name, s, sentLog, count) => {
    expect(plan({ kind: 'immediate', nudges: many, sentLog, s }).notices).toHaveLength(count);
  });
  it('notifications off also stops the digest', () => {
    expect(plan({ s: { enabled: false } }).notices).toEqual([]);
  });
  it('every notice has at most two buttons', () => {
    const kinds: Nudge['kind'][] = ['reply-needed', 'awaiting-reply', 'overdue', 'promise', 'key-date', 'appreciation'];
    for (const kind of kinds) {
      const n = { ...promiseNudge('p', at(13, 23)), kind, key: `k-${kind}` };
      const { notices } = plan({ nudges: [n] });
      expect(notices[0]?.buttons.length).toBeGreaterThan(0);
      expect(notices[0]?.buttons.length).toBeLessThanOrEqual(2);
    }
    expect(
      plan({ nudges: Array.from({ length: 9 }, (_, i) => nudge(i)) }).notices[0]?.buttons.length,
    ).toBeLessThanOrEqual(2);
  });
});

describe('nextDigestAt', () => {
  const local = (ms: number) => {
    const w = wallTime(ms, TZ);
    return `${w.month}-${w.day} ${w.hour}:${String(w.minute).padStart(2, '0')}`;
  };
  const s = (digestTime: string, quietStart = '20:00', quietEnd = '08:00') => ({
    ...settings(),
    notifications: { ...settings().notifications, digestTime, quietStart, quietEnd },
  });
  it.each([
    ['later today', s('09:00'), at(13, 7), '3-13 9:00'],
    ['already past: tomorrow', s('09:00'), at(13, 9), '3-14 9:00'],
    ['inside quiet hours: moved to their end', s('07:00'), at(13, 10), '3-14 8:00'],
    ['late evening inside quiet hours: next morning', s('21:30'), at(13, 10), '3-14 8:00'],
    ['across the spring DST change (31 March in Paris)', s('09:00'), at(30, 12), '3-31 9:00'],
    [
      'a time that does not exist that night (02:30 on 31 March)',
      s('02:30', '22:00', '22:00'),
      at(30, 12),
      '3-31 3:30',
    ],
  ])('%s', (_name, st, now, expected) => {
    expect(local(nextDigestAt(st, now, TZ))).toBe(expected);
  });
  it('is the same wall time on both sides of DST, 23 hours apart', () => {
    const before = nextDigestAt(s('09:00'), at(30, 12), TZ);
    const after = nextDigestAt(s('09:00'), before, TZ);
    expect(after - before).toBe(24 * HOUR);
    expect(before - nextDigestAt(s('09:00'), at(29, 12), TZ)).toBe(23 * HOUR);
  });
});

describe('Gmail links', () => {
  it('compose', () => {
    expect(composeUrl({ to: 'sam@x.com', subject: 'Hi & hello', body: 'Line 1\nLine 2', accountIndex: 1 })).toBe(
      'https://mail.google.com/mail/u/1/?view=cm&fs=1&to=sam%40x.com&su=Hi%20%26%20hello&body=Line%201%0ALine%202',
    );
    expect(composeUrl({ to: 'sam@x.com' })).toBe('https://mail.google.com/mail/u/0/?view=cm&fs=1&to=sam%40x.com');
  });
  it('thread', () => {
    expect(threadUrl(2, '18e2f3a4b5c6d7e8')).toBe('https://mail.google.com/mail/u/2/#all/18e2f3a4b5c6d7e8');
  });
  it('targets', () => {
    expect(targetUrl({ kind: 'thread', threadId: 'abc', account: 'me@x.com' })).toBe(
      'https://mail.google.com/mail/u/me%40x.com/#all/abc',
    );
    expect(targetUrl({ kind: 'compose', to: 'a@x.com', subject: 'Thank you' }, 1)).toBe(
      'https://mail.google.com/mail/u/1/?view=cm&fs=1&to=a%40x.com&su=Thank%20you',
    );
    expect(targetUrl({ kind: 'popup' })).toBeUndefined();
  });
});
