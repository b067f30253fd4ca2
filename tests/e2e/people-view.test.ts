/**
 * The People view in the built extension: 5,000 people from the invented generator, of whom only the rows in
 * view are in the page; 100 of them selected by hand and tagged at once; axe-core (no serious or critical
 * violation); screenshots in light and dark over the demo history. Times are measured by `npm run bench`.
 */

import { KEPT_PAGES_CACHE, keptPageKey } from '../../lib/store/first-screen';
import { demoBackup, synthBackup } from '../support/synth';
import { axeViolations, launchTend, screenshotPath, type Tend, until } from './harness';

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

  it('paints the view kept at its last opening, inert, then the live view in its place', async () => {
    const first = await tend.openPage('people.html');
    await first.setViewportSize(SIZE);
    await first.getByText(/^5,0\d\d of 5,0\d\d people/).waitFor({ timeout: 30_000 });
    // Kept once the opening view has been still for a moment.
    await first.waitForFunction(() => (localStorage.getItem('tend:people-screen') ?? '').includes('of 5,0'), null, {
      timeout: 30_000,
    });
    // The kept view holds the rows in sight, not the ones the live table renders below them, and scrolls as tall.
    const rows = await first.evaluate(() => {
      const scroll = document.querySelector('.people-scroll') as HTMLElement;
      const bottom = scroll.getBoundingClientRect().top + scroll.clientHeight;
      const live = [...scroll.querySelectorAll('tbody tr[aria-rowindex]')];
      const t = document.createElement('template');
      t.innerHTML = JSON.parse(localStorage.getItem('tend:people-screen') ?? '{}').html;
      const painted = t.content.querySelectorAll('.people-scroll tbody tr[aria-rowindex]').length;
      const later = t.content.querySelector('template[data-later-rows]') as HTMLTemplateElement | null;
      const held = later?.content.querySelectorAll('tr[aria-rowindex]').length ?? 0;
      const host = document.createElement('div');
      host.style.cssText = 'position:absolute;left:-10000px;top:0;width:1200px';
      host.append(t.content);
      document.body.append(host);
      const table = () => host.querySelector('.people-table') as HTMLElement;
      const keptHeight = table().offsetHeight;
      // The rows held back are put in place as the page does it a frame after its first paint (main.tsx).
      const heldBack = host.querySelector('template[data-later-rows]') as HTMLTemplateElement;
      const spacer = host.querySelector('.people-scroll tbody > tr.spacer') as HTMLElement;
      spacer.before(...heldBack.content.querySelectorAll('tbody > tr'));
      spacer.style.height = `${Number.parseFloat(spacer.style.height) - Number(heldBack.getAttribute('data-later-rows'))}px`;
      const wholeHeight = table().offsetHeight;
      const whole = host.querySelectorAll('.people-scroll tbody tr[aria-rowindex]').length;
      host.remove();
      return {
        live: live.length,
        inSight: live.filter((r) => r.getBoundingClientRect().top < bottom).length,
        painted,
        held,
        whole,
        liveHeight: (scroll.querySelector('.people-table') as HTMLElement).offsetHeight,
        keptHeight,
        wholeHeight,
      };
    });
    // The first 5 rows in sight are painted at once; the others in sight wait for the next frame; none below.
    expect(rows.painted).toBe(5);
    expect(rows.painted + rows.held).toBe(rows.inSight);
    expect(rows.whole).toBe(rows.inSight);
    expect(rows.inSight).toBeLessThan(rows.live);
    expect(rows.keptHeight).toBe(rows.liveHeight);
    expect(rows.wholeHeight).toBe(rows.liveHeight);
    // The page the awake background serves with the kept view in its markup (lib/store/first-screen.ts keptPage).
    await until(
      () =>
        first.evaluate(
          async ([cache, key]) => (await (await caches.open(cache)).match(key)) !== undefined || undefined,
          [KEPT_PAGES_CACHE, keptPageKey('/people.html')] as const,
        ),
      'the served People view',
    );
    await first.close();

    const page = await tend.context.newPage();
    await page.addInitScript(() => {
      const w = globalThis as {
        __firstRow?: { kept: boolean; inert: boolean };
        __module?: { frames: number; held: boolean; kept: boolean };
        __frames?: number;
      };
      // Frames since the page began: the first one paints the kept view.
      const count = () => {
        w.__frames = (w.__frames ?? 0) + 1;
        if (!w.__module) requestAnimationFrame(count);
      };
      requestAnimationFrame(count);
      const obs = new MutationObserver(() => {
        const root = document.getElementById('root');
        // The page's module, when it is put into the page: what was on screen by then.
        const module = document.querySelector('script[type="module"]');
        if (module && !w.__module)
          w.__module = {
            frames: w.__frames ?? 0,
            held: document.querySelector('template[data-later-rows]') !== null,
            kept: root?.hasAttribute('data-first-screen') ?? false,
          };
        if (w.__firstRow || !root?.querySelector('tbody tr[aria-rowindex="2"]')) return;
        w.__firstRow = {
          kept: root.hasAttribute('data-first-screen'),
          inert: root.hasAttribute('inert') && root.getAttribute('aria-hidden') === 'true',
        };
      });
      obs.observe(document, { childList: true, subtree: true });
    });
    await page.setViewportSize(SIZE);
    await page.goto(`chrome-extension://${tend.extensionId}/people.html`);
    const seen = await page.waitForFunction(() => (globalThis as { __firstRow?: unknown }).__firstRow);
    expect(await seen.jsonValue()).toEqual({ kept: true, inert: true });
    // Served by the worker, the page fetches only the paint script before its first paint; the module follows
    // once the kept view is on screen and its held-back rows are in place, and the live view takes over.
    expect(
      await page.evaluate(
        () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).workerStart > 0,
      ),
    ).toBe(true);
    const module = await page.waitForFunction(() => (globalThis as { __module?: unknown }).__module);
    const loaded = (await module.jsonValue()) as { frames: number; held: boolean; kept: boolean };
    expect(loaded).toMatchObject({ held: false, kept: true });
    expect(loaded.frames).toBeGreaterThanOrEqual(2);
    // React's first render takes its place: live, not inert, and it takes the keyboard.
    await page.waitForFunction(() => !document.getElementById('root')?.hasAttribute('data-first-screen'), null, {
      timeout: 30_000,
    });
    expect(await page.locator('#root[inert], #root[aria-hidden]').count()).toBe(0);
    await page.getByText(/^5,0\d\d of 5,0\d\d people/).waitFor();
    await page.getByLabel('Search').fill('zz-nobody');
    await page.getByText(/^0 of 5,0\d\d people/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    // Opened on Drifting (the popup's "See all in People"): the kept view is everyone, so it is not painted; the first
    // rows shown are the drifting people.
    const drifting = await tend.context.newPage();
    await drifting.addInitScript(() => {
      const w = globalThis as { __firstRow?: { kept: boolean } };
      const obs = new MutationObserver(() => {
        const root = document.getElementById('root');
        if (!root?.querySelector('tbody tr[aria-rowindex="2"]')) return;
        w.__firstRow = { kept: root.hasAttribute('data-first-screen') };
        obs.disconnect();
      });
      obs.observe(document, { childList: true, subtree: true });
    });
    await drifting.setViewportSize(SIZE);
    await drifting.goto(`chrome-extension://${tend.extensionId}/people.html?filter=drifting`);
    const firstRow = await drifting.waitForFunction(() => (globalThis as { __firstRow?: object }).__firstRow, null, {
      timeout: 30_000,
    });
    expect(await firstRow.jsonValue()).toEqual({ kept: false });
    expect(await drifting.getByLabel('Show', { exact: true }).inputValue()).toBe('drifting');
    const count = await drifting.getByText(/ of 5,0\d\d people/).textContent();
    const shown = Number((count ?? '').split(' of ')[0]?.replace(/,/g, ''));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(5000);
    await drifting.close();
  }, 120_000);
});
