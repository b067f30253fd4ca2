/**
 * The background's notification steps over a real (fake-indexeddb) store: each notice is shown once, also
 * after a restart (a new connection to the same database), a notice the browser refused is tried again, and the
 * buttons do what they say ("Snooze a week" is snoozeUntil('week') in the user's zone).
 */
import { onNoticeButton, onNoticeClicked, showDue } from '@/entrypoints/background/notifications';
import type { Notice } from '@/lib/engine/notify';
import type { Nudge } from '@/lib/engine/nudges';
import { snoozeUntil } from '@/lib/engine/snooze';
import { TendDB } from '@/lib/store/db';
import { saveSettings } from '@/lib/store/settings';
import { zonedInstant } from '@/lib/time/zoned-time';
import { DAY, HOUR, settings } from './fixtures';

const TZ = 'America/New_York';
/** Wednesday 13 March 2024, 10:00 in New York; the digest is at 09:00, no quiet hours. */
const NOW = zonedInstant({ year: 2024, month: 3, day: 13, hour: 10 }, TZ);

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
const promise: Nudge = {
  key: 'promise:p1',
  kind: 'promise',
  contact: 'sam@x.com',
  name: 'Sam',
  reason: 'You promised to send them the deck · due tomorrow',
  score: 1,
  at: NOW + DAY,
  dueAt: zonedInstant({ year: 2024, month: 3, day: 14, hour: 23, minute: 59 }, TZ),
  promiseId: 'p1',
  threadKey: 'me@x.com/t1',
  threadId: 't1',
  account: 'me@x.com',
};

let n = 0;
async function store(name = `tend-bg-${++n}-${Math.random().toString(36).slice(2)}`): Promise<TendDB> {
  const db = new TendDB(name);
  const base = settings();
  const r = await saveSettings(db, {
    ...base,
    timeZone: TZ,
    notifications: { ...base.notifications, digestTime: '09:00', quietStart: '00:00', quietEnd: '00:00' },
  });
  expect(r.ok).toBe(true);
  return db;
}

function recorder() {
  const shown: Notice[] = [];
  return { shown, show: async (x: Notice) => void shown.push(x) };
}

describe('showDue', () => {
  it('shows the digest and a promise coming due once, also after a restart', async () => {
    const db = await store();
    const r = recorder();
    const nudges = [promise, nudge(1), nudge(2)];
    await showDue(db, nudges, 'immediate', NOW, r.show);
    await showDue(db, nudges, 'digest', NOW + 1000, r.show);
    expect(r.shown.map((x) => x.id)).toEqual([`promise:p1:${promise.dueAt}`, 'digest:2024-03-13']);
    expect(r.shown[0]?.title).toBe('Promise due tomorrow: Sam');
    expect(r.shown[1]?.title).toBe('3 people to get back to today');

    // The alarm again, the tick again, and a restart (a new connection to the same database).
    await showDue(db, nudges, 'digest', NOW + HOUR, r.show);
    await showDue(db, nudges, 'immediate', NOW + HOUR, r.show);
    const name = db.name;
    db.close();
    const again = new TendDB(name);
    await showDue(again, nudges, 'digest', NOW + 2 * HOUR, r.show);
    await showDue(again, nudges, 'immediate', NOW + 2 * HOUR, r.show);
    expect(r.shown).toHaveLength(2);
    expect((await again.notified.toArray()).map((x) => x.id).sort()).toEqual(
      ['digest:2024-03-13', `promise:p1:${promise.dueAt}`].sort(),
    );
    // Tomorrow's digest is a new one.
    await showDue(again, nudges, 'digest', NOW + DAY, r.show);
    expect(r.shown.map((x) => x.id)).toContain('digest:2024-03-14');
  });

  it('a notice the browser refused is not logged, so it is tried again', async () => {
    const db = await store();
    await expect(
      showDue(db, [nudge(1)], 'digest', NOW, async () => {
        throw new Error('no icon');
      }),
    ).resolves.toEqual([]);
    expect(await db.notified.count()).toBe(0);
    const r = recorder();
    await showDue(db, [nudge(1)], 'digest', NOW + 1000, r.show);
    expect(r.shown.map((x) => x.id)).toEqual(['digest:2024-03-13']);
  });

  it('logs what the buttons act on', async () => {
    const db = await store();
    await showDue(db, [nudge(1)], 'digest', NOW, recorder().show);
    expect(await db.notified.get('digest:2024-03-13')).toEqual({
      id: 'digest:2024-03-13',
      at: NOW,
      url: 'https://mail.google.com/mail/u/0/?view=cm&fs=1&to=p1%40x.com',
      nudgeKeys: ['contact:p1@x.com'],
      actions: ['write', 'snooze-week'],
      person: 'p1@x.com',
    });
  });
});

