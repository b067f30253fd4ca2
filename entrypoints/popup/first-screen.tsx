import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { dropScreen, keepScreen, type Served } from '@/components/kept-page';
import { whenStill } from '@/components/when-still';
import type { FirstPaint } from '@/lib/store/first-paint';
import { buildId, FIRST_SCREEN_KEY, KEPT_ROWS } from '@/lib/store/first-screen';
import { App } from './App';

/** How long the popup's content must have been still before the first screen is rendered again and kept. */
export const KEEP_AFTER_MS = 800;

/**
 * The popup's first render for `first`, as markup: the same App, rendered off the page in one synchronous commit
 * and unmounted, down to its first KEPT_ROWS rows (the sections after the last of them go too). What the next
 * popup shows at once is exactly the top of what its first render puts in place of it (no jump), and it holds none
 * of this popup's own state (a search typed, a panel open, "Show more").
 */
export function renderFirstScreen(first: FirstPaint): string {
  const host = document.createElement('div');
  const root = createRoot(host);
  try {
    flushSync(() => root.render(<App first={first} />));
    keepTopRows(host, KEPT_ROWS);
    return host.innerHTML;
  } finally {
    root.unmount();
  }
}

/** Removes every list row of the page's main part after the first `n`, and the sections after the last one kept. */
function keepTopRows(host: HTMLElement, n: number) {
  const rows = [...host.querySelectorAll('main li')];
  const last = rows[n - 1];
  if (!last || rows.length <= n) return;
  for (const row of rows.slice(n)) row.remove();
  let below = last.closest('main > *')?.nextElementSibling;
  while (below) {
    const next = below.nextElementSibling;
    below.remove();
    below = next;
  }
}

/**
 * Keeps the popup's first screen in `storage` (lib/store/first-screen.ts), and as the page the awake background
 * serves (`served`, components/kept-page.ts), from what the store holds now: once
 * after the popup has rendered, and again whenever what it shows changes (the nudge list recomputed, a nudge
 * done or snoozed, a contact or the health changed), after KEEP_AFTER_MS of quiet. A store with nothing to show
 * yet (a new user, or after "Delete all data") keeps nothing, so a welcome is never painted from memory.
 */
export function keepFirstScreen(
  root: HTMLElement,
  {
    read,
    storage,
    served,
    head,
    quietMs = KEEP_AFTER_MS,
  }: {
    read: () => Promise<FirstPaint | undefined>;
    storage: Storage;
    /** Where a worker serves the popup from (components/kept-page.ts), if one does. */
    served?: Served;
    /** The page's head, which names the build (lib/store/first-screen.ts `buildId`). */
    head: ParentNode;
    quietMs?: number;
  },
): () => void {
  return whenStill(root, quietMs, async () => {
    try {
      const first = await read();
      // Nobody known yet: the popup shows its welcome, which is never painted from memory.
      if (!first || first.contacts.length === 0) return await dropScreen(storage, served, FIRST_SCREEN_KEY);
      await keepScreen(
        storage,
        served,
        {
          build: buildId(head),
          computedAt: first.nudges?.computedAt ?? null,
          savedAt: Date.now(),
          html: renderFirstScreen(first),
        },
        FIRST_SCREEN_KEY,
      );
    } catch {
      // Nothing kept this time: the next change tries again, and the popup works without it.
    }
  });
}
