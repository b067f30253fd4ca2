/**
 * The mailbox import through the real Options page, in the built extension: a file that is not an mbox is
 * refused in words and changes nothing; a Takeout mailbox imports in its worker with a summary, and the
 * popup's Overdue names the person who drifted; importing it again changes nothing; a larger one shows
 * progress, stops on Cancel, and carries on from where it stopped. Screenshots of progress and summary in
 * light and dark.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoMailbox } from '../support/mbox';
import { writeTakeoutMbox } from '../support/mbox-gen';
import { launchTend, screenshotPath, type Tend, until } from './harness';

const LABEL = 'Import mail history (.mbox)';
let tend: Tend;
let dir: string;

beforeAll(async () => {
  tend = await launchTend();
  dir = mkdtempSync(path.join(tmpdir(), 'tend-mbox-'));
});

afterAll(async () => {
  await tend?.close();
});

async function exportedCounts() {
  const r = await tend.send({ type: 'export' });
  expect(r.ok).toBe(true);
  return { contacts: r.backup.contacts.length as number, interactions: r.backup.interactions.length as number };
}

async function choose(page: Page, file: string) {
  await page.getByLabel(LABEL).setInputFiles(file);
}

async function summary(page: Page, what: RegExp): Promise<string> {
  const status = page.locator('#mail-history [role="status"]');
  await status.getByText(what).waitFor({ timeout: 120_000 });
  return (await status.textContent()) ?? '';
}

/** Sizes the page to the card and takes it (the rest of Options is not what this shows). */
async function shootCard(page: Page, name: string) {
  await page.locator('#mail-history').screenshot({ path: screenshotPath(name) });
}

it('refuses a PDF named .mbox in words and changes nothing', async () => {
  const file = path.join(dir, 'statement.mbox');
  writeFileSync(file, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
  const page = await tend.openPage('options.html');
  await choose(page, file);
  const text = await summary(page, /PDF/);
  expect(text).toContain('This is a PDF, not an mbox mailbox.');
  expect(text).toContain('Nothing was changed.');
  expect(await exportedCounts()).toEqual({ contacts: 0, interactions: 0 });
  await page.close();
});

it('imports a Takeout mailbox with a summary; the popup names who drifted; a second import changes nothing', async () => {
  const file = path.join(dir, 'All mail Including Spam and Trash.mbox');
  writeFileSync(file, demoMailbox(Date.now()));
  const page = await tend.openPage('options.html', { colorScheme: 'light' });
  await choose(page, file);
  const expected =
    'Imported 22 messages: 4 people, 1 promise; skipped 4 chat, spam and robot messages, 1 without a date, 1 unreadable.';
  expect(await summary(page, /^Imported/)).toBe(expected);
  const first = await exportedCounts();
  expect(first.contacts).toBe(4);

  const popup = await tend.openPage('popup.html');
  const overdue = popup.getByRole('region', { name: /^Overdue/ });
  await overdue.getByText('Drift, Dana').first().waitFor({ timeout: 15_000 });
  await popup.close();

  // The same file again: the same summary, not one record more.
  await page.reload();
  await choose(page, file);
  expect(await summary(page, /^Imported/)).toBe(expected);
  expect(await exportedCounts()).toEqual(first);
  await shootCard(page, 'mbox-summary-light');
  await page.close();
});

it('shows progress, stops on Cancel, and carries on from there with the same file', { timeout: 400_000 }, async () => {
  const file = path.join(dir, 'big.mbox');
  const size = await writeTakeoutMbox(file, {
    messages: 12_000,
    attachmentShare: 0.04,
    attachmentBytes: 200_000,
    sentShare: 0.3,
    headerBytes: 3000,
    people: 1500,
    now: Date.now(),
  });
  const light = await tend.openPage('options.html', { colorScheme: 'light' });
  await choose(light, file);
  const bar = light.getByRole('progressbar', { name: 'Importing big.mbox' });
  // Well into the file (a few thousand messages read), then Cancel.
  await until(
    async () => {
      const t =
        (await light
          .locator('.import-progress')
          .textContent()
          .catch(() => '')) ?? '';
      const m = /([\d,]+) messages/.exec(t);
      return m && Number(m[1]?.replace(/,/g, '')) >= 3000 ? t : null;
    },
    'progress past 3,000 messages',
    60_000,
  );
  await shootCard(light, 'mbox-progress-light');
  await light.getByRole('button', { name: 'Cancel' }).click();
  const stopped = await summary(light, /^Stopped at/);
  expect(stopped).toMatch(/Stopped at \d+ %\. What was read is kept; choose the same file to carry on\./);
  await bar.waitFor({ state: 'detached' });
  const offset = await readState(light, size);
  expect(offset).toBeGreaterThan(0);
  expect(offset).toBeLessThan(size);
  await light.getByText(/An import of big\.mbox stopped at \d+ %/).waitFor();
  await light.close();

  const dark = await tend.openPage('options.html', { colorScheme: 'dark' });
  await choose(dark, file);
  await dark.getByText(/ messages · .* people/).waitFor({ timeout: 30_000 });
  await shootCard(dark, 'mbox-progress-dark');
  const text = await summary(dark, /^Imported/);
  expect(text).toMatch(
    /^Imported [\d,]+ messages: [\d,]+ people, [\d,]+ promises?; skipped [\d,]+ chat, spam and robot messages, 0 without a date\.$/,
  );
  await shootCard(dark, 'mbox-summary-dark');
  expect(await readState(dark, size)).toBe(null);
  await dark.close();
});

/** The unfinished import's offset for the big file, read in the page (null once it is done). */
async function readState(page: Page, size: number): Promise<number | null> {
  return page.evaluate(async (sz) => {
    const open = indexedDB.open('tend');
    const db: IDBDatabase = await new Promise((res, rej) => {
      open.onsuccess = () => res(open.result);
      open.onerror = () => rej(open.error);
    });
    const all: { key: string; value: { offset: number; done: boolean } }[] = await new Promise((res) => {
      const req = db.transaction('kv').objectStore('kv').getAll();
      req.onsuccess = () => res(req.result);
    });
    db.close();
    const rec = all.find((r) => r.key.startsWith(`mbox-import:${sz}:`));
    return rec && !rec.value.done ? rec.value.offset : null;
  }, size);
}