describe('clicks', () => {
  function deps(now = NOW) {
    const opened: (string | undefined)[] = [];
    const cleared: string[] = [];
    let changed = 0;
    return {
      opened,
      cleared,
      changes: () => changed,
      deps: {
        open: async (u: string | undefined) => void opened.push(u),
        clear: async (id: string) => void cleared.push(id),
        changed: () => void changed++,
        now: () => now,
      },
    };
  }

  it('"Snooze a week" snoozes the nudge until 8:00 seven days from today, in the user\'s zone', async () => {
    const db = await store();
    await showDue(db, [nudge(1)], 'digest', NOW, recorder().show);
    const d = deps(NOW + HOUR);
    expect(await onNoticeButton(db, 'digest:2024-03-13', 1, d.deps)).toBe('snooze-week');
    const until = snoozeUntil('week', NOW + HOUR, TZ);
    expect(until).toBe(zonedInstant({ year: 2024, month: 3, day: 20, hour: 8 }, TZ));
    expect(await db.nudgeState.get('contact:p1@x.com')).toEqual({ key: 'contact:p1@x.com', snoozedUntil: until });
    expect(d.cleared).toEqual(['digest:2024-03-13']);
    expect(d.changes()).toBe(1);
    expect(d.opened).toEqual([]);
  });

  it('"Write" opens the compose window; a click on the notice opens its target', async () => {
    const db = await store();
    await showDue(db, [nudge(1)], 'digest', NOW, recorder().show);
    const d = deps();
    expect(await onNoticeButton(db, 'digest:2024-03-13', 0, d.deps)).toBe('write');
    await onNoticeClicked(db, 'digest:2024-03-13', d.deps);
    const url = 'https://mail.google.com/mail/u/0/?view=cm&fs=1&to=p1%40x.com';
    expect(d.opened).toEqual([url, url]);
    expect(await db.nudgeState.count()).toBe(0);
  });

  it('a click on a notice about one person opens their page in Tend; its Write button still opens Gmail', async () => {
    const db = await store();
    await showDue(db, [nudge(1)], 'digest', NOW, recorder().show);
    const d = deps();
    const people: string[] = [];
    const withPage = { ...d.deps, openPerson: async (e: string) => void people.push(e) };
    await onNoticeClicked(db, 'digest:2024-03-13', withPage);
    expect(people).toEqual(['p1@x.com']);
    expect(d.opened).toEqual([]);
    expect(await onNoticeButton(db, 'digest:2024-03-13', 0, withPage)).toBe('write');
    expect(d.opened).toEqual(['https://mail.google.com/mail/u/0/?view=cm&fs=1&to=p1%40x.com']);
  });

  it('"Mark done" closes a promise; "Open thread" opens it', async () => {
    const db = await store();
    await showDue(db, [promise], 'immediate', NOW, recorder().show);
    const id = `promise:p1:${promise.dueAt}`;
    const d = deps();
    expect(await onNoticeButton(db, id, 0, d.deps)).toBe('open');
    expect(d.opened[0]).toBe('https://mail.google.com/mail/u/me%40x.com/#all/t1');
    expect(await onNoticeButton(db, id, 1, d.deps)).toBe('done');
    expect(await db.nudgeState.get('promise:p1')).toEqual({ key: 'promise:p1', doneAt: NOW });
  });

  it('a digest of several people opens Tend; an unknown notice or button does nothing but clear', async () => {
    const db = await store();
    await showDue(db, [nudge(1), nudge(2)], 'digest', NOW, recorder().show);
    const d = deps();
    await onNoticeClicked(db, 'digest:2024-03-13', d.deps);
    expect(d.opened).toEqual([undefined]);
    expect(await onNoticeButton(db, 'digest:2024-03-13', 1, d.deps)).toBeNull();
    expect(await onNoticeButton(db, 'nope', 0, d.deps)).toBeNull();
    expect(d.cleared).toEqual(['digest:2024-03-13', 'digest:2024-03-13', 'nope']);
    expect(await db.nudgeState.count()).toBe(0);
  });
});
