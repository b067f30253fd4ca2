import {
  FIRST_SCREEN_VERSION,
  type FirstScreen,
  forgetFirstScreen,
  KEPT_PAGES,
  KEPT_PAGES_CACHE,
  KEPT_SCREEN_KEYS,
  type KeptPagePath,
  keptPage,
  keptPageKey,
  MODULE_AFTER_PAINT,
  saveFirstScreen,
} from '@/lib/store/first-screen';

/**
 * What both kept screens use to keep themselves (entrypoints/popup/first-screen.tsx, entrypoints/people): in
 * `localStorage` for /kept-paint.js, and, where a service worker controls the page (Chromium's background),
 * as the whole page in the cache that worker serves it from while it is awake (lib/store/first-screen.ts,
 * KEPT_PAGES_CACHE). Firefox's background is a page, not a worker: there the cache is never written.
 */
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Where a worker serves this page from: the cache, and how the page reads its own file to fill it. */
export interface Served {
  caches: CacheStorage;
  /** Reads the page's own file, as built (not the served copy: the worker serves navigations only). */
  fetchFile: (path: string) => Promise<string>;
}

/** This page's, or undefined where no worker controls it (Firefox, or no worker yet): nothing would read it. */
export function servedHere(): Served | undefined {
  if (typeof caches === 'undefined' || !navigator.serviceWorker?.controller) return undefined;
  // The page's file does not change while the page is open: read once (a failed read is tried again).
  const files = new Map<string, Promise<string>>();
  return {
    caches,
    fetchFile: (path) => {
      let file = files.get(path);
      if (!file) {
        file = fetch(path, { cache: 'no-store' }).then((r) => {
          if (!r.ok) throw new Error(`${path}: ${r.status}`);
          return r.text();
        });
        files.set(path, file);
        file.catch(() => files.delete(path));
      }
      return file;
    },
  };
}

function pathOf(key: string): KeptPagePath {
  const found = (Object.keys(KEPT_PAGES) as KeptPagePath[]).find((p) => KEPT_PAGES[p] === key);
  if (!found) throw new Error(`no page keeps ${key}`);
  return found;
}

/**
 * Keeps `screen` as the page's kept screen in both places. Never throws and never rejects: a page that cannot
 * keep its screen (storage refused, a quota, a file of another shape) paints as it always could next time.
 */
export async function keepScreen(
  storage: Store,
  served: Served | undefined,
  screen: Omit<FirstScreen, 'v'>,
  key: string,
): Promise<void> {
  const changed = saveFirstScreen(storage, screen, key);
  if (!served) return;
  const path = pathOf(key);
  try {
    const page = keptPage(
      await served.fetchFile(path),
      { v: FIRST_SCREEN_VERSION, ...screen },
      { afterPaint: MODULE_AFTER_PAINT.has(path) },
    );
    const cache = await served.caches.open(KEPT_PAGES_CACHE);
    if (page === null) return void (await cache.delete(keptPageKey(path)));
    // What localStorage already held is not written again, unless the cache lost it ("Delete all data" in
    // another page, or a new build, empties the cache behind this page's back).
    if (!changed && (await cache.match(keptPageKey(path)))) return;
    await cache.put(keptPageKey(path), new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  } catch {
    // Not served this time: the page is read from its file, and the paint script paints the kept screen.
  }
}

/** Forgets the page's kept screen in both places (nobody known yet). */
export async function dropScreen(storage: Store, served: Served | undefined, key: string): Promise<void> {
  forgetFirstScreen(storage, key);
  const path = pathOf(key);
  try {
    await (await served?.caches.open(KEPT_PAGES_CACHE))?.delete(keptPageKey(path));
  } catch {
    // Nothing cached, or no cache to open: nothing to forget.
  }
}

/** "Delete all data": every kept screen names people, in either place. */
export async function forgetKeptScreens(storage: Store, cacheStorage: CacheStorage | undefined): Promise<void> {
  for (const key of KEPT_SCREEN_KEYS) forgetFirstScreen(storage, key);
  try {
    await cacheStorage?.delete(KEPT_PAGES_CACHE);
  } catch {
    // No cache to delete.
  }
}
