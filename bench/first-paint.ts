/**
 * How the browser benches time a page's first useful paint, one way for every page (the popup in store.ts, the
 * People view in people.ts): from navigation start until the text of the first row is painted, read from the
 * browser's Element Timing (the frame that put it on screen, not the moment it entered the DOM); and the floor
 * beside it, a page of the same extension holding one such row of text and nothing else, timed the same way.
 */

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { KEPT_PAGES_CACHE, keptPageKey } from '../lib/store/first-screen';
import { EXTENSION, type Tend, until } from '../tests/e2e/harness';

/** The floor page, in the built extension. */
export const ONE_ROW_PAGE = 'bench-one-row.html';

export function writeOneRowPage(): void {
  writeFileSync(
    path.join(EXTENSION, ONE_ROW_PAGE),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>one row</title></head><body><div id="root"><main><ul><li class="row"><p class="row-name">Ada Lovelace</p></li></ul></main></div></body></html>',
  );
}

export interface PaintOptions {
  /** The element whose text is the first useful paint (the floor page's row matches `.row .row-name`). */
  selector: string;
  /** A kept screen to restore in localStorage (a string) or to remove (null) before the page's scripts run. */
  keep?: { key: string; value: string | null };
  viewport?: { width: number; height: number };
}

/**
 * Opens `file` of the extension in a new tab and answers when its first row was painted: `cached` while the kept
 * screen showed (its root marked `data-first-screen`), `fresh` once React had rendered in its place (the floor
 * page, which has no kept screen, answers only `fresh`), and whether the background worker answered the
 * navigation (`byWorker`).
 */
export async function paintTimes(
  tend: Tend,
  file: string,
  { selector, keep, viewport }: PaintOptions,
): Promise<{ cached?: number; fresh: number; byWorker: boolean }> {
  const p = await tend.context.newPage();
  if (viewport) await p.setViewportSize(viewport);
  await p.addInitScript(
    ({ selector, keep }) => {
      if (keep && typeof keep.value === 'string') localStorage.setItem(keep.key, keep.value);
      else if (keep) localStorage.removeItem(keep.key);
      const w = globalThis as any;
      w.__paints = {};
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) {
          const t = e.renderTime || e.loadTime;
          if (!(e.identifier in w.__paints) || t < w.__paints[e.identifier]) w.__paints[e.identifier] = t;
        }
      }).observe({ type: 'element', buffered: true });
      // Each first row that enters the DOM is tagged for Element Timing: "cached" while the kept screen shows,
      // "fresh" once the page has rendered the store's answer.
      let tagged: Element | null = null;
      const obs = new MutationObserver(() => {
        const row = document.querySelector(selector);
        if (!row || row === tagged) return;
        tagged = row;
        const cached = document.getElementById('root')?.hasAttribute('data-first-screen');
        row.setAttribute('elementtiming', cached ? 'cached' : 'fresh');
        if (!cached) obs.disconnect();
      });
      obs.observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-first-screen'],
      });
    },
    { selector, keep },
  );
  await p.goto(`chrome-extension://${tend.extensionId}/${file}`);
  const paints = await until(
    () => p.evaluate(() => ((globalThis as any).__paints.fresh ? (globalThis as any).__paints : undefined)),
    `${file}: the first row painted`,
    30_000,
  );
  // Who answered the navigation: the background worker (the page served with its kept screen in its markup,
  // entrypoints/background/kept-pages.ts) or the extension's files.
  const byWorker = await p.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).workerStart > 0,
  );
  await p.close();
  return { ...(paints as { cached?: number; fresh: number }), byWorker };
}

/**
 * The same page read from its file rather than served by the awake background (entrypoints/background/
 * kept-pages.ts serves only the bare address): what the user sees when the browser has put the worker to sleep.
 */
export const fromFile = (file: string) => `${file}?from=file`;

/** Waits until `page`'s kept screen is also in the cache the background serves it from. */
export async function keptPageServed(page: Page, pagePath: string): Promise<void> {
  await until(
    () =>
      page.evaluate(async ([cache, key]) => (await (await caches.open(cache)).match(key)) !== undefined || undefined, [
        KEPT_PAGES_CACHE,
        keptPageKey(pagePath),
      ] as const),
    `${pagePath}: the kept page served by the background`,
    30_000,
  );
}
