/**
 * Restarts and faults in the built extension.
 * (a) The service worker is stopped (Chrome DevTools Protocol) again and again while a Gmail page keeps adding
 *     rows: the content script keeps every batch the background did not acknowledge and sends it again, so the
 *     export ends exactly as in a run without the stops. The worker comes back with its alarms.
 * (b) The whole browser is closed and started again on the same profile: every record is still there, the
 *     alarms are there, and neither the worker's start nor the digest alarm shows a notice already shown.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { wallTime, zonedInstant } from '../../lib/time/zoned-time';
import { fixture, launchTend, type Tend, until, workerStopper } from './harness';

declare const chrome: any;

const TZ = 'America/New_York';
const DAY = 86_400_000;
const ME = 'dana.reyes@example.com';
const WAVES = 8;
const ROWS_PER_WAVE = 25;

type Backup = {
  exportedAt: string;
  contacts: { email: string; name: string; createdAt?: string; updatedAt?: string }[];
  interactions: { key?: string; contact: string; at: string; direction: string; source: string }[];
  threads: unknown[];
  promises: unknown[];
  nudgeState: unknown[];
  events: unknown[];
  settings: unknown;
};

async function exported(t: Tend): Promise<Backup> {
  const r = await t.send({ type: 'export' });
  expect(r.ok).toBe(true);
  return r.backup;
}

/** What must survive: every record, without the times the records were written at. */
function content(b: Backup) {
  const sortBy = <T>(xs: T[]) => [...xs].map((x) => JSON.stringify(x)).sort();
  return {
    contacts: sortBy(b.contacts.map(({ createdAt: _c, updatedAt: _u, ...c }) => c)),
    interactions: sortBy(b.interactions),
    threads: sortBy(b.threads),
    promises: sortBy(b.promises),
    nudgeState: sortBy(b.nudgeState),
    events: sortBy(b.events),
    settings: b.settings,
  };
}

/** The extension's running service worker (a stopped one is replaced by a new one on the next event). */
async function liveWorker(t: Tend): Promise<Worker> {
  const own = () => t.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${t.extensionId}/`));
  for (let i = 0; i < 3; i++) {
    const w = own();
    if (w) {
      try {
        await w.evaluate(() => 1);
        t.worker = w;
        return w;
      } catch {
        // a worker that was just stopped: wait for the next
      }
    }
    await t.send({ type: 'refresh' }); // wakes the worker
    await new Promise((r) => setTimeout(r, 300));
  }
  const w = own();
  if (!w) throw new Error('no service worker');
  t.worker = w;
  return w;
}

/** Appends `n` inbox rows (one new person and thread each) to the Gmail fixture page, like new mail arriving. */
async function addRows(page: Page, from: number, n: number): Promise<void> {
  await page.evaluate(
    ({ from, n }) => {
      const first = document.querySelector('tr.zA');
      if (!first?.parentNode) throw new Error('no rows to copy');
      for (let i = from; i < from + n; i++) {
        const row = first.cloneNode(true) as HTMLElement;
        row.id = `:gen${i}`;
        const email = `person${i}@gen${i % 7}.example`;
        const name = `Person ${i} Example`;
        for (const el of row.querySelectorAll('[email]')) {
          el.setAttribute('email', email);
          el.setAttribute('name', name);
          el.setAttribute('data-hovercard-id', email);
          el.textContent = name;
        }
        const hex = (0x19ab3c4d5e700000n + BigInt(i)).toString(16);
        for (const el of row.querySelectorAll('[data-thread-id]')) {
          el.setAttribute('data-thread-id', `#thread-f:${BigInt(`0x${hex}`).toString()}`);
          el.setAttribute('data-legacy-thread-id', hex);
          el.setAttribute('data-legacy-last-message-id', hex);
          el.setAttribute('data-legacy-last-non-draft-message-id', hex);
          el.textContent = `Generated thread ${i}`;
        }
        const when = new Date(2025, 9, 1 + (i % 28), 8 + (i % 9), i % 60);
        const title = when.toLocaleString('en-US', {
          weekday: 'short',
          month: 'short',
          day: 'numeric',
          year: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
        });
        const date = row.querySelector('td.xW span[title]');
        if (date) {
          date.setAttribute('title', title);
          date.setAttribute('aria-label', title);
          date.textContent = when.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
        }
        const label = row.querySelector('.afn');
        if (label) label.textContent = `${name}, Generated thread ${i}, ${title}`;
        first.parentNode.appendChild(row);
      }
    },
    { from, n },
  );
}

