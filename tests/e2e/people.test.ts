/**
 * People, in the built extension over the invented demo history: from the popup's search to a person's page,
 * a touch logged by hand that takes them off Overdue, two people merged into one, and axe-core over every
 * page people open (no serious or critical violation). Screenshots of the person page in light and dark.
 */
import type { Page } from 'playwright-core';
import { demoBackup, demoCoverage, demoOpenThread } from '../support/synth';
import { axeViolations, launchTend, pageTabId, readKv, screenshotPath, type Tend, until, writeKv } from './harness';

const TZ = 'America/New_York';
const SELF = 'dana.reyes@example.com';
const PAGE = { width: 1100, height: 900 };

type Nudge = { key: string; kind: string; contact: string; name: string };
type Backup = {
  contacts: { email: string; name: string; aliases: string[]; summary?: unknown }[];
  interactions: { contact: string; key: string; source: string; kind?: string; note?: string }[];
};

let tend: Tend;

beforeAll(async () => {
  tend = await launchTend({ timezoneId: TZ });
  const r = await tend.send({ type: 'import', backup: demoBackup({ now: Date.now(), timeZone: TZ, self: SELF }) });
  expect(r.ok, JSON.stringify(r.errors)).toBe(true);
  // The user has shown Tend the coming week in Calendar, so the person page offers free time in it.
  const seen = demoCoverage({ now: Date.now(), timeZone: TZ, self: SELF });
  await writeKv(tend, seen.key, seen.value);
  await until(async () => ((await nudges()).length > 10 ? true : null), 'the nudge list of the imported history');
});

afterAll(async () => {
  await tend?.close();
});

async function nudges(): Promise<Nudge[]> {
  return ((await readKv(tend, 'nudges')) as { nudges?: Nudge[] } | undefined)?.nudges ?? [];
}

async function exported(): Promise<Backup> {
  const r = await tend.send({ type: 'export' });
  expect(r.ok).toBe(true);
  return r.backup;
}

async function open(name: string, colorScheme: 'light' | 'dark' = 'light', size = PAGE): Promise<Page> {
  const page = await tend.openPage(name, { colorScheme });
  await page.setViewportSize(size);
  return page;
}

