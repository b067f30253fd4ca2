/**
 * "Nothing leaves the machine", for every context of the extension: the pages (popup, side panel, options, and
 * the Gmail and Calendar tabs the content scripts run in) through the context's `request` event, and the service
 * worker through the DevTools Protocol's Network domain on its own target (the `request` event does not see
 * it). Each recorder is first shown to see its context (a request made on purpose), then a browse session, a
 * backup imported through the Options page and a notification cycle run, and no request may leave.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoBackup } from '../support/synth';
import { fixture, launchTend, leakedRequests, readKv, recordWorkerRequests, type Tend, until } from './harness';

declare const chrome: any;

const TZ = 'America/New_York';
const SELF = 'dana.reyes@example.com';
let tend: Tend;
let worker: { urls: string[]; stop: () => Promise<void> };

beforeAll(async () => {
  tend = await launchTend({ timezoneId: TZ });
  await tend.serve('https://mail.google.com/**', fixture('gmail/inbox.html'));
  await tend.serve('https://calendar.google.com/**', fixture('calendar/week.html'));
  worker = await recordWorkerRequests(tend);
});

afterAll(async () => {
  await worker?.stop();
  await tend?.close();
});

describe('the recorders see every context', () => {
  it('the service worker: a request it makes on purpose is recorded', async () => {
    const own = `chrome-extension://${tend.extensionId}/manifest.json`;
    const status = await tend.worker.evaluate((u) => fetch(u).then((r) => r.status), own);
    expect(status).toBe(200);
    await until(async () => worker.urls.includes(own), 'the worker request in the recording');
  });

  it('the popup, the side panel and the options page: a request each makes on purpose is recorded', async () => {
    for (const name of ['popup.html', 'sidepanel.html', 'options.html']) {
      const page = await tend.openPage(name);
      const own = `chrome-extension://${tend.extensionId}/manifest.json?from=${name}`;
      const status = await page.evaluate((u) => fetch(u).then((r) => r.status), own);
      expect(status).toBe(200);
      await until(async () => tend.requests.includes(own), `the request from ${name} in the recording`);
      await page.close();
    }
  });
});

describe('nothing leaves', () => {
  it('during a browse session in Gmail and Calendar', async () => {
    const gmail = await tend.context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
    await until(async () => {
      const r = await tend.send({ type: 'export' });
      return r.ok && r.backup.contacts.length > 0;
    }, 'contacts from the Gmail inbox');
    const calendar = await tend.context.newPage();
    await calendar.goto('https://calendar.google.com/calendar/u/0/r/week/2024/6/10');
    await until(async () => readKv(tend, 'health:calendar'), 'the Calendar page read');
    await gmail.close();
    await calendar.close();
  });

  it('during a backup import through the Options page', async () => {
    const now = Date.now();
    const backup = demoBackup({ now, timeZone: TZ, self: SELF }) as { settings: Record<string, unknown> };
    const hourAgo = new Intl.DateTimeFormat('en-GB', {
      timeZone: TZ,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(now - 3_600_000);
    // Notifications on, no quiet hours and the digest an hour ago, so the cycle below shows notices.
    backup.settings = {
      ...backup.settings,
      timeZone: TZ,
      notifications: {
        enabled: true,
        digestTime: hourAgo,
        promiseNotices: true,
        quietStart: '00:00',
        quietEnd: '00:00',
        dailyCap: 5,
      },
    };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tend-privacy-')), 'backup.json');
    writeFileSync(file, JSON.stringify(backup));
    const options = await tend.openPage('options.html');
    await options.getByLabel('Import backup').setInputFiles(file);
    await options.getByText(/^Imported /).waitFor({ timeout: 30_000 });
    await options.close();
  });

  it('during a notification cycle (the digest alarm, its notices, the popup and side panel open)', async () => {
    await tend.worker.evaluate(() => chrome.alarms.create('tend-digest', { when: Date.now() + 100 }));
    const ids = await until(
      async () =>
        (
          await tend.worker.evaluate(
            () => new Promise<string[]>((r) => chrome.notifications.getAll((all: object) => r(Object.keys(all)))),
          )
        ).length > 0,
      'notifications from the digest',
    );
    expect(ids).toBe(true);
    for (const name of ['popup.html', 'sidepanel.html']) {
      const page = await tend.openPage(name);
      await page.waitForLoadState('load');
      await page.close();
    }
  });

  it('no request from any page or from the service worker left the machine', () => {
    expect(tend.requests.some((u) => u.startsWith('https://mail.google.com/'))).toBe(true);
    expect(tend.requests.some((u) => u.startsWith('https://calendar.google.com/'))).toBe(true);
    expect(leakedRequests(tend.requests)).toEqual([]);
    // The worker talks to nothing but its own files (the request made on purpose above).
    expect(worker.urls.length).toBeGreaterThan(0);
    expect(worker.urls.filter((u) => !u.startsWith(`chrome-extension://${tend.extensionId}/`))).toEqual([]);
    expect(leakedRequests(worker.urls, [])).toEqual([]);
  });
});