/** Opens the inbox in a new tab (a fresh content script) and lets mail arrive in waves. */
async function browseInbox(t: Tend, between: (wave: number) => Promise<void>): Promise<Page> {
  const gmail = await t.context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
  for (let w = 0; w < WAVES; w++) {
    await addRows(gmail, w * ROWS_PER_WAVE, ROWS_PER_WAVE);
    await between(w);
  }
  return gmail;
}

const generated = (b: Backup) => b.interactions.filter((i) => i.contact.startsWith('person')).length;

describe('(a) the service worker stopped in the middle of ingestion', () => {
  let tend: Tend;
  let reference: Backup;

  beforeAll(async () => {
    tend = await launchTend({ timezoneId: TZ });
    await tend.serve('https://mail.google.com/**', fixture('gmail/inbox.html'));
  });
  afterAll(async () => {
    await tend?.close();
  });

  it('a run without stops: the reference', async () => {
    const gmail = await browseInbox(tend, () => new Promise((r) => setTimeout(r, 250)));
    reference = await until(
      async () => {
        const b = await exported(tend);
        return generated(b) === WAVES * ROWS_PER_WAVE ? b : undefined;
      },
      'every generated row stored',
      30_000,
    );
    expect(reference.contacts.length).toBeGreaterThanOrEqual(WAVES * ROWS_PER_WAVE);
    await gmail.close();
    expect((await tend.send({ type: 'delete-all', confirm: 'delete all my Tend data' })).ok).toBe(true);
    expect((await exported(tend)).interactions).toEqual([]);
  });

  it('the same run with the worker stopped again and again loses nothing', async () => {
    const control = await tend.openPage('options.html');
    const stopper = await workerStopper(tend, control);
    // While waves 1 to 6 arrive, the worker is stopped whenever it runs (checked every 50 ms): batches go to a
    // worker that is starting, running or being stopped, and some replies never come.
    let storm = false;
    let loop: Promise<void> = Promise.resolve();
    const gmail = await browseInbox(tend, async (wave) => {
      if (wave === 1) {
        storm = true;
        loop = (async () => {
          while (storm) {
            await stopper.stopRunning();
            await new Promise((r) => setTimeout(r, 50));
          }
        })();
      }
      if (wave === 6) {
        storm = false;
        await loop;
      }
      await new Promise((r) => setTimeout(r, storm ? 900 : 300));
    });
    const stopped = stopper.stops();
    await stopper.close();
    // The worker really went down, several times, while the waves 1-5 were being captured.
    expect(stopped).toBeGreaterThanOrEqual(3);
    await until(
      async () => generated(await exported(tend)) === WAVES * ROWS_PER_WAVE,
      'every generated row stored after the stops',
      60_000,
    );
    // Let any batch still in flight land, then compare.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(content(await exported(tend))).toEqual(content(reference));
    await gmail.close();
    await control.close();
  });

  it('the restarted worker has its alarms', async () => {
    const w = await liveWorker(tend);
    const names = await until(async () => {
      const all: { name: string }[] = await w.evaluate(() => chrome.alarms.getAll());
      const n = all.map((a) => a.name).sort();
      return n.length === 3 ? n : undefined;
    }, 'three alarms');
    expect(names).toEqual(['tend-daily', 'tend-digest', 'tend-tick']);
  });
});

