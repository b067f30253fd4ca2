/**
 * The popup paints its last rendered first screen while the page is still parsing (lib/store/first-screen.ts,
 * entrypoints/kept-paint), then React replaces it with what the store says now: a person done since is gone
 * from the fresh paint, an unchanged store repaints in place (no row moves), the kept screen can be neither
 * focused nor clicked, a new user is never shown a kept screen, and "Delete all data" forgets it.
 */

import type { Page } from 'playwright-core';
import { KEPT_PAGES_CACHE, KEPT_ROWS, keptPageKey } from '../../lib/store/first-screen';
import { demoBackup } from '../support/synth';
import { artifactPath, launchTend, readKv, type Tend, until } from './harness';

const TZ = 'America/New_York';
const SELF = 'dana.reyes@example.com';
const KEY = 'tend:first-screen';
const POPUP = { width: 380, height: 600 };

interface Seen {
  state: 'cached' | 'fresh';
  readyState: DocumentReadyState;
  /** Names in the nudge sections (not Recent contacts), in order. */
  names: string[];
  firstRowTop: number;
  inert: boolean;
  ariaHidden: boolean;
  background: string;
}

let tend: Tend;

beforeAll(async () => {
  tend = await launchTend({ timezoneId: TZ });
});

afterAll(async () => {
  await tend?.close();
  expect(tend.consoleErrors).toEqual([]);
});

/** Opens the popup recording, at each of its two first states, what is on screen. */
async function openRecorded(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await tend.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize(POPUP);
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (globalThis as { __seen?: unknown[] }).__seen = seen;
    const names = () =>
      [...document.querySelectorAll('#root main section')]
        .filter((s) => !s.querySelector('h2')?.textContent?.startsWith('Recent contacts'))
        .flatMap((s) => [...s.querySelectorAll('.row .row-name')].map((e) => e.textContent ?? ''));
    const record = (state: 'cached' | 'fresh') => {
      const root = document.getElementById('root') as HTMLElement;
      seen.push({
        state,
        readyState: document.readyState,
        names: names(),
        firstRowTop: document.querySelector('#root main .row')?.getBoundingClientRect().top ?? -1,
        inert: root.hasAttribute('inert'),
        ariaHidden: root.getAttribute('aria-hidden') === 'true',
        background: getComputedStyle(document.body).backgroundColor,
      });
    };
    const obs = new MutationObserver(() => {
      const root = document.getElementById('root');
      if (!root || !document.querySelector('#root main .row .row-name')) return;
      if (root.hasAttribute('data-first-screen')) {
        // A kept screen served in the page's markup arrives as the parser reads it: the record is of the whole
        // kept screen, with the state of the page when its first row appeared.
        const first = seen[0] as { readyState: DocumentReadyState } | undefined;
        if (first) seen.pop();
        record('cached');
        if (first) (seen[0] as { readyState: DocumentReadyState }).readyState = first.readyState;
      } else {
        record('fresh');
        obs.disconnect();
      }
    });
    obs.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-first-screen'] });
  });
  await page.goto(`chrome-extension://${tend.extensionId}/popup.html`);
  return page;
}

async function seenOf(page: Page): Promise<Seen[]> {
  return until(async () => {
    const seen = await page.evaluate(() => (globalThis as { __seen?: Seen[] }).__seen ?? []);
    return seen.some((s) => s.state === 'fresh') ? seen : undefined;
  }, 'the fresh paint');
}

async function kept(page: Page): Promise<{ html: string; computedAt: number | null; savedAt: number } | null> {
  return page.evaluate((k) => {
    const raw = localStorage.getItem(k);
    return raw ? JSON.parse(raw) : null;
  }, KEY);
}

/** The popup's page as the background worker would serve it, or null. */
async function servedPage(page: Page): Promise<string | null> {
  return page.evaluate(
    async ([cache, key]) => {
      const r = await (await caches.open(cache)).match(key);
      return r ? r.text() : null;
    },
    [KEPT_PAGES_CACHE, keptPageKey('/popup.html')] as const,
  );
}

/** Whether the worker answered the page's navigation, and whether the page fetched the paint script. */
async function howServed(page: Page): Promise<{ byWorker: boolean; paintScript: boolean }> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      byWorker: nav.workerStart > 0,
      // Resource Timing records no file of the extension's own scheme: the page's own markup tells.
      paintScript: document.querySelector('script[src="/kept-paint.js"]') !== null,
    };
  });
}

async function nudgeKeys(): Promise<string[]> {
  const list = (await readKv(tend, 'nudges')) as { nudges: { key: string }[] } | undefined;
  return list?.nudges.map((n) => n.key) ?? [];
}

