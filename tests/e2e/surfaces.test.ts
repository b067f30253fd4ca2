/**
 * The three surfaces people open, in the built extension, over an invented history (tests/support/synth.ts
 * `demoBackup`): the popup at its real size, the sidebar next to an open thread, the options page, each in
 * light and dark. The screenshots land in docs/screenshots/ (regenerate with `npm run screenshots`); every
 * page must log no console error. Behaviour is checked by keyboard: tab order, search by name and address,
 * Snooze and Done, the sidebar's rhythm picker saving at once, "Delete all data" naming what goes, reflow at
 * 200 % zoom and reduced motion.
 */
import type { Page } from 'playwright-core';
import { demoBackup, demoCoverage, demoOpenThread } from '../support/synth';
import {
  artifactPath,
  launchTend,
  leakedRequests,
  pageTabId,
  readKv,
  screenshotPath,
  type Tend,
  until,
  writeKv,
} from './harness';

const TZ = 'America/New_York';
const SELF = 'dana.reyes@example.com';
/** Chrome's popup is as large as its content, at most 800 × 600; Tend's is 380 wide. */
const POPUP = { width: 380, height: 600 };
/** Chrome's side panel opens about 400 px wide. */
const SIDEBAR = { width: 400, height: 1000 };
const OPTIONS = { width: 1000, height: 900 };

let tend: Tend;

beforeAll(async () => {
  tend = await launchTend({ timezoneId: TZ });
});

afterAll(async () => {
  await tend?.close();
});

type Backup = {
  contacts: { email: string; name: string; cadence?: { mode: string; days?: number } }[];
  nudgeState: { key: string; snoozedUntil?: string; doneAt?: string; muted?: boolean }[];
};

async function exported(): Promise<Backup> {
  const r = await tend.send({ type: 'export' });
  expect(r.ok).toBe(true);
  return r.backup;
}

async function open(name: string, size: { width: number; height: number }, colorScheme: 'light' | 'dark' = 'light') {
  const page = await tend.openPage(name, { colorScheme });
  await page.setViewportSize(size);
  return page;
}

/** The sidebar as it is next to a Gmail tab showing the demo's open thread (what the background writes then). */
async function openSidebarOnThread(colorScheme: 'light' | 'dark' = 'light') {
  const page = await open('sidepanel.html', SIDEBAR, colorScheme);
  const t = demoOpenThread(SELF);
  await writeKv(tend, `tab:${await pageTabId(page)}`, {
    url: `https://mail.google.com/mail/u/0/#inbox/${t.threadId}`,
    account: SELF,
    threadKey: t.threadKey,
    people: t.people,
    at: Date.now(),
  });
  await page.reload();
  return { page, t };
}

/** Chrome sizes a popup to its content (at most 600 high): the screenshot does the same. */
async function fitPopup(page: Page): Promise<void> {
  const h = await page.evaluate(() => Math.ceil(document.querySelector('.page')?.getBoundingClientRect().height ?? 0));
  await page.setViewportSize({ width: POPUP.width, height: Math.min(POPUP.height, Math.max(h, 120)) });
}

/** A whole-page screenshot with the page laid out at its full height (so sticky bars sit where they belong). */
async function shootWhole(page: Page, path: string): Promise<void> {
  const size = page.viewportSize() ?? OPTIONS;
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: h });
  await page.screenshot({ path });
  await page.setViewportSize(size);
}

/** Lets fonts and the live queries settle before a screenshot. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(150);
}

/** Presses Tab until `pred` holds for the focused element; returns how many presses it took. */
async function tabTo(page: Page, pred: (el: Element) => boolean, max = 60): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${pred.toString()})(document.activeElement)`)) return i;
  }
  throw new Error('focus never reached the element');
}

/** What the focused element is, for a person: its role-ish tag and its accessible text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(),
      group: el?.closest('[role=group]')?.getAttribute('aria-label') ?? '',
    };
  });

/** Nothing wider than the page: no horizontal scrolling, and no element sticking out to the right. */
async function overflow(page: Page): Promise<{ scroll: boolean; outside: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const scrollers = [root, document.body, ...Array.from(document.querySelectorAll<HTMLElement>('.page'))];
    const scroll = scrollers.some((el) => el.scrollWidth > el.clientWidth + 1);
    const outside: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      if (el.closest('.visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1)
        outside.push(`${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').slice(0, 40)}`);
    }
    return { scroll, outside: outside.slice(0, 10) };
  });
}

describe('a new user', () => {
  it('sees in the popup what to do first', async () => {
    const popup = await open('popup.html', POPUP);
    await popup.getByText('Open Gmail and browse your inbox; Tend learns as you read.').waitFor();
    await settled(popup);
    expect(await popup.getByRole('searchbox').count()).toBe(0);
    await popup.getByRole('button', { name: 'Open Gmail' }).waitFor();
    await fitPopup(popup);
    await popup.screenshot({ path: screenshotPath('popup-empty') });
    await popup.close();
  });
});

