/**
 * The Firefox build (`npm run build:firefox`, .output/firefox-mv2) in Debian's firefox-esr, driven by
 * puppeteer-core over WebDriver BiDi (recipe: ../shared/docs/browser-testing.md, Firefox section): the add-on
 * installs, the background answers messages, the options page and the popup render, a Gmail fixture served by
 * request interception at the real address is captured, and the export has the documented shape.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { fixture, ROOT, until } from './harness';

declare const browser: any;

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ADDON = path.join(ROOT, process.env.TEND_OUT ?? '.output', 'firefox-mv2');
const GECKO_ID = 'tend@tend.local';
/** The add-on's origin, pinned (Firefox picks a random one per profile otherwise). */
const UUID = '3f0c2a8e-5b1d-4c7e-9a6f-0d2b7e1c4a90';
const BASE = `moz-extension://${UUID}`;
const GMAIL = 'https://mail.google.com/mail/u/0/';

let ff: Browser;
let addonId = '';

/** Opens a page of the add-on: `goto` never sees `load` for moz-extension pages over BiDi, so wait for the DOM. */
async function openAddonPage(name: string): Promise<Page> {
  const page = await ff.newPage();
  await page.goto(`${BASE}/${name}`, { timeout: 3_000 }).catch(() => undefined);
  await page.waitForFunction(() => document.readyState === 'complete' && typeof browser !== 'undefined', {
    timeout: 30_000,
  });
  return page;
}

async function send(page: Page, msg: unknown): Promise<any> {
  return page.evaluate((m) => browser.runtime.sendMessage(m), msg);
}

beforeAll(async () => {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: run bash scripts/ensure-firefox.sh`);
  if (!existsSync(path.join(ADDON, 'manifest.json')))
    throw new Error('build the Firefox add-on first: npx wxt build -b firefox');
  ff = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    protocol: 'webDriverBiDi',
    headless: true,
    args: ['--remote-allow-system-access'],
    env: { ...process.env, TZ: 'America/New_York' },
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
    },
  });
  addonId = await ff.installExtension(ADDON);
}, 120_000);

afterAll(async () => {
  await ff?.close();
});

it('installs the add-on under its gecko id', () => {
  expect(addonId).toBe(GECKO_ID);
});

it('the background answers messages: an empty export, a refused malformed message', async () => {
  const page = await openAddonPage('options.html');
  const r = await until(() => send(page, { type: 'export' }), 'the background to answer', 30_000);
  expect(r.ok).toBe(true);
  expect(r.backup.format).toBe('tend-backup');
  expect(r.backup.contacts).toEqual([]);
  const bad = await send(page, { type: 'capture-gmail', capture: { rows: 'nonsense' } });
  expect(bad.ok).toBe(false);
  expect(bad.error).toMatch(/malformed "capture-gmail" message/);
  await page.close();
});

it('renders the options page and the popup', async () => {
  const options = await openAddonPage('options.html');
  await options.waitForFunction(
    () =>
      document.querySelector('h1')?.textContent === 'Tend settings' &&
      (document.body.textContent ?? '').includes('Export backup'),
    { timeout: 30_000 },
  );
  await options.close();
  const popup = await openAddonPage('popup.html');
  await popup.waitForFunction(() => (document.body.textContent ?? '').includes('Open Gmail and browse your inbox'), {
    timeout: 30_000,
  });
  await popup.close();
});

it('captures a Gmail inbox served by request interception, and exports it in the documented shape', async () => {
  const inbox = fixture('gmail/inbox.html');
  const gmail = await ff.newPage();
  await gmail.setRequestInterception(true);
  gmail.on('request', (req) => {
    // The fixture answers the page (BiDi gives no resource type: a path without a file extension); anything
    // else the page asks for is refused, nothing goes out.
    const url = new URL(req.url());
    if (url.origin === 'https://mail.google.com' && url.pathname.startsWith('/mail/') && !/\.\w+$/.test(url.pathname))
      void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: inbox });
    else void req.respond({ status: 404, body: '' });
  });
  await gmail.goto(`${GMAIL}#inbox`);

  const page = await openAddonPage('options.html');
  const backup = await until(
    async () => {
      const r = await send(page, { type: 'export' });
      return r.ok && r.backup.interactions.length > 0 ? r.backup : undefined;
    },
    'interactions from the Gmail fixture',
    30_000,
  );

  // The documented shape (README, "Backup format").
  expect(backup.format).toBe('tend-backup');
  expect(backup.version).toBe(1);
  expect(new Date(backup.exportedAt).toISOString()).toBe(backup.exportedAt);
  for (const key of ['contacts', 'interactions', 'events', 'threads', 'promises', 'nudgeState'])
    expect(Array.isArray(backup[key]), key).toBe(true);
  expect(typeof backup.settings).toBe('object');
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/;
  for (const c of backup.contacts) {
    expect(c.email).toBe(c.email.toLowerCase());
    expect(Object.keys(c)).toEqual(
      expect.arrayContaining([
        'email',
        'name',
        'aliases',
        'cadence',
        'notes',
        'tags',
        'dates',
        'createdAt',
        'updatedAt',
      ]),
    );
    expect(c.createdAt).toMatch(iso);
  }
  for (const i of backup.interactions) {
    expect(i.at).toMatch(iso);
    expect(['sent', 'received', 'meeting']).toContain(i.direction);
    expect(i.source).toBe('gmail');
    expect(i.key.length).toBeGreaterThan(0);
    expect(backup.contacts.map((c: { email: string }) => c.email)).toContain(i.contact);
  }
  // Never the signed-in user, never a robot.
  const emails = backup.contacts.map((c: { email: string }) => c.email);
  expect(emails).not.toContain('dana.reyes@example.com');
  expect(emails.filter((e: string) => /no-?reply/.test(e))).toEqual([]);
  await page.close();
  await gmail.close();
});

it('imports a backup chosen in Options: no service worker here, so the text goes as the runtime message', async () => {
  const options = await openAddonPage('options.html');
  await options.waitForSelector('input[type=file][accept*="json"]', { timeout: 30_000 });
  // Firefox's background is an event page: the page finds no service worker and sends the protocol message.
  expect(
    await options.evaluate(async () => Boolean((await navigator.serviceWorker?.getRegistration?.())?.active)),
  ).toBe(false);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tend-ff-')), 'backup.json');
  const at = new Date(Date.now() - 3 * 86_400_000).toISOString();
  writeFileSync(
    file,
    JSON.stringify({
      format: 'tend-backup',
      version: 1,
      exportedAt: new Date().toISOString(),
      contacts: [{ email: 'ann@example.com', name: 'Ann Lee' }],
      interactions: [{ contact: 'ann@example.com', at, direction: 'received', source: 'gmail' }],
    }),
  );
  const input = await options.$('input[type=file][accept*="json"]');
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(file);
  await options.waitForFunction(
    () => [...document.querySelectorAll('[role=status]')].some((e) => /^Imported /.test(e.textContent ?? '')),
    { timeout: 30_000 },
  );
  const r = await send(options, { type: 'export' });
  expect(r.backup.contacts.map((c: { email: string }) => c.email)).toContain('ann@example.com');
  await options.close();
});