it('shows a new user the welcome, and keeps nothing of it', async () => {
  const page = await openRecorded();
  await page.getByText('Welcome to Tend').waitFor();
  // Longer than the popup waits before keeping its first screen.
  await page.waitForTimeout(1500);
  expect(await kept(page)).toBeNull();
  expect(await page.evaluate(() => (globalThis as { __seen?: unknown[] }).__seen)).toEqual([]);
  await page.close();
});

describe('with a history', () => {
  beforeAll(async () => {
    const r = await tend.send({ type: 'import', backup: demoBackup({ now: Date.now(), timeZone: TZ, self: SELF }) });
    expect(r.ok, JSON.stringify(r.errors)).toBe(true);
    await until(async () => (await nudgeKeys()).length > 10, 'the nudge list of the imported history');
  });

  it('keeps the first screen, paints it while parsing, and replaces it with the fresh one', async () => {
    // First open: nothing kept yet, React paints; the popup then keeps what it rendered.
    const first = await openRecorded();
    const seen1 = await seenOf(first);
    expect(seen1.map((s) => s.state)).toEqual(['fresh']);
    const shown = seen1[0]?.names ?? [];
    expect(shown.length).toBeGreaterThan(3);
    // The kept screen is the top of it: the rows that fill the popup.
    expect(shown.length).toBeGreaterThan(KEPT_ROWS);
    const k1 = await until(() => kept(first), 'the kept first screen');
    for (const name of shown.slice(0, KEPT_ROWS)) expect(k1.html).toContain(name);
    const top = shown.slice(0, KEPT_ROWS);
    for (const name of shown.slice(KEPT_ROWS)) if (!top.includes(name)) expect(k1.html).not.toContain(name);
    expect(k1.html).not.toContain('Drifting');
    await first.close();

    // Something changes while the popup is closed: the first Reply needed person is done.
    const keys = await nudgeKeys();
    const list = (await readKv(tend, 'nudges')) as { nudges: { key: string; kind: string; name?: string }[] };
    const done = list.nudges.find((n) => n.kind === 'reply-needed' && shown.slice(0, KEPT_ROWS).includes(n.name ?? ''));
    expect(done?.name).toBeTruthy();
    expect((await tend.send({ type: 'nudge-action', key: done?.key, action: 'done' })).ok).toBe(true);
    await until(async () => !(await nudgeKeys()).includes(done?.key ?? ''), 'the recomputed list');
    expect((await nudgeKeys()).length).toBeLessThan(keys.length);

    // Second open: the kept screen is in the page before any module ran (the page was still parsing, or had
    // just parsed the kept screen served in its markup), showing the person as last seen; the fresh paint no
    // longer does, and the kept screen is rewritten.
    const second = await openRecorded();
    const seen2 = await seenOf(second);
    expect(seen2.map((s) => s.state)).toEqual(['cached', 'fresh']);
    const [cached, fresh] = seen2 as [Seen, Seen];
    expect(['loading', 'interactive']).toContain(cached.readyState);
    expect(cached.names).toEqual(shown.slice(0, KEPT_ROWS));
    expect(cached.names).toContain(done?.name);
    expect(cached.inert && cached.ariaHidden).toBe(true);
    expect(fresh.names).not.toContain(done?.name);
    expect(fresh.inert || fresh.ariaHidden).toBe(false);
    const k2 = await until(async () => {
      const k = await kept(second);
      return k && k.savedAt > k1.savedAt ? k : undefined;
    }, 'the kept screen rewritten');
    const keptNames = await second.evaluate((html) => {
      const t = document.createElement('template');
      t.innerHTML = html;
      return [...t.content.querySelectorAll('main section')]
        .filter((s) => !s.querySelector('h2')?.textContent?.startsWith('Recent contacts'))
        .flatMap((s) => [...s.querySelectorAll('.row .row-name')].map((e) => e.textContent ?? ''));
    }, k2.html);
    expect(keptNames).toEqual(fresh.names.slice(0, KEPT_ROWS));
    await second.close();
  });

  it.each(['light', 'dark'] as const)(
    'repaints an unchanged store in place, in %s mode, and the live page takes the keyboard',
    async (scheme) => {
      const page = await openRecorded(scheme);
      const [cached, fresh] = (await seenOf(page)) as [Seen, Seen];
      expect(cached.state).toBe('cached');
      expect(cached.names).toEqual(fresh.names.slice(0, KEPT_ROWS));
      expect(fresh.firstRowTop).toBe(cached.firstRowTop);
      expect(fresh.background).toBe(cached.background);
      expect(cached.background).toBe(scheme === 'dark' ? 'rgb(22, 24, 28)' : 'rgb(255, 255, 255)');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('#root') !== null)).toBe(true);

      // The kept screen as it looks, beside the live page: put back into the same page (Drifting, which fills in
      // after the first paint and is never kept, taken out of the live one first).
      await page.evaluate(() => {
        for (const s of document.querySelectorAll('#root section'))
          if (s.querySelector('h2')?.textContent?.startsWith('Drifting')) s.remove();
      });
      await page.screenshot({ path: artifactPath(`popup-first-screen-live-${scheme}.png`) });
      const html = (await kept(page))?.html ?? '';
      expect(html).toContain(fresh.names[0]);
      await page.evaluate((h) => {
        (document.getElementById('root') as HTMLElement).innerHTML = h;
      }, html);
      await page.screenshot({ path: artifactPath(`popup-first-screen-kept-${scheme}.png`) });
      await page.close();
    },
  );

  it('is served with its kept screen by the background while it is awake, and from its file while it sleeps', async () => {
    // Awake: the page arrives with the kept screen in its markup (lib/store/first-screen.ts keptPage), answered
    // by the background worker, and the paint script is never fetched.
    const warm = await openRecorded();
    await seenOf(warm);
    const served = await until(() => servedPage(warm), 'the kept page in the cache');
    expect(served).toContain('data-first-screen=');
    expect(served).not.toContain('kept-paint.js');
    await warm.close();
    const awake = await openRecorded();
    const [cached] = (await seenOf(awake)) as [Seen, Seen];
    expect(cached.state).toBe('cached');
    expect(await howServed(awake)).toEqual({ byWorker: true, paintScript: false });
    await awake.close();

    // Asleep: the browser reads the file itself (no request waits for the worker to start), and the paint
    // script puts the kept screen up as before. The worker is stopped, and the popup opened once the browser
    // says it is; anything may wake it in between (an alarm, a message), so a popup it served after all is
    // opened again, a few times at most.
    const probe = await tend.context.newPage();
    const cdp = await tend.context.newCDPSession(probe);
    const running = new Map<string, string>();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) running.set(v.versionId, v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    let fromFile: { seen: Seen; served: { byWorker: boolean; paintScript: boolean } } | undefined;
    for (let attempt = 0; attempt < 10 && !fromFile; attempt++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      const stopped = () => [...running.values()].every((s) => s === 'stopped');
      for (let waited = 0; waited < 2000 && !stopped(); waited += 50) await new Promise((r) => setTimeout(r, 50));
      if (!stopped()) continue;
      const asleep = await openRecorded();
      const [seen] = (await seenOf(asleep)) as [Seen, Seen];
      const served = await howServed(asleep);
      if (!served.byWorker) fromFile = { seen, served };
      await asleep.close();
    }
    expect(fromFile?.served).toEqual({ byWorker: false, paintScript: true });
    expect(fromFile?.seen.state).toBe('cached');
    expect(fromFile?.seen.readyState).toBe('loading');
    expect(fromFile?.seen.names).toEqual(cached.names);
    await probe.close();
  });

  it('carries the stylesheets of the views it loads later inline: none is fetched or added, all apply', async () => {
    // The popup imports its views lazily (entrypoints/popup/main.tsx), and their stylesheets (components/lists.css)
    // with them: the build puts those inline too (wxt.config.ts), or the kept screen would paint unstyled.
    const before = tend.requests.length;
    const page = await openRecorded();
    await seenOf(page);
    await page.locator('#root:not([data-first-screen]) main .row').first().waitFor();
    const sheets = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => l.disabled),
    );
    expect(sheets.length).toBeGreaterThanOrEqual(2);
    expect(sheets.every((disabled) => disabled)).toBe(true);
    expect(tend.requests.slice(before).filter((u) => u.endsWith('.css'))).toEqual([]);
    // A rule of lists.css applies to the live rows.
    expect(
      await page
        .locator('main .row')
        .first()
        .evaluate((el) => getComputedStyle(el).display),
    ).toBe('flex');
    await page.close();
  });

  it('forgets the kept screen when all data is deleted in Options', async () => {
    const popup = await openRecorded();
    await seenOf(popup);
    expect(await kept(popup)).not.toBeNull();
    await popup.close();
    const options = await tend.context.newPage();
    await options.goto(`chrome-extension://${tend.extensionId}/options.html`);
    await options.getByRole('button', { name: /Delete all data/ }).click();
    await options.getByRole('button', { name: 'Delete everything' }).click();
    await options.getByText('All Tend data was deleted.').waitFor();
    expect(await kept(options)).toBeNull();
    expect(await servedPage(options)).toBeNull();
    await options.close();
    const after = await openRecorded();
    await after.getByText('Welcome to Tend').waitFor();
    expect(await after.evaluate(() => (globalThis as { __seen?: unknown[] }).__seen)).toEqual([]);
    await after.close();
  });
});
