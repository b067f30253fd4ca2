// @vitest-environment happy-dom
/** The popup's kept first screen in localStorage: written on change, read back, versioned, corrupt → ignored. */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BUILD_META,
  buildId,
  CACHED_ATTR,
  FIRST_SCREEN_KEY,
  FIRST_SCREEN_MAX_CHARS,
  FIRST_SCREEN_VERSION,
  type FirstScreen,
  forgetFirstScreen,
  KEPT_END_ID,
  KEPT_PAGES,
  keptPage,
  keptPageKey,
  keptScreenKey,
  nameBuild,
  PEOPLE_SCREEN_KEY,
  paintFirstScreen,
  readFirstScreen,
  releaseFirstScreen,
  saveFirstScreen,
} from '@/lib/store/first-screen';

/** A Storage in memory that counts writes. */
class MemoryStorage {
  items = new Map<string, string>();
  writes = 0;
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.writes += 1;
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

const BUILD = '/chunks/popup-AAAA.js /assets/health-BBBB.css';
const HTML =
  '<div class="page"><main><section><ul class="rows"><li class="row">Ada Lovelace</li></ul></section></main></div>';
const screen = (html = HTML, computedAt: number | null = 1000) => ({ build: BUILD, computedAt, savedAt: 2000, html });

it('keeps a screen and reads it back for the same build', () => {
  const s = new MemoryStorage();
  expect(saveFirstScreen(s, screen())).toBe(true);
  expect(readFirstScreen(s, BUILD)).toEqual({ v: FIRST_SCREEN_VERSION, ...screen() });
});

it('writes only when what it shows changed', () => {
  const s = new MemoryStorage();
  expect(saveFirstScreen(s, screen())).toBe(true);
  expect(saveFirstScreen(s, { ...screen(), savedAt: 9999 })).toBe(false);
  expect(s.writes).toBe(1);
  expect(saveFirstScreen(s, screen(HTML.replace('Ada', 'Cy')))).toBe(true);
  expect(saveFirstScreen(s, screen(HTML.replace('Ada', 'Cy'), 1001))).toBe(true);
  expect(s.writes).toBe(3);
  expect(readFirstScreen(s, BUILD)?.html).toContain('Cy Lovelace');
});

it('ignores, and removes, a screen another build or format version wrote', () => {
  const s = new MemoryStorage();
  saveFirstScreen(s, screen());
  expect(readFirstScreen(s, '/chunks/popup-CCCC.js /assets/health-BBBB.css')).toBeUndefined();
  expect(s.items.has(FIRST_SCREEN_KEY)).toBe(false);

  s.setItem(FIRST_SCREEN_KEY, JSON.stringify({ ...screen(), v: FIRST_SCREEN_VERSION + 1 }));
  expect(readFirstScreen(s, BUILD)).toBeUndefined();
  expect(s.items.has(FIRST_SCREEN_KEY)).toBe(false);
});

it.each([
  ['not JSON', '{"v":1,"build":'],
  ['JSON null', 'null'],
  ['an array', '[1,2]'],
  ['a string', '"<div>"'],
  ['no markup', JSON.stringify({ v: 1, build: BUILD, computedAt: 1, savedAt: 2 })],
  ['empty markup', JSON.stringify({ v: 1, build: BUILD, computedAt: 1, savedAt: 2, html: '' })],
  ['markup of the wrong type', JSON.stringify({ v: 1, build: BUILD, computedAt: 1, savedAt: 2, html: 42 })],
  ['a time of the wrong type', JSON.stringify({ v: 1, build: BUILD, computedAt: '1', savedAt: 2, html: HTML })],
  ['no save time', JSON.stringify({ v: 1, build: BUILD, computedAt: 1, html: HTML })],
  [
    'markup too large',
    JSON.stringify({ v: 1, build: BUILD, computedAt: 1, savedAt: 2, html: 'x'.repeat(FIRST_SCREEN_MAX_CHARS + 1) }),
  ],
])('a corrupt record (%s) is ignored, removed, and never painted', (_, raw) => {
  const s = new MemoryStorage();
  s.setItem(FIRST_SCREEN_KEY, raw);
  expect(readFirstScreen(s, BUILD)).toBeUndefined();
  expect(s.items.has(FIRST_SCREEN_KEY)).toBe(false);
  const root = document.createElement('div');
  s.setItem(FIRST_SCREEN_KEY, raw);
  expect(paintFirstScreen(root, s, BUILD)).toBe(false);
  expect(root.innerHTML).toBe('');
  expect(root.hasAttribute('inert')).toBe(false);
});

it('does not keep what cannot be a first screen, and survives a storage that refuses', () => {
  const s = new MemoryStorage();
  expect(saveFirstScreen(s, screen('x'.repeat(FIRST_SCREEN_MAX_CHARS + 1)))).toBe(false);
  expect(saveFirstScreen(s, screen(''))).toBe(false);
  expect(s.writes).toBe(0);

  const full = new MemoryStorage();
  full.setItem = () => {
    throw new DOMException('quota', 'QuotaExceededError');
  };
  expect(saveFirstScreen(full, screen())).toBe(false);

  const broken = new MemoryStorage();
  broken.getItem = () => {
    throw new DOMException('denied', 'SecurityError');
  };
  expect(readFirstScreen(broken, BUILD)).toBeUndefined();
  expect(paintFirstScreen(document.createElement('div'), broken, BUILD)).toBe(false);
});

it('forgets the kept screen', () => {
  const s = new MemoryStorage();
  saveFirstScreen(s, screen());
  forgetFirstScreen(s);
  expect(readFirstScreen(s, BUILD)).toBeUndefined();
});

it('paints the kept screen into the empty root, inert and hidden from assistive technology until React releases it', () => {
  const s = new MemoryStorage();
  saveFirstScreen(s, screen());
  const root = document.createElement('div');
  expect(paintFirstScreen(root, s, BUILD)).toBe(true);
  expect(root.querySelector('li.row')?.textContent).toBe('Ada Lovelace');
  expect(root.getAttribute(CACHED_ATTR)).toBe('2000');
  expect(root.hasAttribute('inert')).toBe(true);
  expect(root.getAttribute('aria-hidden')).toBe('true');
  releaseFirstScreen(root);
  expect([CACHED_ATTR, 'inert', 'aria-hidden'].filter((a) => root.hasAttribute(a))).toEqual([]);
  expect(root.querySelector('li.row')?.textContent).toBe('Ada Lovelace');
});

it('paints nothing without a kept screen, into a root React already filled, or without a root', () => {
  const s = new MemoryStorage();
  const root = document.createElement('div');
  expect(paintFirstScreen(root, s, BUILD)).toBe(false);
  expect(root.hasAttribute(CACHED_ATTR)).toBe(false);
  saveFirstScreen(s, screen());
  root.innerHTML = '<p>React</p>';
  expect(paintFirstScreen(root, s, BUILD)).toBe(false);
  expect(root.innerHTML).toBe('<p>React</p>');
  expect(paintFirstScreen(null, s, BUILD)).toBe(false);
});

it("names a build by its head's scripts and stylesheets, not by its preloads", () => {
  // A template's content loads nothing: the same elements as popup.html's head, without fetching them.
  const head = document.createElement('template');
  head.innerHTML =
    '<script type="module" src="/chunks/popup-AAAA.js"></script><link rel="modulepreload" href="/chunks/db-X.js"><link rel="stylesheet" href="/assets/health-BBBB.css">';
  expect(buildId(head.content)).toBe(BUILD);
});

it('names a build as the build named it in the page, where its module script is no longer in the head', () => {
  const head = document.createElement('template');
  head.innerHTML = `<meta name="${BUILD_META}" content="${nameBuild(['/chunks/popup-AAAA.js', '/assets/health-BBBB.css'])}"><link rel="stylesheet" href="/assets/health-BBBB.css" disabled>`;
  expect(buildId(head.content)).toBe(BUILD);
  // Another build's module script, same stylesheet: another build.
  head.innerHTML = `<meta name="${BUILD_META}" content="${nameBuild(['/chunks/popup-CCCC.js', '/assets/health-BBBB.css'])}"><link rel="stylesheet" href="/assets/health-BBBB.css" disabled>`;
  expect(buildId(head.content)).not.toBe(BUILD);
});

it('names the kept screen of the page the paint script runs in, and none for another page', () => {
  expect(keptScreenKey('/popup.html')).toBe(FIRST_SCREEN_KEY);
  expect(keptScreenKey('/people.html')).toBe(PEOPLE_SCREEN_KEY);
  // Opened on another view than its own: nothing kept is painted. Another query (the bench's) changes nothing.
  expect(keptScreenKey('/people.html', '?filter=drifting')).toBeNull();
  expect(keptScreenKey('/popup.html', '?from=file')).toBe(FIRST_SCREEN_KEY);
  expect(keptScreenKey('/options.html')).toBeNull();
  expect(keptScreenKey('/sidepanel.html')).toBeNull();
});

describe('the page served with its kept screen (keptPage)', () => {
  // The pages' own files, as written (the build keeps the root and the paint script as they are).
  const template = (page: 'popup' | 'people') =>
    readFileSync(path.join(__dirname, '../../../entrypoints', page, 'index.html'), 'utf8');
  const record = (html = HTML): FirstScreen => ({ v: FIRST_SCREEN_VERSION, ...screen(html) });

  it.each(['popup', 'people'] as const)(
    "puts the kept screen into the %s page's root, marked as the paint script marks it, without the script",
    (page) => {
      const served = keptPage(template(page), record());
      expect(served).not.toBeNull();
      const doc = new DOMParser().parseFromString(served ?? '', 'text/html');
      const root = doc.getElementById('root') as HTMLElement;
      expect(root.innerHTML).toBe(HTML);
      expect(root.getAttribute(CACHED_ATTR)).toBe('2000');
      expect(root.hasAttribute('inert')).toBe(true);
      expect(root.getAttribute('aria-hidden')).toBe('true');
      expect(doc.querySelector('script[src="/kept-paint.js"]')).toBeNull();
      // Its rendering waits for the whole kept screen: the element it names comes right after the root.
      const expectLink = doc.head.querySelector('link[rel="expect"]');
      expect(expectLink?.getAttribute('blocking')).toBe('render');
      expect(expectLink?.getAttribute('href')).toBe(`#${KEPT_END_ID}`);
      expect(root.nextElementSibling?.id).toBe(KEPT_END_ID);
      expect(doc.querySelectorAll(`#${KEPT_END_ID}`)).toHaveLength(1);
      // Everything else of the page is as the file has it: its module, its title, its body's class.
      const file = new DOMParser().parseFromString(template(page), 'text/html');
      expect(doc.title).toBe(file.title);
      expect(doc.body.className).toBe(file.body.className);
      expect([...doc.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src'))).toEqual(
        [...file.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src')),
      );
      // Painted by the paint script from localStorage, the root would hold exactly the same.
      const painted = file.getElementById('root') as HTMLElement;
      const s = new MemoryStorage();
      saveFirstScreen(s, screen());
      expect(paintFirstScreen(painted, s, BUILD)).toBe(true);
      expect(painted.outerHTML).toBe(root.outerHTML);
    },
  );

  it('keeps markup with "$" in it as written (a name, a subject: never read as a replacement pattern)', () => {
    const html = '<p class="row-name">$&amp; $1 $$ $` Cash</p>';
    const served = keptPage(template('popup'), record(html)) ?? '';
    expect(new DOMParser().parseFromString(served, 'text/html').getElementById('root')?.innerHTML).toBe(html);
  });

  it('serves nothing from a file of another shape, or for what cannot be a kept screen', () => {
    const popup = template('popup');
    expect(keptPage(popup.replace('<div id="root"></div>', '<div id="app"></div>'), record())).toBeNull();
    expect(keptPage(popup.replace(/<script[^>]*kept-paint[^>]*><\/script>/, ''), record())).toBeNull();
    expect(
      keptPage(popup.replace('<div id="root"></div>', '<div id="root"></div><div id="root"></div>'), record()),
    ).toBeNull();
    expect(keptPage(popup, record(''))).toBeNull();
    expect(keptPage(popup.replace('</head>', ''), record())).toBeNull();
    expect(keptPage(popup, record('x'.repeat(FIRST_SCREEN_MAX_CHARS + 1)))).toBeNull();
  });

  it('keys a page in the cache by an address that can never be fetched (the cache refuses the extension scheme)', () => {
    expect(Object.keys(KEPT_PAGES)).toEqual(['/popup.html', '/people.html']);
    for (const path of Object.keys(KEPT_PAGES)) {
      const key = new URL(keptPageKey(path));
      expect(key.protocol).toBe('https:');
      expect(key.hostname.endsWith('.invalid')).toBe(true);
      expect(key.pathname).toBe(path);
    }
  });
});
