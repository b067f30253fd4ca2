/**
 * The People view in the built extension: 5,000 people from the invented generator, of whom only the rows in
 * view are in the page; 100 of them selected by hand and tagged at once; axe-core (no serious or critical
 * violation); screenshots in light and dark over the demo history. Times are measured by `npm run bench`.
 */
import { demoBackup, synthBackup } from '../support/synth';
import { axeViolations, launchTend, screenshotPath, type Tend } from './harness';

const TZ = 'America/New_York';
const SIZE = { width: 1200, height: 900 };
let tend: Tend;

beforeAll(async () => {
  tend = await launchTend({ timezoneId: TZ });
});
afterAll(async () => {
  await tend?.close();
});

describe('the People view', () => {
  it.each(['light', 'dark'] as const)('shows the demo history in %s mode, accessibly', async (scheme) => {
    if (scheme === 'light') {
      const r = await tend.send({ type: 'import', backup: demoBackup({ now: Date.now(), timeZone: TZ }) });
      expect(r.ok, JSON.stringify(r.errors)).toBe(true);
    }
    const page = await tend.openPage('people.html', { colorScheme: scheme });
    await page.setViewportSize(SIZE);
    await page.getByRole('row').nth(5).waitFor();
    await page.waitForTimeout(200);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath(`people-${scheme}`) });
    await page.close();
  });

  it('at 5,000 people keeps only the rows in view in the page, and tags 100 selected people at once', async () => {
    const backup = synthBackup({ contacts: 5_000, interactions: 20_000, now: Date.now() });
    const r = await tend.send({ type: 'import', backup });
    expect(r.ok, JSON.stringify(r.errors)).toBe(true);
    const page = await tend.openPage('people.html');
    await page.setViewportSize(SIZE);
    await page.getByText(/^5,0\d\d of 5,0\d\d people/).waitFor({ timeout: 30_000 });
    const inPage = await page.getByRole('row').count();
    expect(inPage).toBeGreaterThan(10);
    expect(inPage).toBeLessThan(60);

    // Sorted by name, the first 100 rows chosen one by one (scrolling as a person would).
    await page.getByRole('button', { name: /^Name/ }).click();
    const chosen: string[] = [];
    for (let i = 0; i < 100; i++) {
      const row = page.locator(`tbody tr[aria-rowindex="${i + 2}"]`);
      if (i % 10 === 0)
        await page.evaluate((top) => {
          const s = document.querySelector('.people-scroll');
          if (s) s.scrollTop = top;
        }, i * 44);
      await row.waitFor();
      const label = (await row.getByRole('checkbox').getAttribute('aria-label')) ?? '';
      chosen.push(label.replace(/^Select /, ''));
      await row.getByRole('checkbox').check();
    }
    await page.getByText(/· 100 selected$/).waitFor();
    await page.getByLabel('Tag to add').fill('conference-2026');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByText('Done: 100 of 100 changed.').waitFor();
    const exported = await tend.send({ type: 'export' });
    const tagged = (exported.backup.contacts as { name: string; email: string; tags: string[] }[]).filter((c) =>
      c.tags.includes('conference-2026'),
    );
    expect(tagged).toHaveLength(100);
    expect(tagged.map((c) => c.name || c.email).sort()).toEqual([...chosen].sort());
    // The new tag is a filter now.
    await page.getByLabel('Show', { exact: true }).selectOption('tag:conference-2026');
    await page.getByText(/^100 of 5,0\d\d people/).waitFor();
    await page.close();
  }, 300_000);
});