describe('(b) a full browser restart on the same profile', () => {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'tend-restart-'));
  const NOW = Date.now();
  let before: Backup;
  let notifiedBefore: { id: string; at: number }[];

  const notified = (w: Worker) =>
    w.evaluate(
      () =>
        new Promise<{ id: string; at: number }[]>((resolve, reject) => {
          const open = indexedDB.open('tend');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('notified').objectStore('notified').getAll();
            req.onsuccess = () => {
              open.result.close();
              resolve(
                (req.result as { id: string; at: number }[])
                  .map(({ id, at }) => ({ id, at }))
                  .sort((a, b) => (a.id < b.id ? -1 : 1)),
              );
            };
            req.onerror = () => reject(req.error);
          };
        }),
    );
  const onScreen = (w: Worker) =>
    w.evaluate(() => new Promise<string[]>((r) => chrome.notifications.getAll((all: object) => r(Object.keys(all)))));
  const fireDigest = async (w: Worker) => {
    await w.evaluate(() => chrome.alarms.create('tend-digest', { when: Date.now() + 100 }));
    await until(async () => {
      const a = await w.evaluate(() => chrome.alarms.get('tend-digest'));
      return a && a.scheduledTime > Date.now() + 60_000;
    }, 'the digest alarm handled');
    await new Promise((r) => setTimeout(r, 1_000));
  };

  function backup(promiseId: string) {
    const w = wallTime(NOW, TZ);
    const hourAgo = wallTime(NOW - 3_600_000, TZ);
    const pad = (n: number) => String(n).padStart(2, '0');
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      format: 'tend-backup',
      version: 1,
      exportedAt: iso(NOW),
      contacts: [
        { email: 'ravi@orbit.example', name: 'Ravi Kumar' },
        { email: 'pablo@tessel.example', name: 'Pablo Ruiz' },
      ],
      interactions: [
        { contact: 'ravi@orbit.example', at: iso(NOW - 5 * DAY), direction: 'received', source: 'gmail', account: ME },
        { contact: 'pablo@tessel.example', at: iso(NOW - DAY), direction: 'sent', source: 'gmail', account: ME },
      ],
      threads: [
        {
          id: `${ME}/t-ravi`,
          account: ME,
          threadId: 't-ravi',
          subject: 'Slides',
          people: ['ravi@orbit.example'],
          messages: [{ id: 'r1', at: iso(NOW - 5 * DAY), from: 'ravi@orbit.example', direction: 'received', to: [ME] }],
          lastAt: iso(NOW - 5 * DAY),
        },
      ],
      promises: [
        {
          id: promiseId,
          threadKey: `${ME}/t-pablo`,
          messageId: `${promiseId}-m`,
          contacts: ['pablo@tessel.example'],
          text: "I'll send you the deck by tomorrow.",
          madeAt: iso(NOW - DAY),
          dueAt: iso(zonedInstant({ year: w.year, month: w.month, day: w.day + 2 }, TZ) - 1),
        },
      ],
      settings: {
        selfAddresses: [ME],
        timeZone: TZ,
        notifications: {
          enabled: true,
          digestTime: `${pad(hourAgo.hour)}:${pad(hourAgo.minute)}`,
          promiseNotices: true,
          quietStart: '00:00',
          quietEnd: '00:00',
          dailyCap: 10,
        },
      },
      nudgeState: [],
    };
  }

  it('first run: history imported, the promise and the digest notified once', async () => {
    const tend = await launchTend({ timezoneId: TZ, userDataDir });
    try {
      expect((await tend.send({ type: 'import', backup: backup('p-deck') })).ok).toBe(true);
      await until(async () => (await notified(tend.worker)).some((n) => n.id.startsWith('promise:')), 'the promise');
      await fireDigest(tend.worker);
      notifiedBefore = await notified(tend.worker);
      expect(notifiedBefore.map((n) => n.id.split(':')[0])).toEqual(['digest', 'promise']);
      expect((await onScreen(tend.worker)).sort()).toEqual(notifiedBefore.map((n) => n.id));
      before = await exported(tend);
      expect(before.interactions).toHaveLength(2);
    } finally {
      await tend.close();
    }
  });

  it('second run: the same data, the alarms, and no notice shown twice', async () => {
    // From before the launch: the worker starts, and may recompute the list, before launchTend answers (the
    // fresh-clone CI run on a loaded machine saw the recompute land before a clock read after it).
    const startedAt = Date.now();
    const tend = await launchTend({ timezoneId: TZ, userDataDir });
    try {
      expect(content(await exported(tend))).toEqual(content(before));

      const w = await liveWorker(tend);
      const names = await until(async () => {
        const all: { name: string }[] = await w.evaluate(() => chrome.alarms.getAll());
        return all.length === 3 ? all.map((a) => a.name).sort() : undefined;
      }, 'three alarms');
      expect(names).toEqual(['tend-daily', 'tend-digest', 'tend-tick']);

      // The worker's start recomputed the list (and would have shown anything due): nothing new.
      await until(async () => {
        const l = await w.evaluate(
          () =>
            new Promise<any>((resolve) => {
              const open = indexedDB.open('tend');
              open.onsuccess = () => {
                const req = open.result.transaction('kv').objectStore('kv').get('nudges');
                req.onsuccess = () => {
                  open.result.close();
                  resolve(req.result?.value);
                };
              };
            }),
        );
        return l && l.computedAt >= startedAt;
      }, 'the list recomputed after the restart');
      await fireDigest(w);
      expect(await onScreen(w)).toEqual([]);
      expect(await notified(w)).toEqual(notifiedBefore);

      // Not because notices are broken here: a new promise coming due is shown, once.
      expect((await tend.send({ type: 'import', backup: backup('p-intro') })).ok).toBe(true);
      const fresh = await until(async () => {
        const ids = await onScreen(w);
        return ids.length > 0 ? ids : undefined;
      }, 'the new promise notified');
      expect(fresh).toHaveLength(1);
      expect(fresh[0]).toMatch(/^promise:p-intro:/);
      await fireDigest(w);
      expect(await onScreen(w)).toEqual(fresh);
      expect((await notified(w)).length).toBe(notifiedBefore.length + 1);
    } finally {
      await tend.close();
    }
  });
});
