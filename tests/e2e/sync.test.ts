/**
 * The user-authored layer in two browser profiles of the built extension (two persistent contexts, separate user
 * data dirs), the browser's own sync played by copying one profile's `storage.sync` items into the other:
 * (a) both switch sync on in Options; A's items copied into B: B's sidebar shows A's notes, tags and rhythm for
 *     a person B has never seen (no history);
 * (b) the same note edited in both sidebars: after the items travel both ways, both hold the later edit;
 * (c) issue #17: A's IndexedDB store is removed from the profile between two runs: at the next start the notes
 *     and rhythms are back from the safety copy in `storage.local`.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchTend, pageTabId, screenshotPath, type Tend, until, writeKv } from './harness';

declare const chrome: any;

const ANN = 'ann.lee@example.com';
const MONTHLY = { mode: 'fixed', days: 30, toleranceDays: 7 };

let a: Tend;
let b: Tend;

type Contact = { email: string; name: string; notes: string; tags: string[]; cadence: { mode: string; days?: number } };

async function contactIn(t: Tend, email: string): Promise<Contact | undefined> {
  const r = await t.send({ type: 'export' });
  expect(r.ok).toBe(true);
  return (r.backup.contacts as Contact[]).find((c) => c.email === email);
}

/** An extension page of `t` to read and write its storage areas from. */
const pages = new Map<Tend, Page>();
async function extPage(t: Tend): Promise<Page> {
  let p = pages.get(t);
  if (!p || p.isClosed()) {
    p = await t.openPage('options.html');
    pages.set(t, p);
  }
  return p;
}

const syncItems = async (t: Tend): Promise<Record<string, unknown>> =>
  (await extPage(t)).evaluate(() => chrome.storage.sync.get(null));

/** What the browser's sync does: `from`'s items arrive in `to`'s sync area (and its storage.onChanged fires). */
async function carry(from: Tend, to: Tend): Promise<void> {
  const items = await syncItems(from);
  await (await extPage(to)).evaluate((i) => chrome.storage.sync.set(i), items);
}

async function switchSyncOn(t: Tend): Promise<void> {
  const page = await t.openPage('options.html');
  const box = page.getByRole('checkbox', { name: "Sync notes and settings through your browser's sync" });
  await box.waitFor();
  await until(async () => !(await box.isDisabled()), 'the sync switch to be ready');
  expect(await box.isChecked()).toBe(false);
  await box.click();
  await until(async () => box.isChecked(), 'the sync switch on');
  await page.getByText(/^Uses .* of 100 KB/).waitFor();
  await page.close();
}

/** The sidebar as it is next to a Gmail thread with Ann in it. */
async function sidebarWithAnn(t: Tend, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await t.openPage('sidepanel.html', { colorScheme });
  await page.setViewportSize({ width: 400, height: 900 });
  await writeKv(t, `tab:${await pageTabId(page)}`, {
    url: 'https://mail.google.com/mail/u/0/#inbox/t1',
    account: 'dana@example.com',
    threadKey: 'dana@example.com/t1',
    people: [ANN],
    at: Date.now(),
  });
  await page.reload();
  return page;
}

async function editNotes(t: Tend, text: string): Promise<void> {
  const page = await sidebarWithAnn(t);
  const notes = page.getByRole('article', { name: 'Ann Lee' }).getByRole('textbox', { name: 'Notes' });
  await notes.waitFor();
  await notes.fill(text);
  await notes.blur();
  await until(async () => (await contactIn(t, ANN))?.notes === text, `"${text}" in the store`);
  await page.close();
}

beforeAll(async () => {
  a = await launchTend();
  b = await launchTend();
});

afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('sync between two profiles', () => {
  it('B shows the notes, tags and rhythm A wrote for a person B has never seen', async () => {
    const r = await a.send({
      type: 'import',
      backup: {
        format: 'tend-backup',
        version: 1,
        exportedAt: new Date().toISOString(),
        contacts: [
          {
            email: ANN,
            name: 'Ann Lee',
            notes: 'Met at the summit; prefers mornings',
            tags: ['client', 'mentor'],
            cadence: MONTHLY,
          },
        ],
        interactions: [
          {
            contact: ANN,
            at: new Date(Date.now() - 10 * 86_400_000).toISOString(),
            direction: 'received',
            source: 'gmail',
            messageId: 'm1',
          },
        ],
      },
    });
    expect(r.ok).toBe(true);
    // A coffee logged by hand on Ann's page (the message the page sends): the user's writing, so it travels.
    const coffeeAt = Date.now() - 2 * 86_400_000;
    const logged = await a.send({
      type: 'log-touch',
      contact: ANN,
      kind: 'coffee',
      at: coffeeAt,
      note: 'Coffee at the summit',
    });
    expect(logged.ok).toBe(true);
    await switchSyncOn(a);
    await switchSyncOn(b);
    await until(async () => {
      const items = JSON.stringify(await syncItems(a));
      return items.includes('prefers mornings') && items.includes('Coffee at the summit');
    }, "A's items in its sync area");
    expect(await contactIn(b, ANN)).toBeUndefined();

    await carry(a, b);
    const ann = await until(async () => contactIn(b, ANN), 'Ann in B');
    expect(ann).toMatchObject({
      name: 'Ann Lee',
      notes: 'Met at the summit; prefers mornings',
      tags: ['client', 'mentor'],
      cadence: MONTHLY,
    });
    // B knows nothing of the mail A saw: the person comes without it, with the coffee logged by hand.
    const coffee = {
      contact: ANN,
      direction: 'meeting',
      source: 'manual',
      kind: 'coffee',
      note: 'Coffee at the summit',
    };
    const bTouches = await until(async () => {
      const list = (await b.send({ type: 'export' })).backup.interactions as { at: string }[];
      return list.length ? list : undefined;
    }, "the coffee in B's history");
    expect(bTouches).toEqual([{ ...coffee, key: logged.key, at: new Date(coffeeAt).toISOString() }]);

    const page = await sidebarWithAnn(b);
    const card = page.getByRole('article', { name: 'Ann Lee' });
    await card.waitFor();
    expect(await card.getByRole('textbox', { name: 'Notes' }).inputValue()).toBe('Met at the summit; prefers mornings');
    expect(await card.getByRole('list', { name: 'Tags' }).textContent()).toMatch(/client.*mentor/);
    expect(await card.getByRole('combobox', { name: 'Rhythm' }).inputValue()).toBe('monthly');
    await page.close();

    // The switch and the usage in Options, light and dark (looked at by hand when they change).
    for (const scheme of ['light', 'dark'] as const) {
      const options = await b.openPage('options.html', { colorScheme: scheme });
      await options.setViewportSize({ width: 900, height: 800 });
      const section = options.getByRole('region', { name: 'Sync' });
      await section.getByText(/^Uses .* of 100 KB/).waitFor();
      await section.screenshot({ path: screenshotPath(`options-sync-${scheme}`), animations: 'disabled' });
      await options.close();
    }
  });

  it('the same note edited in both browsers ends the same in both: the later edit', async () => {
    await editNotes(a, 'A: moved to Lisbon');
    await new Promise((r) => setTimeout(r, 50));
    await editNotes(b, 'B: moved to Porto');
    await until(
      async () => JSON.stringify(await syncItems(a)).includes('A: moved to Lisbon'),
      "A's edit in its sync area",
    );
    await until(
      async () => JSON.stringify(await syncItems(b)).includes('B: moved to Porto'),
      "B's edit in its sync area",
    );
    // Both browsers' items travel, one way then the other, each time after the receiver had time to merge and
    // write back (it waits 5 s before writing), until the two agree, as Chrome Sync keeps going until then.
    const pause = () => new Promise((r) => setTimeout(r, 7_000));
    const agreed = await until(
      async () => {
        await carry(a, b);
        await pause();
        await carry(b, a);
        await pause();
        const [na, nb] = [(await contactIn(a, ANN))?.notes, (await contactIn(b, ANN))?.notes];
        return na === nb ? na : undefined;
      },
      'both browsers to agree on the note',
      100_000,
    );
    expect(agreed).toBe('B: moved to Porto');
    expect((await contactIn(a, ANN))?.tags).toEqual(['client', 'mentor']);
    expect(a.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
    expect(b.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  }, 180_000);
});

describe('the safety copy (issue #17)', () => {
  it('deleting the IndexedDB store and restarting keeps the notes and rhythms', async () => {
    await until(
      async () =>
        JSON.stringify(await (await extPage(a)).evaluate(() => chrome.storage.local.get('tend.layer'))).includes(
          'B: moved to Porto',
        ),
      'the safety copy to hold the latest note',
    );
    const dir = a.userDataDir;
    const id = a.extensionId;
    await a.close();
    pages.delete(a);
    const idb = path.join(dir, 'Default', 'IndexedDB');
    const stores = readdirSync(idb).filter((f) => f.startsWith(`chrome-extension_${id}_`));
    expect(stores.length).toBeGreaterThan(0);
    for (const f of stores) rmSync(path.join(idb, f), { recursive: true, force: true });
    expect(readdirSync(idb).some((f) => f.startsWith(`chrome-extension_${id}_`))).toBe(false);

    a = await launchTend({ userDataDir: dir });
    expect(existsSync(idb)).toBe(true);
    const ann = await until(async () => contactIn(a, ANN), 'Ann back from the safety copy');
    expect(ann).toMatchObject({
      name: 'Ann Lee',
      notes: 'B: moved to Porto',
      tags: ['client', 'mentor'],
      cadence: MONTHLY,
    });
    // The captured history was not the user's writing: it is not in the copy, and comes back only from mail. The
    // coffee logged by hand was: it is back.
    const back = await until(async () => {
      const list = (await a.send({ type: 'export' })).backup.interactions as { source: string }[];
      return list.length ? list : undefined;
    }, 'the coffee back from the safety copy');
    expect(back).toMatchObject([{ contact: ANN, source: 'manual', kind: 'coffee', note: 'Coffee at the summit' }]);
  });
});
