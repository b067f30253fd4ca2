/**
 * "Catch up from Gmail" and "Import contacts" through the real Options page of the built extension.
 * Gmail is tests/fixtures/gmail/sent-pages.html served at https://mail.google.com/…: three pages of Sent, drawn a
 * moment after each hash change, Older disabled on the last one. The walk runs in the user's tab (hash navigation
 * only), the store ends with every person of the three pages, and the tab ends where the user left it.
 * Screenshots of the walk mid-way, light and dark, go to docs/screenshots/ (the rest to tests/e2e/.artifacts/).
 */
import type { Page } from 'playwright-core';
import { artifactPath, fixture, launchTend, leakedRequests, screenshotPath, type Tend, until } from './harness';

let tend: Tend;

beforeAll(async () => {
  tend = await launchTend();
  await tend.serve('https://mail.google.com/**', fixture('gmail/sent-pages.html'));
});

afterAll(async () => {
  await tend?.close();
});

type Backup = {
  contacts: {
    email: string;
    name: string;
    aliases?: string[];
    dates?: { kind: string; month: number; day: number }[];
    details?: { background?: string };
  }[];
  interactions: { contact: string; direction: string; source: string; threadId?: string }[];
};

async function exported(): Promise<Backup> {
  const r = await tend.send({ type: 'export' });
  expect(r.ok).toBe(true);
  return r.backup;
}

async function options(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await tend.openPage('options.html', { colorScheme });
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.getByRole('heading', { name: 'Catch up from Gmail' }).waitFor();
  return page;
}

const section = (page: Page) =>
  page.locator('section', { has: page.getByRole('heading', { name: 'Catch up from Gmail' }) });

describe('Catch up from Gmail', () => {
  it('without a Gmail tab says "Open Gmail first", with a link to Gmail', async () => {
    const page = await options();
    await page.getByRole('button', { name: 'Catch up from Gmail' }).click();
    await section(page).getByText('Open Gmail first').waitFor();
    expect(await section(page).getByRole('link', { name: 'open Gmail' }).getAttribute('href')).toBe(
      'https://mail.google.com/mail/u/0/#sent',
    );
    await page.close();
  });

  it("walks Sent's pages in the Gmail tab from Options, records every person, and puts the tab back", async () => {
    const gmail = await tend.context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
    // The content script is in once the page is idle.
    await gmail.waitForLoadState('load');
    await gmail.waitForTimeout(1_000);

    // Gmail slowed down (1 s a page) so the walk can be seen mid-way.
    await gmail.evaluate(() => {
      (window as unknown as { TEND_FIXTURE_DELAY: number }).TEND_FIXTURE_DELAY = 1_000;
    });
    const page = await options('light');
    await page.getByRole('button', { name: 'Catch up from Gmail' }).click();
    // While it runs: the page, messages and people so far, and a Stop button.
    await section(page)
      .getByText(/Reading Sent… Page [12]/)
      .waitFor({ timeout: 10_000 });
    await section(page).getByRole('button', { name: 'Stop' }).waitFor();
    await section(page).screenshot({ path: screenshotPath('options-catch-up-light') });
    await section(page).getByText('Reached the last page of Sent (page 3).').waitFor({ timeout: 30_000 });
    expect(await section(page).getByRole('status').innerText()).toContain('Page 3 · 8 messages · 6 people');
    await section(page).screenshot({ path: artifactPath('catch-up-done-light.png') });

    // The tab is back where the user was.
    await until(async () => gmail.url().endsWith('#inbox'), 'the Gmail tab back at #inbox');
    await until(
      async () => (await gmail.evaluate(() => document.querySelectorAll('tr.zA').length)) === 0,
      'the inbox drawn again (empty)',
    );

    const b = await exported();
    const people = b.contacts.map((c) => c.email).sort();
    expect(people).toEqual([
      'alice.moreau@northwind.example',
      'bob@okafor.example',
      'chen.wei@lotus.example',
      'dara@novak.example',
      'eli.sato@kumo.example',
      'farah@haddad.example',
    ]);
    // Seven sent touches (Alice twice), none with the billing robot, none received.
    const touches = b.interactions.filter((i) => i.source === 'gmail');
    expect(touches.every((i) => i.direction === 'sent')).toBe(true);
    expect(new Set(touches.map((i) => i.threadId)).size).toBe(7);

    // Again in dark: nothing new is recorded, the walk ends the same way.
    const dark = await options('dark');
    await dark.getByRole('button', { name: 'Catch up from Gmail' }).click();
    await section(dark)
      .getByText(/Reading Sent…/)
      .waitFor({ timeout: 10_000 });
    await section(dark).screenshot({ path: screenshotPath('options-catch-up-dark') });
    await section(dark).getByText('Reached the last page of Sent (page 3).').waitFor({ timeout: 30_000 });
    await section(dark).screenshot({ path: artifactPath('catch-up-done-dark.png') });
    const again = await exported();
    expect(again.contacts.length).toBe(6);
    expect(again.interactions.filter((i) => i.source === 'gmail').length).toBe(
      b.interactions.filter((i) => i.source === 'gmail').length,
    );
    await until(async () => gmail.url().endsWith('#inbox'), 'the Gmail tab back at #inbox again');
    await Promise.all([page.close(), dark.close(), gmail.close()]);
  });
});

