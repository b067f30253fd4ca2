// @vitest-environment happy-dom
/**
 * Both kept screens are kept in two places (components/kept-page.ts): localStorage, for the paint script, and,
 * where a worker serves the page, the whole page in the cache that worker serves it from. Each write of one is
 * a write of the other; a screen that did not change is not written again; forgetting forgets both; a page that
 * no worker serves writes no cache; a failing cache loses nothing and throws nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dropScreen, forgetKeptScreens, keepScreen, type Served, servedHere } from '@/components/kept-page';
import {
  AFTER_PAINT_ATTR,
  CACHED_ATTR,
  FIRST_SCREEN_KEY,
  KEPT_PAGES_CACHE,
  keptPageKey,
  PEOPLE_SCREEN_KEY,
  readFirstScreen,
} from '@/lib/store/first-screen';

const FILES: Record<string, string> = {
  '/popup.html': readFileSync(path.join(__dirname, '../../../entrypoints/popup/index.html'), 'utf8'),
  '/people.html': readFileSync(path.join(__dirname, '../../../entrypoints/people/index.html'), 'utf8'),
};
const BUILD = '/chunks/popup-T.js';

/** A CacheStorage in memory, with the one rule that matters here: only http(s) requests are keys. */
class MemoryCaches {
  caches = new Map<string, Map<string, string>>();
  puts = 0;
  failing = false;
  async open(name: string) {
    if (this.failing) throw new Error('quota');
    const entries = this.caches.get(name) ?? new Map<string, string>();
    this.caches.set(name, entries);
    return {
      put: async (key: string, r: Response) => {
        if (!/^https?:/.test(key)) throw new TypeError(`Request scheme '${key.split(':')[0]}' is unsupported`);
        this.puts += 1;
        entries.set(key, await r.text());
      },
      delete: async (key: string) => entries.delete(key),
      match: async (key: string) => (entries.has(key) ? new Response(entries.get(key)) : undefined),
    };
  }
  async delete(name: string) {
    return this.caches.delete(name);
  }
  page(p: string) {
    return this.caches.get(KEPT_PAGES_CACHE)?.get(keptPageKey(p));
  }
}

function served(mem: MemoryCaches): Served {
  return {
    caches: mem as unknown as CacheStorage,
    fetchFile: async (p) => FILES[p] ?? '',
  };
}

const screen = (name: string, savedAt = 1000) => ({
  build: BUILD,
  computedAt: null,
  savedAt,
  html: `<main><ul><li class="row"><p class="row-name">${name}</p></li></ul></main>`,
});

const rootOf = (html: string | undefined) =>
  new DOMParser().parseFromString(html ?? '', 'text/html').getElementById('root') as HTMLElement;

beforeEach(() => localStorage.clear());

it('keeps each page in both places, and writes again only what changed', async () => {
  const mem = new MemoryCaches();
  const s = served(mem);
  await keepScreen(localStorage, s, screen('Ada Lovelace'), FIRST_SCREEN_KEY);
  await keepScreen(localStorage, s, screen('Bo Berg'), PEOPLE_SCREEN_KEY);
  expect(readFirstScreen(localStorage, BUILD)?.html).toContain('Ada Lovelace');
  const popup = rootOf(mem.page('/popup.html'));
  expect(popup.textContent).toBe('Ada Lovelace');
  expect(popup.getAttribute(CACHED_ATTR)).toBe('1000');
  expect(rootOf(mem.page('/people.html')).textContent).toBe('Bo Berg');
  expect(mem.puts).toBe(2);

  // The same screen again writes nothing; a changed one is written.
  await keepScreen(localStorage, s, screen('Ada Lovelace'), FIRST_SCREEN_KEY);
  expect(mem.puts).toBe(2);
  await keepScreen(localStorage, s, screen('Cy Young', 2000), FIRST_SCREEN_KEY);
  expect(rootOf(mem.page('/popup.html')).textContent).toBe('Cy Young');
  expect(readFirstScreen(localStorage, BUILD)?.html).toContain('Cy Young');
  expect(mem.puts).toBe(3);

  // A cache emptied behind the page's back (a new build, "Delete all data" in another page) is filled again,
  // even with the same screen.
  await mem.delete(KEPT_PAGES_CACHE);
  await keepScreen(localStorage, s, screen('Cy Young', 2000), FIRST_SCREEN_KEY);
  expect(rootOf(mem.page('/popup.html')).textContent).toBe('Cy Young');
});

