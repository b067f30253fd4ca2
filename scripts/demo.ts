/**
 * `npm run demo` (through scripts/demo.sh, which builds first): Tend in Chromium without a Google account.
 * Loads the built extension, imports an invented history (tests/support/synth.ts `demoBackup`), serves the Gmail and
 * Calendar fixtures at their real addresses, and opens them with the popup and the sidebar beside them.
 * With a display it waits until the browser is closed; without one it saves docs/screenshots/demo-*.png
 * and exits. Nothing leaves the machine: every Google address is answered by a local fixture.
 *   TEND_OUT=.output-demo npx wxt build && TEND_OUT=.output-demo npx tsx scripts/demo.ts
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  artifactPath,
  fixture,
  launchTend,
  leakedRequests,
  pageTabId,
  readKv,
  screenshotPath,
  type Tend,
  tabIds,
  until,
  writeKv,
} from '../tests/e2e/harness';
import { followToday } from '../tests/support/demo-dates';
import { demoBackup, demoCoverage } from '../tests/support/synth';

const SELF = 'dana.reyes@example.com';
const GMAIL = 'https://mail.google.com/mail/u/0/';
/** The Gmail fixture's long thread ("Q4 budget review" with Alice, Bob and Chen). */
const THREAD_HASH = '#inbox/19ab3c4d5e6f9026';
const CALENDAR = 'https://calendar.google.com/calendar/u/0/r/week/2024/6/10';

const headed = Boolean(process.env.DISPLAY) && process.env.TEND_DEMO_HEADLESS !== '1';
const timeZone = process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/New_York';

const log = (s: string) => process.stderr.write(`demo: ${s}\n`);

/** Gmail's in-app navigation: the new view's DOM replaces the old one and the hash changes, with no reload. */
async function openInApp(page: Page, hash: string, html: string): Promise<void> {
  await page.evaluate(
    ({ html, hash }) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      document.title = next.title;
      document.body.replaceChildren(...Array.from(next.body.childNodes).map((n) => document.adoptNode(n)));
      location.hash = hash;
    },
    { html, hash },
  );
}

async function main(): Promise<void> {
  const tend: Tend = await launchTend({ timezoneId: timeZone, headless: !headed });
  // The fixture pages' dates moved by whole weeks to the week before today, as the demo history is.
  const now = Date.now();
  const gmailFixture = (name: string) => followToday(fixture(name), now).html;
  let gmailPage = gmailFixture('gmail/inbox.html');
  await tend.serve('https://mail.google.com/**', () => gmailPage);
  await tend.serve('https://calendar.google.com/**', fixture('calendar/week.html'));

  log(`importing an invented history (time zone ${timeZone})`);
  const r = await tend.send({ type: 'import', backup: demoBackup({ now, timeZone, self: SELF }) });
  if (!r.ok) throw new Error(`the demo history was not imported: ${r.error} ${(r.errors ?? []).join('; ')}`);
  // As if the coming week had been looked at in Calendar: its free time is known, the days after it are named as not seen.
  const seen = demoCoverage({ now, timeZone, self: SELF });
  await writeKv(tend, seen.key, seen.value);
  await until(async () => {
    const list = (await readKv(tend, 'nudges')) as { nudges: unknown[] } | undefined;
    return (list?.nudges.length ?? 0) > 0;
  }, 'the nudge list');

  log('opening Google Calendar (fixture week)');
  const calendar = await tend.context.newPage();
  await calendar.goto(CALENDAR);

  log('opening Gmail (fixture inbox), then a thread in it');
  const gmail = await tend.context.newPage();
  await gmail.goto(`${GMAIL}#inbox`);
  await gmail.waitForTimeout(1_500);
  gmailPage = gmailFixture('gmail/thread-long.html');
  await openInApp(gmail, THREAD_HASH, gmailPage);
  const [gmailTab] = await tabIds(tend, 'https://mail.google.com/*');
  const view = await until(async () => {
    const v = (await readKv(tend, `tab:${gmailTab}`)) as { threadKey?: string } | undefined;
    return v?.threadKey ? v : undefined;
  }, 'the Gmail tab showing the thread');

  // The popup, at its real size, in a tab of its own.
  const popup = await tend.context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${tend.extensionId}/popup.html`);
  await popup.getByRole('region', { name: /^Reply needed/ }).waitFor();

  if (headed) {
    await gmail.bringToFront();
    log('Chromium is open with Tend loaded. Click the Tend icon in the toolbar (pin it from the puzzle menu)');
    log('for the popup; its "Sidebar" button opens the side panel next to the Gmail thread. Close the');
    log('browser to end the demo.');
    await new Promise<void>((resolve) => tend.context.on('close', () => resolve()));
    rmSync(tend.userDataDir, { recursive: true, force: true });
    return;
  }

  // Headless: no side panel to open, so the sidebar page is shown in a tab that follows the Gmail tab's view.
  const sidebar = await tend.context.newPage();
  await sidebar.setViewportSize({ width: 400, height: 1000 });
  await sidebar.goto(`chrome-extension://${tend.extensionId}/sidepanel.html`);
  await writeKv(tend, `tab:${await pageTabId(sidebar)}`, view);
  await sidebar.reload();
  await sidebar.getByRole('article').first().waitFor();

  // Tend's pages go to docs/; the bare fixture pages they read only to the test artifacts.
  const shots: [Page, string][] = [
    [popup, screenshotPath('demo-popup')],
    [sidebar, screenshotPath('demo-sidebar')],
    [gmail, artifactPath('demo-gmail.png')],
    [calendar, artifactPath('demo-calendar.png')],
  ];
  for (const [page, file] of shots) {
    await page.bringToFront();
    await page.waitForTimeout(200);
    await page.screenshot({ path: file });
    log(`saved ${file}`);
  }
  const leaked = leakedRequests(tend.requests);
  await tend.close();
  rmSync(tend.userDataDir, { recursive: true, force: true });
  if (leaked.length) throw new Error(`requests left the machine: ${leaked.join(', ')}`);
  log('done (headless: no display). Set DISPLAY to open a window you can use.');
}

main().catch((e) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