describe('Import contacts', () => {
  it('a vCard through Options: merged by any address, birthday and work added, people without an email counted', async () => {
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Alice Moreau',
      'EMAIL;TYPE=HOME:alice@moreau-home.example',
      'EMAIL;TYPE=WORK:alice.moreau@northwind.example',
      'BDAY:--07-05',
      'ORG:Northwind',
      'TITLE:Head of Sales',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Gus Newman',
      'EMAIL:gus@newman.example',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Phone Only',
      'TEL:+1 555 0100',
      'END:VCARD',
      '',
    ].join('\r\n');
    const before = (await exported()).contacts.length;
    const page = await options();
    await page.getByLabel('Import contacts (.vcf, .csv)').setInputFiles({
      name: 'contacts.vcf',
      mimeType: 'text/vcard',
      buffer: Buffer.from(vcf),
    });
    const status = page
      .locator('section', { has: page.getByRole('heading', { name: 'Contacts import' }) })
      .getByRole('status');
    await status.getByText(/Imported 2 people from contacts\.vcf \(vCard\)/).waitFor();
    expect(await status.innerText()).toContain('1 new contact, 1 contact updated');
    expect(await status.innerText()).toContain('Skipped 1 person without an email address');
    await page
      .locator('section', { has: page.getByRole('heading', { name: 'Contacts import' }) })
      .screenshot({ path: artifactPath('contacts-import-light.png') });

    const b = await exported();
    expect(b.contacts.length).toBe(before + 1);
    const alice = b.contacts.find((c) => c.email === 'alice.moreau@northwind.example');
    expect(alice?.aliases).toEqual(['alice@moreau-home.example']);
    expect(alice?.dates).toEqual([expect.objectContaining({ kind: 'birthday', month: 7, day: 5 })]);
    expect(alice?.details?.background).toBe('Head of Sales at Northwind');

    // A file that is not a contacts file: a clear error, nothing changed.
    await page.getByLabel('Import contacts (.vcf, .csv)').setInputFiles({
      name: 'notes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Date,Amount\n2026-01-01,12.00\n'),
    });
    await status.getByText('the contacts were not imported: nothing was changed').waitFor();
    expect((await exported()).contacts.length).toBe(before + 1);
    await page.close();
  });

  it('nothing left the machine and no page logged an error', () => {
    expect(leakedRequests(tend.requests)).toEqual([]);
    expect(tend.consoleErrors).toEqual([]);
  });
});