it("serves the People view with its module named on the paint script, loaded after the first paint; the popup's as its file has it", async () => {
  const mem = new MemoryCaches();
  const s = served(mem);
  await keepScreen(localStorage, s, screen('Ada Lovelace'), FIRST_SCREEN_KEY);
  await keepScreen(localStorage, s, screen('Bo Berg'), PEOPLE_SCREEN_KEY);
  const scripts = (p: string) =>
    [...new DOMParser().parseFromString(mem.page(p) ?? '', 'text/html').querySelectorAll('script')].map((e) => ({
      type: e.getAttribute('type'),
      src: e.getAttribute('src'),
      async: e.async,
      module: e.getAttribute(AFTER_PAINT_ATTR),
    }));
  expect(scripts('/people.html')).toEqual([{ type: null, src: '/kept-paint.js', async: true, module: './main.tsx' }]);
  expect(scripts('/popup.html')).toEqual([{ type: 'module', src: './main.tsx', async: false, module: null }]);
});

it('serves nothing where no worker controls the page (Firefox, whose background is a page)', () => {
  expect(navigator.serviceWorker?.controller ?? null).toBeNull();
  expect(servedHere()).toBeUndefined();
});

it('forgets a page in both places when nobody is known, and every page on "Delete all data"', async () => {
  const mem = new MemoryCaches();
  const s = served(mem);
  await keepScreen(localStorage, s, screen('Ada Lovelace'), FIRST_SCREEN_KEY);
  await keepScreen(localStorage, s, screen('Bo Berg'), PEOPLE_SCREEN_KEY);
  await dropScreen(localStorage, s, FIRST_SCREEN_KEY);
  expect(localStorage.getItem(FIRST_SCREEN_KEY)).toBeNull();
  expect(mem.page('/popup.html')).toBeUndefined();
  expect(mem.page('/people.html')).toBeDefined();
  // Kept again after being forgotten: written, not taken for unchanged.
  await keepScreen(localStorage, s, screen('Ada Lovelace'), FIRST_SCREEN_KEY);
  expect(mem.page('/popup.html')).toBeDefined();

  await forgetKeptScreens(localStorage, mem as unknown as CacheStorage);
  expect(localStorage.getItem(FIRST_SCREEN_KEY)).toBeNull();
  expect(localStorage.getItem(PEOPLE_SCREEN_KEY)).toBeNull();
  expect(mem.caches.has(KEPT_PAGES_CACHE)).toBe(false);
  // Kept again after "Delete all data": written again.
  await keepScreen(localStorage, s, screen('Ada Lovelace'), FIRST_SCREEN_KEY);
  expect(mem.page('/popup.html')).toBeDefined();
});

it('writes no cache where no worker serves the page, and a failing cache or file loses nothing', async () => {
  await keepScreen(localStorage, undefined, screen('Ada Lovelace'), FIRST_SCREEN_KEY);
  expect(readFirstScreen(localStorage, BUILD)?.html).toContain('Ada Lovelace');

  const mem = new MemoryCaches();
  mem.failing = true;
  await expect(keepScreen(localStorage, served(mem), screen('Bo Berg'), FIRST_SCREEN_KEY)).resolves.toBeUndefined();
  expect(readFirstScreen(localStorage, BUILD)?.html).toContain('Bo Berg');

  // A file that cannot be read is read again next time, and then served.
  const ok = new MemoryCaches();
  let fail = true;
  const flaky: Served = {
    caches: ok as unknown as CacheStorage,
    fetchFile: async (p) => {
      if (fail) throw new Error('404');
      return FILES[p] ?? '';
    },
  };
  await keepScreen(localStorage, flaky, screen('Cy Young'), PEOPLE_SCREEN_KEY);
  expect(ok.page('/people.html')).toBeUndefined();
  fail = false;
  await keepScreen(localStorage, flaky, screen('Cy Young'), PEOPLE_SCREEN_KEY);
  expect(rootOf(ok.page('/people.html')).textContent).toBe('Cy Young');
});