describe('with a history', () => {
  beforeAll(async () => {
    const r = await tend.send({ type: 'import', backup: demoBackup({ now: Date.now(), timeZone: TZ, self: SELF }) });
    expect(r.ok, JSON.stringify(r.errors)).toBe(true);
    // The user has shown Tend the coming week in Calendar (not the one after: the sidebar names it).
    const seen = demoCoverage({ now: Date.now(), timeZone: TZ, self: SELF });
    await writeKv(tend, seen.key, seen.value);
    await until(async () => {
      const list = (await readKv(tend, 'nudges')) as { nudges: unknown[] } | undefined;
      return (list?.nudges.length ?? 0) > 10;
    }, 'the nudge list of the imported history');
  });

  it.each(['light', 'dark'] as const)('shows the popup in %s mode', async (scheme) => {
    const popup = await open('popup.html', POPUP, scheme);
    for (const section of ['Reply needed', 'Follow up', 'Overdue', 'Promises'])
      await popup.getByRole('region', { name: new RegExp(`^${section}`) }).waitFor();
    await popup.getByRole('region', { name: 'Recent contacts' }).waitFor();
    await settled(popup);
    expect(await overflow(popup)).toEqual({ scroll: false, outside: [] });
    await fitPopup(popup);
    await popup.screenshot({ path: screenshotPath(`popup-${scheme}`) });
    await popup.close();
  });

  it.each(['light', 'dark'] as const)('shows the sidebar next to an open thread in %s mode', async (scheme) => {
    const { page, t } = await openSidebarOnThread(scheme);
    await page.getByRole('heading', { name: t.subject }).waitFor();
    await page.getByRole('article', { name: 'Alice Moreau' }).waitFor();
    await page.getByRole('article', { name: 'Bob Okafor' }).waitFor();
    // Alice's next free slots, open: what "Find a time" offers next to the thread.
    const alice = page.getByRole('article', { name: 'Alice Moreau' });
    await alice.getByRole('button', { name: 'Find a time' }).click();
    await alice.getByRole('list', { name: 'Free slots' }).getByRole('listitem').nth(2).waitFor();
    await alice
      .getByRole('link', { name: /^Open Calendar for / })
      .first()
      .waitFor();
    await settled(page);
    expect(await overflow(page)).toEqual({ scroll: false, outside: [] });
    await page.screenshot({ path: screenshotPath(`sidepanel-${scheme}`) });
    if (scheme === 'light') await shootWhole(page, artifactPath('sidepanel-full.png'));
    await page.close();
  });

  it.each(['light', 'dark'] as const)('shows the options page in %s mode', async (scheme) => {
    const page = await open('options.html', OPTIONS, scheme);
    await page.getByRole('heading', { name: 'Tend settings' }).waitFor();
    await page.getByRole('button', { name: /Delete all data/ }).waitFor();
    await settled(page);
    expect(await overflow(page)).toEqual({ scroll: false, outside: [] });
    await shootWhole(page, screenshotPath(`options-${scheme}`));
    await page.close();
  });

  it('reaches search and every row action from the keyboard, and search filters by name and address', async () => {
    const popup = await open('popup.html', POPUP);
    await popup.getByRole('region', { name: /^Reply needed/ }).waitFor();
    const presses = await tabTo(popup, (el) => el.matches('input[type=search]'));
    // Header: Options, Sidebar and People, then the search box.
    expect(presses).toBeLessThanOrEqual(4);
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('Search people');

    // Past the search box: the first row's actions, in order, each named for its person.
    const after: { text: string; group: string }[] = [];
    // (The person's name, which opens their page, comes before them.)
    for (let i = 0; i < 7; i++) {
      await popup.keyboard.press('Tab');
      after.push(await focused(popup));
    }
    const actions = after
      .filter((f) => f.group.startsWith('Actions for '))
      .map((f) => f.text)
      .slice(0, 4);
    expect(actions).toEqual(['Write', 'Schedule', 'Snooze', 'Done']);

    // By name, case and accents ignored.
    await popup.getByRole('searchbox', { name: 'Search people' }).focus();
    await popup.keyboard.type('alice');
    const recent = popup.getByRole('list', { name: 'Recent contacts' });
    await until(async () => (await recent.getByRole('listitem').count()) === 1, 'one contact for "alice"');
    expect(await recent.textContent()).toContain('Alice Moreau');
    const nudgeNames = await popup.locator('.section .row .row-name').allTextContents();
    expect(new Set(nudgeNames.filter((n) => n !== 'Alice Moreau'))).toEqual(new Set());
    // By address: Bob is only known by his domain here.
    await popup.keyboard.press('Escape');
    expect(await popup.getByRole('searchbox').inputValue()).toBe('');
    await popup.keyboard.type('okafor.example');
    // The search waits a moment after typing: wait for Bob, not for any one row (Alice's is still shown at first).
    await until(
      async () =>
        (await recent.getByRole('listitem').count()) === 1 && (await recent.textContent())?.includes('Bob Okafor'),
      'one contact for "okafor.example"',
    );
    expect(await recent.textContent()).toContain('Bob Okafor');
    await popup.keyboard.type('zzz');
    await popup.getByText('Nobody matches.').waitFor();
    await popup.close();
  });

  it('snoozes and closes nudges from the keyboard; the list changes at once and the store keeps it', async () => {
    const popup = await open('popup.html', POPUP);
    const reply = popup.getByRole('region', { name: /^Reply needed/ });
    await reply.waitFor();
    const rows = reply.getByRole('listitem');
    const before = await rows.count();
    expect(before).toBeGreaterThanOrEqual(2);
    const first = (await rows.first().locator('.row-name').textContent()) ?? '';

    // Snooze: Tab to the first Reply needed row's Snooze (Promises come first), Enter opens the choices with
    // "Tomorrow" focused, Enter picks it.
    await tabTo(
      popup,
      (el) =>
        el.textContent === 'Snooze' &&
        (el.closest('section')?.querySelector('h2')?.textContent ?? '').startsWith('Reply needed'),
    );
    await popup.keyboard.press('Enter');
    expect((await focused(popup)).text).toBe('Tomorrow');
    await popup.keyboard.press('Enter');
    await until(async () => (await rows.count()) === before - 1, 'the snoozed row gone');
    expect(await reply.textContent()).not.toContain(first);
    const snoozed = await until(
      async () => (await exported()).nudgeState.find((s) => s.snoozedUntil),
      'the snooze in the store',
    );
    expect(Date.parse(snoozed.snoozedUntil as string)).toBeGreaterThan(Date.now());

    // Done on the (new) first row of "Follow up".
    const follow = popup.getByRole('region', { name: /^Follow up/ });
    const followRows = follow.getByRole('listitem');
    const n = await followRows.count();
    const name = (await followRows.first().locator('.row-name').textContent()) ?? '';
    await followRows.first().getByRole('button', { name: 'Done' }).focus();
    await popup.keyboard.press('Enter');
    await until(async () => (await followRows.count()) === n - 1 || n === 1, 'the closed row gone');
    expect((await follow.count()) === 0 || !(await follow.textContent())?.includes(name)).toBe(true);
    await until(async () => (await exported()).nudgeState.find((s) => s.doneAt), 'the done in the store');

    // A fresh popup shows the same list (from the store, not from this page's memory).
    const again = await open('popup.html', POPUP);
    const replyAgain = again.getByRole('region', { name: /^Reply needed/ });
    await replyAgain.waitFor();
    await until(async () => (await replyAgain.getByRole('listitem').count()) === before - 1, 'the list recomputed');
    await again.close();
    await popup.close();
  });

  it('snoozes until a chosen day (8:00 there in the browser zone) and refuses a day in the past', async () => {
    const popup = await open('popup.html', POPUP);
    await popup
      .getByRole('region', { name: /^Reply needed|^Follow up|^Overdue/ })
      .first()
      .waitFor();
    // How many nudges the sections say they hold (a long section shows its first rows only).
    // (The nudge sections only: the Drifting section below them fills in a moment later.)
    const total = async () =>
      (
        await popup
          .locator('.section')
          .filter({
            has: popup.locator('h2', { hasText: /^(Promises|Reply needed|Follow up|Overdue|Key dates|Say thanks)/ }),
          })
          .locator('.section-title .count')
          .allTextContents()
      ).reduce((a, c) => a + Number(c), 0);
    const before = await total();
    const row = popup
      .locator('.section')
      .filter({ has: popup.locator('h2', { hasText: /^(Reply needed|Follow up|Overdue)/ }) })
      .first()
      .locator('.row')
      .first();
    await row.getByRole('button', { name: 'Snooze' }).click();
    const field = row.getByLabel('Until a date');
    const days = await popup.evaluate(() => {
      const iso = (d: Date) =>
        `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const t = new Date();
      const past = new Date(t.getFullYear(), t.getMonth(), t.getDate() - 3);
      const later = new Date(t.getFullYear(), t.getMonth(), t.getDate() + 9, 8);
      return { past: iso(past), later: iso(later), until: later.getTime() };
    });
    await field.fill(days.past);
    await row.getByRole('button', { name: 'Snooze until then' }).click();
    expect(await row.getByRole('alert').textContent()).toBe('That date is in the past: choose a later day.');
    await settled(popup);
    expect(await overflow(popup)).toEqual({ scroll: false, outside: [] });
    await popup.screenshot({ path: artifactPath('popup-snooze-date.png') });
    await field.fill(days.later);
    await field.press('Enter');
    const kept = await until(
      async () =>
        (await exported()).nudgeState.find((s) => s.snoozedUntil && Date.parse(s.snoozedUntil) === days.until),
      'the snooze to 8:00 on the chosen day in the store',
    );
    expect(kept.key).toBeTruthy();
    await until(async () => (await total()) === before - 1, 'the snoozed row gone');
    await popup.close();
  });

  it('mutes and unmutes a person from their card in the sidebar', async () => {
    const { page } = await openSidebarOnThread();
    const card = page.getByRole('article', { name: 'Alice Moreau' });
    await card.getByRole('button', { name: 'Mute' }).click();
    await card.getByText(/^Muted: no reminders about Alice; mail is still counted\.$/).waitFor();
    const email = (await exported()).contacts.find((c) => c.name === 'Alice Moreau')?.email;
    expect(email).toBeTruthy();
    await until(
      async () => (await exported()).nudgeState.find((s) => s.key === `contact:${email}` && s.muted === true),
      'the mute in the store',
    );
    await card.getByRole('button', { name: 'Unmute' }).click();
    await card.getByRole('button', { name: 'Mute' }).waitFor();
    await until(
      async () => (await exported()).nudgeState.find((s) => s.key === `contact:${email}` && s.muted === false),
      'the unmute in the store',
    );
    await page.close();
  });

  it('saves the rhythm picked in the sidebar at once', async () => {
    const { page } = await openSidebarOnThread();
    const card = page.getByRole('article', { name: 'Bob Okafor' });
    const rhythm = card.getByRole('combobox', { name: 'Rhythm' });
    await rhythm.waitFor();
    expect(await rhythm.inputValue()).toBe('auto');
    // By keyboard: focus the picker and type the choice's first letter ("Weekly"), as a closed select allows.
    await rhythm.focus();
    await page.keyboard.press('w');
    expect(await rhythm.inputValue()).toBe('weekly');
    const bob = await until(
      async () => {
        const c = (await exported()).contacts.find((x) => x.email === 'bob@okafor.example');
        return c?.cadence?.mode === 'fixed' ? c : undefined;
      },
      "Bob's rhythm in the store",
      3_000,
    );
    expect(bob.cadence).toMatchObject({ mode: 'fixed', days: 7 });
    await card.getByRole('status').getByText('Saved').waitFor();
    await page.close();
  });

  it('names what "Delete all data" removes before it removes anything', async () => {
    const page = await open('options.html', OPTIONS);
    const button = page.getByRole('button', { name: /Delete all data/ });
    await button.focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('group', { name: 'Confirm deletion' });
    await confirm.waitFor();
    const text = (await confirm.textContent()) ?? '';
    expect(text).toMatch(/31 contacts/);
    expect(text).toMatch(/\d[\d,]* interactions/);
    expect(text).toMatch(/calendar events/);
    expect(text).toMatch(/threads/);
    expect(text).toMatch(/promises/);
    expect(text).toMatch(/notes/);
    expect(text).toMatch(/cannot be undone/);
    // The safe choice has focus: Enter cancels, and nothing went.
    expect((await focused(page)).text).toBe('Cancel');
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect((await exported()).contacts).toHaveLength(31);
    await page.close();
  });

  it.each([
    ['popup.html', POPUP],
    ['sidepanel.html', SIDEBAR],
  ] as const)('keeps %s within its width at 200 %% zoom', async (name, size) => {
    // Browser zoom halves the CSS pixels a fixed-width window holds: 200 % in a 380 px popup or a 400 px side
    // panel lays out like a window half as wide.
    const page = await open(name, { width: size.width / 2, height: size.height / 2 });
    await page.getByRole('heading', { name: 'Tend', level: 1 }).waitFor();
    await page.locator('.section, .card, .empty').first().waitFor();
    await settled(page);
    expect(await overflow(page)).toEqual({ scroll: false, outside: [] });
    await page.screenshot({ path: artifactPath(`${name.replace('.html', '')}-zoom-200.png`), fullPage: true });
    await page.close();
  });

  it('keeps still when the user asks for reduced motion', async () => {
    const page = await open('popup.html', POPUP);
    const write = page.getByRole('button', { name: 'Write' }).first();
    await write.waitFor();
    const duration = () => write.evaluate((el) => getComputedStyle(el).transitionDuration);
    expect(await duration()).not.toMatch(/^0s(, 0s)*$/);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await duration()).toMatch(/^0s(, 0s)*$/);
    await page.close();
  });
});

it('logs no console error on any page, and sends nothing off the machine', () => {
  expect(tend.consoleErrors).toEqual([]);
  expect(leakedRequests(tend.requests)).toEqual([]);
});