describe('a person page', () => {
  it('search → person page → log a touch → the person leaves Overdue', async () => {
    const overdue = (await nudges()).find((n) => n.kind === 'overdue' && n.name);
    if (!overdue) throw new Error('the demo history has nobody overdue');
    const popup = await open('popup.html', 'light', { width: 380, height: 600 });
    await popup.getByRole('searchbox').fill(overdue.name);
    const recent = popup.getByRole('region', { name: 'Recent contacts' });
    const opened = tend.context.waitForEvent('page');
    await recent.getByRole('button', { name: overdue.name }).click();
    const page = await opened;
    await page.setViewportSize(PAGE);
    expect(page.url()).toContain(`person.html?email=${encodeURIComponent(overdue.contact)}`);
    await page.getByRole('heading', { level: 1, name: overdue.name }).waitFor();
    expect(await page.getByText(/^overdue by/).count()).toBe(1);

    await page.getByRole('button', { name: 'Log a touch' }).click();
    const form = page.getByRole('form', { name: `Log a touch with ${overdue.name}` });
    await form.getByLabel('What').selectOption('coffee');
    await form.getByLabel('Note').fill('Coffee at the station');
    await form.getByRole('button', { name: 'Log touch' }).click();
    await page.getByText('Touch logged').waitFor();
    const list = page.getByRole('list', { name: `Every touch with ${overdue.name}` });
    await list.getByText('Coffee at the station').waitFor();

    await until(
      async () => !(await nudges()).some((n) => n.kind === 'overdue' && n.contact === overdue.contact),
      `${overdue.name} off the overdue list`,
    );
    const popup2 = await open('popup.html', 'light', { width: 380, height: 600 });
    const section = popup2.getByRole('region', { name: /^Overdue/ });
    await section.waitFor();
    expect(await section.getByText(overdue.name, { exact: true }).count()).toBe(0);
    const logged = (await exported()).interactions.filter(
      (i) => i.contact === overdue.contact && i.source === 'manual',
    );
    expect(logged).toMatchObject([{ kind: 'coffee', note: 'Coffee at the station' }]);

    // Edited, then deleted: the history and the backup follow.
    await list.getByRole('button', { name: /^Edit Coffee/ }).click();
    const edit = page.getByRole('form', { name: `Edit a touch with ${overdue.name}` });
    await edit.getByLabel('What').selectOption('call');
    await edit.getByRole('button', { name: 'Save touch' }).click();
    await list.getByText('Call', { exact: true }).waitFor();
    const manual = async () =>
      (await exported()).interactions.filter((i) => i.contact === overdue.contact && i.source === 'manual');
    const key = (await manual())[0]?.key;
    await list.getByRole('button', { name: /^Delete Call/ }).click();
    await page.getByText('Touch deleted').waitFor();
    await until(async () => (await manual()).length === 0, 'the logged touch gone from the backup');
    // Undone at once: back as it was, key and all; then deleted for good.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Touch put back').waitFor();
    await until(async () => (await manual())[0]?.key === key, 'the logged touch back in the backup');
    await list.getByRole('button', { name: /^Delete Call/ }).click();
    await until(async () => (await manual()).length === 0, 'the logged touch gone again');
    await Promise.all([popup.close(), popup2.close(), page.close()]);
  });

  it('merges two people into one, keeping both histories once, and splits them again when the address is removed', async () => {
    const before = await exported();
    const counts = new Map<string, number>();
    for (const i of before.interactions) counts.set(i.contact, (counts.get(i.contact) ?? 0) + 1);
    const [a, b] = before.contacts.filter((c) => (counts.get(c.email) ?? 0) > 0).slice(-2);
    if (!a || !b) throw new Error('two people with histories needed');
    const page = await open(`person.html?email=${encodeURIComponent(a.email)}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByLabel('Merge with another person').fill(b.email);
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByText(/both histories are kept/).waitFor();
    await page
      .getByRole('list', { name: /^Addresses of/ })
      .locator('.email', { hasText: b.email })
      .waitFor();
    const after = await exported();
    expect(after.contacts.find((c) => c.email === b.email)).toBeUndefined();
    expect(after.contacts.find((c) => c.email === a.email)?.aliases).toContain(b.email);
    const mine = after.interactions.filter((i) => i.contact === a.email);
    expect(mine).toHaveLength((counts.get(a.email) ?? 0) + (counts.get(b.email) ?? 0));
    expect(new Set(mine.map((i) => i.key)).size).toBe(mine.length);
    // The merged address opens the person it now belongs to.
    const other = await open(`person.html?email=${encodeURIComponent(b.email)}`);
    await other.getByRole('heading', { level: 1, name: a.name || a.email }).waitFor();
    await other.close();

    // Removing the address again splits the history back: each address has exactly its own touches.
    await page.getByRole('button', { name: `Remove ${b.email}` }).click();
    await page.getByText(`Removed ${b.email}. Its ${counts.get(b.email)} touch`, { exact: false }).waitFor();
    await page
      .getByRole('heading', { name: /^Every touch/ })
      .getByText(String(counts.get(a.email)))
      .waitFor();
    const split = await exported();
    const keysOf = (x: Backup, email: string) =>
      x.interactions
        .filter((i) => i.contact === email)
        .map((i) => i.key)
        .sort();
    expect(split.contacts.find((c) => c.email === a.email)?.aliases).not.toContain(b.email);
    expect(split.contacts.find((c) => c.email === b.email)).toBeDefined();
    expect(keysOf(split, a.email)).toEqual(keysOf(before, a.email));
    expect(keysOf(split, b.email)).toEqual(keysOf(before, b.email));
    // Their address opens their own page again.
    const again = await open(`person.html?email=${encodeURIComponent(b.email)}`);
    await again.getByRole('heading', { level: 1, name: b.email }).waitFor();
    expect(await again.getByRole('heading', { name: /^Every touch/ }).textContent()).toContain(
      String(counts.get(b.email)),
    );
    await Promise.all([page.close(), again.close()]);
  });

  it.each(['light', 'dark'] as const)('is shown in %s mode with no serious accessibility violation', async (scheme) => {
    const who = (await nudges()).find((n) => n.kind === 'reply-needed')?.contact ?? 'alice.moreau@example.com';
    const page = await open(`person.html?email=${encodeURIComponent(who)}`, scheme);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Free slots' }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(150);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath(`person-${scheme}`), fullPage: true });
    await page.close();
  });
});

describe('axe-core on the other surfaces', () => {
  it.each([
    ['popup.html', { width: 380, height: 600 }],
    ['options.html', PAGE],
  ] as const)('%s has no serious or critical violation', async (name, size) => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open(name, scheme, size);
      await page.locator('main').waitFor();
      // The popup's Drifting section mounts after the first screen (components/live/drifting.tsx): checked too.
      if (name === 'popup.html') await page.getByRole('heading', { name: /^Drifting/ }).waitFor();
      await page.waitForTimeout(300);
      expect(await axeViolations(page), `${name} ${scheme}`).toEqual([]);
      await page.close();
    }
  });

  it('the side panel next to a thread has no serious or critical violation', async () => {
    const page = await open('sidepanel.html', 'light', { width: 400, height: 1000 });
    const t = demoOpenThread(SELF);
    await writeKv(tend, `tab:${await pageTabId(page)}`, {
      url: `https://mail.google.com/mail/u/0/#inbox/${t.threadId}`,
      account: SELF,
      threadKey: t.threadKey,
      people: t.people,
      at: Date.now(),
    });
    await page.reload();
    await page
      .getByRole('button', { name: /^Open page/ })
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
